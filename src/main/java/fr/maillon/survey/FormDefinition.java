package fr.maillon.survey;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A questionnaire read from another tool's file (XLSForm, XForm, Kobo, LimeSurvey), before it
 * becomes a survey: its items in the file's order, groups holding their own items.
 *
 * <p>Expressions ({@code relevant}, {@code constraint}) are XPath as XLSForm writes it: other
 * questions are referred to as {@code ${name}} by their {@link Field#name()}, the question itself
 * as {@code .}; for example {@code ${age} >= 18 and selected(${aides}, 'caf')}.
 */
public record FormDefinition(String title, @Nullable String titleEn, List<Item> items) {

    public FormDefinition {
        items = List.copyOf(items);
    }

    /** A group or a question. */
    public sealed interface Item permits Group, Field {
    }

    /**
     * A group of questions (a section), shown only when {@code relevant} holds, if it has one;
     * {@code matrix} when its questions are single choices sharing one scale, shown as a grid.
     */
    public record Group(String name, String title, @Nullable String titleEn, @Nullable String relevant,
            boolean matrix, List<Item> items) implements Item {

        public Group {
            items = List.copyOf(items);
        }
    }

    /**
     * A question: asked only when {@code relevant} holds, if it has one; its answer refused unless
     * {@code constraint} holds, with {@code constraintMessage}; {@code orOther} adds an "Autre" choice
     * with its own text.
     */
    public record Field(String name, QuestionKind kind, String label, @Nullable String labelEn, @Nullable String hint,
            @Nullable String hintEn, boolean required, @Nullable String relevant, @Nullable String constraint,
            @Nullable String constraintMessage, @Nullable String constraintMessageEn, @Nullable BigDecimal minimum,
            @Nullable BigDecimal maximum, List<Choice> choices, boolean orOther) implements Item {

        public Field {
            choices = List.copyOf(choices);
        }
    }

    /** Every question, groups flattened, in order. */
    public List<Field> fields() {
        return fields(items).toList();
    }

    private static Stream<Field> fields(List<Item> items) {
        return items.stream().flatMap(item -> item instanceof Group group ? fields(group.items())
                : Stream.of((Field) item));
    }
}
