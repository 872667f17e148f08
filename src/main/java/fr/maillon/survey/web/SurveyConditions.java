package fr.maillon.survey.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.javarosa.xpath.expr.XPathBoolExpr;
import org.javarosa.xpath.expr.XPathCmpExpr;
import org.javarosa.xpath.expr.XPathEqExpr;
import org.javarosa.xpath.expr.XPathExpression;
import org.javarosa.xpath.expr.XPathFuncExpr;
import org.javarosa.xpath.expr.XPathNumericLiteral;
import org.javarosa.xpath.expr.XPathPathExpr;
import org.javarosa.xpath.expr.XPathStep;
import org.javarosa.xpath.expr.XPathStringLiteral;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import fr.maillon.survey.Question;
import fr.maillon.survey.QuestionKind;
import fr.maillon.survey.Section;
import fr.maillon.survey.Survey;
import fr.maillon.survey.SurveyLogic;

/**
 * A question's or a section's condition as the public page and the paper form write it: in words
 * when it is simple ("Seulement si « Avez-vous des enfants ? » est « Oui » :"), read from the tree
 * JavaRosa parsed (comparisons, and, or, not(), selected()); otherwise "Ne répondez que si cela
 * vous concerne". Also the XPath the page's script evaluates, the same as the server's.
 */
@Component("surveyConditions")
public class SurveyConditions {

    private final MessageSource messages;

    SurveyConditions(MessageSource messages) {
        this.messages = messages;
    }

    /** The XPath the browser evaluates for an expression (null for none). */
    public @Nullable String xpath(@Nullable String expression) {
        return expression == null ? null : SurveyLogic.xpath(expression);
    }

    public @Nullable String question(Survey survey, Question question, Locale locale) {
        return question.relevant() == null ? null : sentence(survey, question.relevant(), question, locale);
    }

    public @Nullable String section(Survey survey, Section section, Locale locale) {
        return section.relevant() == null ? null : sentence(survey, section.relevant(), null, locale);
    }

    /** The default message of a question's constraint, or its own. */
    public String constraintMessage(Question question, Locale locale) {
        String own = question.constraintMessage(locale);
        return own != null ? own : messages.getMessage("survey.answer.constraint", null, locale);
    }

    private String sentence(Survey survey, String expression, @Nullable Question self, Locale locale) {
        String words = SurveyLogic.parse(expression).map(parsed -> words(survey, parsed, self, locale)).orElse(null);
        return words == null ? messages.getMessage("survey.public.whenConcerned", null, locale)
                : messages.getMessage("survey.public.when", new Object[] { words }, locale);
    }

    private @Nullable String words(Survey survey, XPathExpression expression, @Nullable Question self,
            Locale locale) {
        if (expression instanceof XPathBoolExpr bool) {
            String a = words(survey, bool.a, self, locale);
            String b = words(survey, bool.b, self, locale);
            return a == null || b == null ? null : a + message(bool.op == XPathBoolExpr.AND ? "survey.words.and"
                    : "survey.words.or", locale) + b;
        }
        if (expression instanceof XPathEqExpr eq) {
            return comparison(survey, eq.a, eq.b, self, eq.equal ? "survey.words.is" : "survey.words.isNot", locale);
        }
        if (expression instanceof XPathCmpExpr cmp) {
            String code = switch (cmp.op) {
                case XPathCmpExpr.LT -> "survey.words.lt";
                case XPathCmpExpr.LTE -> "survey.words.lte";
                case XPathCmpExpr.GT -> "survey.words.gt";
                default -> "survey.words.gte";
            };
            return comparison(survey, cmp.a, cmp.b, self, code, locale);
        }
        if (expression instanceof XPathFuncExpr function) {
            String name = function.id.toString();
            if ("selected".equals(name) && function.args.length == 2) {
                return comparison(survey, function.args[0], function.args[1], self, "survey.words.selected", locale);
            }
            if ("not".equals(name) && function.args.length == 1) {
                XPathExpression inner = function.args[0];
                if (inner instanceof XPathEqExpr eq) {
                    return comparison(survey, eq.a, eq.b, self, eq.equal ? "survey.words.isNot" : "survey.words.is",
                            locale);
                }
                if (inner instanceof XPathFuncExpr selected && "selected".equals(selected.id.toString())
                        && selected.args.length == 2) {
                    return comparison(survey, selected.args[0], selected.args[1], self, "survey.words.notSelected",
                            locale);
                }
            }
        }
        return null;
    }

    /** "« label » est « choice »" when one side is a question and the other a value. */
    private @Nullable String comparison(Survey survey, XPathExpression a, XPathExpression b, @Nullable Question self,
            String code, Locale locale) {
        Optional<Question> question = question(survey, a, self);
        XPathExpression value = b;
        if (question.isEmpty()) {
            question = question(survey, b, self);
            value = a;
            if (question.isEmpty() || !code.startsWith("survey.words.is")) {
                return null;
            }
        }
        String literal = literal(value);
        if (literal == null) {
            return null;
        }
        Question on = question.get();
        String label = self != null && on.id() == self.id() ? message("survey.words.this", locale)
                : "« " + abbreviate(on.label(locale)) + " »";
        return messages.getMessage(code, new Object[] { label, valueLabel(on, literal, locale) }, locale);
    }

    private static Optional<Question> question(Survey survey, XPathExpression expression, @Nullable Question self) {
        if (!(expression instanceof XPathPathExpr path) || path.filtExpr != null) {
            return Optional.empty();
        }
        XPathStep[] steps = path.steps;
        if (path.init_context == XPathPathExpr.INIT_CONTEXT_RELATIVE && steps.length == 1
                && steps[0].axis == XPathStep.AXIS_SELF && self != null) {
            return Optional.of(self);
        }
        if (path.init_context == XPathPathExpr.INIT_CONTEXT_ROOT && steps.length == 2
                && steps[0].test == XPathStep.TEST_NAME && "data".equals(steps[0].name.toString())
                && steps[1].test == XPathStep.TEST_NAME && steps[0].predicates.length == 0
                && steps[1].predicates.length == 0) {
            return survey.question(steps[1].name.toString());
        }
        return Optional.empty();
    }

    private static @Nullable String literal(XPathExpression expression) {
        if (expression instanceof XPathStringLiteral string) {
            return string.s;
        }
        if (expression instanceof XPathNumericLiteral number && Double.isFinite(number.d)) {
            return BigDecimal.valueOf(number.d).stripTrailingZeros().toPlainString();
        }
        return null;
    }

    private String valueLabel(Question question, String value, Locale locale) {
        if (question.kind() == QuestionKind.YES_NO && List.of("yes", "no", "true", "false").contains(value)) {
            return message(value.equals("yes") || value.equals("true") ? "survey.yes" : "survey.no", locale);
        }
        if (question.kind() == QuestionKind.AGREEMENT && value.matches("[1-5]")) {
            return message("survey.agreement." + value, locale);
        }
        if (question.kind().hasChoices()) {
            return abbreviate(question.choiceLabel(value, locale));
        }
        return value;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 79) + "…";
    }

    private String message(String code, Locale locale) {
        return messages.getMessage(code, null, locale);
    }

    /** Every condition of the questionnaire in words, for tests and the paper form. */
    List<String> all(Survey survey, Locale locale) {
        List<String> all = new ArrayList<>();
        survey.sections().forEach(section -> {
            String words = section(survey, section, locale);
            if (words != null) {
                all.add(words);
            }
        });
        survey.questions().forEach(question -> {
            String words = question(survey, question, locale);
            if (words != null) {
                all.add(words);
            }
        });
        return all;
    }
}
