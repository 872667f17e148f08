package fr.maillon.framework;

import java.util.List;

/**
 * Values another module computes for some indicators (a survey's answers feed an indicator), read
 * with the recorded values. Such an indicator's values are computed, not entered in the grid.
 */
public interface ComputedValues {

    /** The ids of the evaluation's indicators this source feeds. */
    List<Long> fedIndicators(long structureId, long evaluationId);

    /** Their values, per period and category ("" for the total), as if recorded. */
    List<DataValue> values(long structureId, long evaluationId);
}
