package fr.maillon.framework;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Values another module computes for some indicators (a survey's answers feed an indicator), read
 * with the recorded values. Such an indicator's values are computed, not entered in the grid. A
 * value computed from answers says in its comment how many answered ({@link #withAnswered}).
 */
public interface ComputedValues {

    /** The ids of the evaluation's indicators this source feeds. */
    List<Long> fedIndicators(long structureId, long evaluationId);

    /** Their values, per period and category ("" for the total), as if recorded. */
    List<DataValue> values(long structureId, long evaluationId);

    /** The comment of a computed value that counts {@code answered} answers: "n=12". */
    static String withAnswered(long answered) {
        return "n=" + answered;
    }

    /** How many answers a computed value counts, from its comment (null: not said). */
    static @Nullable Long answered(DataValue value) {
        String comment = value.comment();
        return comment != null && comment.matches("n=\\d{1,12}") ? Long.valueOf(comment.substring(2)) : null;
    }
}
