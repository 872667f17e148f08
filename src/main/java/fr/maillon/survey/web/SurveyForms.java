package fr.maillon.survey.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;

import fr.maillon.survey.Audience;
import fr.maillon.survey.Choice;
import fr.maillon.survey.Question;
import fr.maillon.survey.Section;
import fr.maillon.survey.SectionDraft;
import fr.maillon.survey.QuestionDraft;
import fr.maillon.survey.QuestionKind;
import fr.maillon.survey.Statistic;
import fr.maillon.survey.Survey;
import fr.maillon.survey.SurveyDraft;
import fr.maillon.survey.Wave;
import fr.maillon.survey.WaveDraft;

/** The forms of the survey builder. */
public final class SurveyForms {

    private SurveyForms() {
    }

    public record SurveyForm(@Nullable String title, @Nullable String titleEn, @Nullable String introduction,
            @Nullable Audience audience, @Nullable String consentText, @Nullable Integer version) {

        static SurveyForm empty() {
            return new SurveyForm("", "", "", Audience.HABITANTS, "", null);
        }

        static SurveyForm of(Survey survey) {
            return new SurveyForm(survey.title(), survey.titleEn(), survey.introduction(), survey.audience(),
                    survey.consentText(), survey.version());
        }

        SurveyDraft toDraft() {
            return new SurveyDraft(title, titleEn, introduction, audience, consentText);
        }
    }

    /** A section; its fields are named apart from the survey's own title fields, shown on the same page. */
    /** A section; with rows (one per line) and a scale (one choice per line), a new matrix. */
    public record SectionForm(@Nullable String sectionTitle, @Nullable String sectionTitleEn,
            @Nullable Long sectionParentId, @Nullable String sectionRelevant, @Nullable String sectionScale,
            @Nullable String sectionRows, @Nullable Boolean sectionRequired) {

        static SectionForm empty() {
            return new SectionForm("", "", null, "", "", "", false);
        }

        static SectionForm of(Section section) {
            return new SectionForm(section.title(), section.titleEn(), section.parentId(), section.relevant(), "", "",
                    false);
        }

        boolean matrix() {
            return sectionRows != null && !sectionRows.isBlank();
        }

        List<String> scale() {
            return sectionScale == null ? List.of() : sectionScale.lines().toList();
        }

        List<String> rows() {
            return sectionRows == null ? List.of() : sectionRows.lines().toList();
        }

        SectionDraft toDraft() {
            return new SectionDraft(sectionTitle, sectionTitleEn, sectionParentId, sectionRelevant);
        }

        static final java.util.Map<String, String> FIELDS = java.util.Map.of("title", "sectionTitle", "titleEn",
                "sectionTitleEn", "parentId", "sectionParentId", "relevant", "sectionRelevant", "scale", "sectionScale",
                "rows", "sectionRows");
    }

    /**
     * A question; choices are typed one per line (in English in a second list, same order), and
     * the condition is one "question id:value" pair.
     */
    public record QuestionForm(@Nullable Long sectionId, @Nullable String code, @Nullable QuestionKind kind,
            @Nullable String label, @Nullable String labelEn, @Nullable String hint, @Nullable String hintEn,
            @Nullable Boolean required, @Nullable Boolean personalData, @Nullable BigDecimal minimum,
            @Nullable BigDecimal maximum, @Nullable String condition, @Nullable String choices,
            @Nullable String choicesEn, @Nullable Integer version, @Nullable String relevant,
            @Nullable String constraint, @Nullable String constraintMessage, @Nullable String constraintMessageEn,
            @Nullable Boolean orOther) {

        static QuestionForm empty() {
            return new QuestionForm(null, "", QuestionKind.SINGLE, "", "", "", "", false, false, null, null, "", "",
                    "", null, "", "", "", "", false);
        }

        static QuestionForm of(Question question) {
            return new QuestionForm(question.sectionId(), question.code(), question.kind(), question.label(),
                    question.labelEn(), question.hint(), question.hintEn(), question.required(),
                    question.personalData(), question.minimum(), question.maximum(),
                    question.conditionQuestionId() == null ? "" : question.conditionQuestionId() + ":"
                            + question.conditionValues().get(0),
                    String.join("\n", question.choices().stream()
                            .filter(choice -> !question.takesOther() || !Question.OTHER.equals(choice.code()))
                            .map(Choice::label).toList()),
                    String.join("\n", question.choices().stream()
                            .filter(choice -> !question.takesOther() || !Question.OTHER.equals(choice.code()))
                            .map(choice -> choice.labelEn() == null ? "" : choice.labelEn()).toList()),
                    question.version(), question.relevant(), question.constraint(), question.constraintMessage(),
                    question.constraintMessageEn(), question.orOther());
        }

        /** The draft; a choice keeps its code when its label is unchanged. */
        QuestionDraft toDraft(@Nullable Question current) {
            List<String> labels = lines(choices);
            List<String> english = lines(choicesEn);
            List<Choice> list = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                String label = labels.get(i);
                String code = current == null ? null : current.choices().stream()
                        .filter(choice -> choice.label().equals(label)).map(Choice::code).findFirst().orElse(null);
                list.add(new Choice(code, label, i < english.size() && !english.get(i).isBlank() ? english.get(i)
                        : null));
            }
            Long conditionQuestion = null;
            List<String> conditionValues = null;
            if (condition != null && condition.matches("\\d{1,18}:.+")) {
                conditionQuestion = Long.parseLong(condition.substring(0, condition.indexOf(':')));
                conditionValues = List.of(condition.substring(condition.indexOf(':') + 1));
            }
            if (Boolean.TRUE.equals(orOther) && current != null) {
                current.choices().stream().filter(choice -> Question.OTHER.equals(choice.code())).findFirst()
                        .ifPresent(list::add);
            }
            return new QuestionDraft(sectionId, code, kind, label, labelEn, hint, hintEn, required, personalData,
                    minimum, maximum, conditionQuestion, conditionValues, list, relevant, constraint,
                    constraintMessage, constraintMessageEn, orOther);
        }

        private static List<String> lines(@Nullable String text) {
            return text == null || text.isBlank() ? List.of()
                    : Arrays.stream(text.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
        }
    }

    public record WaveForm(@Nullable String label,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE, fallbackPatterns = "dd/MM/yyyy") @Nullable LocalDate opensOn,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE, fallbackPatterns = "dd/MM/yyyy") @Nullable LocalDate closesOn,
            @Nullable String period, @Nullable Integer version) {

        static WaveForm empty() {
            return new WaveForm("", null, null, "", null);
        }

        /** The wave as stored, its days in the given zone (the application's). */
        static WaveForm of(Wave wave, ZoneId zone) {
            return new WaveForm(wave.label(), wave.firstDay(zone), wave.lastDay(zone), wave.period(), wave.version());
        }

        WaveDraft toDraft() {
            return new WaveDraft(label, opensOn, closesOn, period);
        }
    }

    public record FeedForm(@Nullable Long indicatorId, @Nullable Long questionId, @Nullable Statistic statistic,
            @Nullable String choiceCode, @Nullable Long breakdownQuestionId) {
    }
}
