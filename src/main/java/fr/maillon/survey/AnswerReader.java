package fr.maillon.survey;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import fr.maillon.web.Texts;

/**
 * Reads a filled questionnaire (form fields {@code q<id>}, each with one or more values, and
 * {@code q<id>_other} for the text of an "Autre" choice) against the survey's rules: a question
 * that is not relevant (its simple condition, its expression or a section's expression does not
 * hold) is ignored and its answer dropped; a relevant required question must be answered; each
 * answer has the kind's type and limits and meets its constraint; personal data needs consent,
 * and is never required, so that a person who declines can always send the rest.
 */
public final class AnswerReader {

    private static final int SHORT_TEXT = 300;
    private static final int LONG_TEXT = 4000;

    /** What is wrong with an answer. */
    private record Refusal(String code) {
    }

    private AnswerReader() {
    }

    public static String field(Question question) {
        return "q" + question.id();
    }

    /** The field of the text given with a question's "Autre" choice. */
    public static String otherField(Question question) {
        return "q" + question.id() + "_" + Question.OTHER;
    }

    public static Answers read(Survey survey, Map<String, List<String>> form, boolean consent) {
        // a questionnaire without expressions (most, and large imports) needs no XPath instance
        boolean expressions = survey.questions().stream()
                .anyMatch(question -> question.relevant() != null || question.constraint() != null)
                || survey.sections().stream().anyMatch(section -> section.relevant() != null);
        SurveyLogic logic = expressions ? SurveyLogic.of(survey) : null;
        SurveyLogic.Instance instance = expressions ? SurveyLogic.Instance.of(survey) : null;
        Map<Long, Object> candidates = new LinkedHashMap<>();
        Map<Long, Refusal> refusals = new HashMap<>();
        Map<Long, String> others = new HashMap<>();
        for (Question question : survey.questions()) {
            List<String> given = given(form, field(question));
            if (given.isEmpty()) {
                continue;
            }
            Object value = value(question, given);
            if (value instanceof Refusal refusal) {
                refusals.put(question.id(), refusal);
                continue;
            }
            candidates.put(question.id(), value);
            if (instance != null) {
                instance.set(question, value);
            }
            if (question.takesOther() && given.contains(Question.OTHER)) {
                String text = String.join(" ", given(form, otherField(question)));
                if (!text.isEmpty()) {
                    others.put(question.id(), text);
                    if (instance != null) {
                        instance.setOther(question, text);
                    }
                }
            }
        }
        // in order, each question sees the answers kept so far: those not asked are dropped
        Map<Long, Object> values = new LinkedHashMap<>(candidates);
        Map<Long, String> errors = new HashMap<>();
        for (Question question : survey.questions()) {
            if (logic == null || instance == null ? !shown(question, values)
                    : !logic.relevant(survey, question, values, instance)) {
                values.remove(question.id());
                others.remove(question.id());
                if (instance != null) {
                    instance.set(question, null);
                    instance.setOther(question, null);
                }
                continue;
            }
            Refusal refusal = refusals.get(question.id());
            if (refusal != null) {
                errors.put(question.id(), refusal.code());
                continue;
            }
            if (!values.containsKey(question.id())) {
                if (question.required() && !question.personalData()) {
                    errors.put(question.id(), "survey.answer.required");
                }
                continue;
            }
            if (question.personalData() && !consent) {
                errors.put(question.id(), "survey.answer.consent");
                continue;
            }
            String other = others.get(question.id());
            if (other != null && (other.length() > SHORT_TEXT || Texts.hasControlCharacters(other))) {
                errors.put(question.id(), "survey.answer.other");
                continue;
            }
            if (logic != null && instance != null && !logic.accepted(question, instance)) {
                errors.put(question.id(), "survey.answer.constraint");
                // what follows reads a refused answer as no answer
                instance.set(question, null);
                instance.setOther(question, null);
            }
        }
        values.keySet().removeAll(errors.keySet());
        return new Answers(values, errors, consent, others);
    }

    private static List<String> given(Map<String, List<String>> form, String field) {
        return form.getOrDefault(field, List.of()).stream().filter(value -> value != null && !value.isBlank())
                .map(String::strip).toList();
    }

    /** Whether a question is asked, given the answers so far: no condition, or its condition met. */
    public static boolean shown(Question question, Map<Long, Object> answers) {
        if (question.conditionQuestionId() == null) {
            return true;
        }
        Object answer = answers.get(question.conditionQuestionId());
        List<String> given = answer instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : answer == null ? List.of() : List.of(String.valueOf(answer));
        return given.stream().anyMatch(question.conditionValues()::contains);
    }

    /** The answer's value, or the code of what is wrong with it. */
    private static Object value(Question question, List<String> given) {
        String first = given.get(0);
        return switch (question.kind()) {
            case SINGLE -> given.size() == 1 && question.values().contains(first) ? first
                    : new Refusal("survey.answer.choice");
            case MULTIPLE -> {
                List<String> codes = new ArrayList<>(new LinkedHashSet<>(given));
                yield codes.size() <= question.choices().size() && question.values().containsAll(codes)
                        ? question.values().stream().filter(codes::contains).toList()
                        : new Refusal("survey.answer.choice");
            }
            case AGREEMENT -> given.size() == 1 && first.matches("[1-5]") ? Integer.parseInt(first)
                    : new Refusal("survey.answer.level");
            case YES_NO -> given.size() == 1 && (first.equals("true") || first.equals("false"))
                    ? Boolean.parseBoolean(first) : new Refusal("survey.answer.yesNo");
            case NUMBER -> number(question, given);
            case SHORT_TEXT -> text(given, SHORT_TEXT);
            case LONG_TEXT -> text(given, LONG_TEXT);
        };
    }

    private static Object number(Question question, List<String> given) {
        String cleaned = given.get(0).replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace(',', '.');
        if (given.size() != 1 || !cleaned.matches("-?\\d{1,14}(\\.\\d{1,4})?")) {
            return new Refusal("survey.answer.number");
        }
        BigDecimal number = new BigDecimal(cleaned);
        if ((question.minimum() != null && number.compareTo(question.minimum()) < 0)
                || (question.maximum() != null && number.compareTo(question.maximum()) > 0)) {
            return new Refusal("survey.answer.range");
        }
        return number;
    }

    private static Object text(List<String> given, int max) {
        String text = String.join(" ", given);
        return text.length() > max || Texts.hasControlCharacters(text) ? new Refusal("survey.answer.text") : text;
    }
}
