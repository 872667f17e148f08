package fr.maillon.framework;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An indicator's values as recorded (who entered each, when, from where, with what comment) and their
 * history; for an indicator a survey feeds, the survey's values too: where both give a value for the
 * same period, the survey's counts and the typed one is kept, shown as replaced.
 */
public record ValueLog(Indicator indicator, List<Entry> values, List<Change> history, List<SurveyValue> surveyValues) {

    public ValueLog {
        surveyValues = surveyValues == null ? List.of() : List.copyOf(surveyValues);
    }

    public ValueLog(Indicator indicator, List<Entry> values, List<Change> history) {
        this(indicator, values, history, List.of());
    }

    /** The survey's value for that period and category, which counts instead of a typed one (null: none). */
    public @Nullable SurveyValue surveyValue(String period, String category) {
        return surveyValues.stream().filter(value -> value.period().equals(period) && value.category().equals(category))
                .findFirst().orElse(null);
    }

    /** A value computed from a survey's answers, with how many answered (null: not said). */
    public record SurveyValue(String period, String category, BigDecimal value, @Nullable Long answered) {
    }

    /** A value as the grid shows it: a text, a level's label, or a number with a decimal comma. */
    public String show(@Nullable BigDecimal value, @Nullable String textValue) {
        if (textValue != null || value == null) {
            return textValue == null ? "" : textValue;
        }
        List<String> levels = indicator.scaleLevels();
        int rank = value.intValue();
        return levels != null && rank >= 1 && rank <= levels.size() ? levels.get(rank - 1) : DataGrid.show(value);
    }

    public record Entry(String period, String category, @Nullable BigDecimal value, @Nullable String textValue,
            DataSource source, @Nullable String comment, @Nullable String enteredBy, Instant enteredAt) {
    }

    /** A value as it was before being replaced or removed, and who did that, when. */
    public record Change(String period, String category, @Nullable BigDecimal value, @Nullable String textValue,
            DataSource source, @Nullable String comment, @Nullable String enteredBy, Instant enteredAt,
            @Nullable String replacedBy, Instant replacedAt) {
    }
}
