package fr.maillon.survey;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A question of a survey. It is shown only when {@code conditionQuestionId}'s answer is among
 * {@code conditionValues} (choice codes, levels 1–5, or true/false), if it has a condition, and
 * when its {@code relevant} expression holds, if it has one (and its sections' too, see
 * {@link SurveyLogic}). Its answer is refused unless {@code constraint} holds, with
 * {@code constraintMessage}. {@code orOther}: its choices end with "Autre" (code {@value #OTHER}),
 * whose answer comes with its own text.
 */
public record Question(long id, long surveyId, @Nullable Long sectionId, String code, QuestionKind kind, String label,
        @Nullable String labelEn, @Nullable String hint, @Nullable String hintEn, boolean required,
        boolean personalData, @Nullable BigDecimal minimum, @Nullable BigDecimal maximum,
        @Nullable Long conditionQuestionId, @Nullable List<String> conditionValues, int position, List<Choice> choices,
        int version, @Nullable String relevant, @Nullable String constraint, @Nullable String constraintMessage,
        @Nullable String constraintMessageEn, boolean orOther) {

    /** The code of the "Autre" choice of a question with {@code orOther}, as XLSForm names it. */
    public static final String OTHER = "other";

    public Question {
        choices = List.copyOf(choices);
    }

    /** A question without expressions (as before they existed). */
    public Question(long id, long surveyId, @Nullable Long sectionId, String code, QuestionKind kind, String label,
            @Nullable String labelEn, @Nullable String hint, @Nullable String hintEn, boolean required,
            boolean personalData, @Nullable BigDecimal minimum, @Nullable BigDecimal maximum,
            @Nullable Long conditionQuestionId, @Nullable List<String> conditionValues, int position,
            List<Choice> choices, int version) {
        this(id, surveyId, sectionId, code, kind, label, labelEn, hint, hintEn, required, personalData, minimum,
                maximum, conditionQuestionId, conditionValues, position, choices, version, null, null, null, null,
                false);
    }

    public @Nullable String constraintMessage(Locale locale) {
        return english(locale) && constraintMessageEn != null ? constraintMessageEn : constraintMessage;
    }

    /** Its condition as the XPath evaluated, on the server and in the page (null: none). */
    public @Nullable String relevantXPath() {
        return relevant == null ? null : SurveyLogic.xpath(relevant);
    }

    /** Its rule as the XPath evaluated, on the server and in the page (null: none). */
    public @Nullable String constraintXPath() {
        return constraint == null ? null : SurveyLogic.xpath(constraint);
    }

    /** Whether its answer may come with a text of its own ("Autre : …"). */
    public boolean takesOther() {
        return orOther && kind.hasChoices();
    }

    public String label(Locale locale) {
        return english(locale) && labelEn != null ? labelEn : label;
    }

    public @Nullable String hint(Locale locale) {
        return english(locale) && hintEn != null ? hintEn : hint;
    }

    public String choiceLabel(String code, Locale locale) {
        return choices.stream().filter(choice -> choice.code().equals(code)).findFirst()
                .map(choice -> english(locale) && choice.labelEn() != null ? choice.labelEn() : choice.label())
                .orElse(code);
    }

    /** The values an answer may take, in order: choice codes, levels 1 to 5, true/false; empty for others. */
    public List<String> values() {
        return switch (kind) {
            case SINGLE, MULTIPLE -> choices.stream().map(Choice::code).toList();
            case AGREEMENT -> List.of("1", "2", "3", "4", "5");
            case YES_NO -> List.of("true", "false");
            default -> List.of();
        };
    }

    private static boolean english(Locale locale) {
        return "en".equals(locale.getLanguage());
    }
}
