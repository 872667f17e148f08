package fr.maillon.framework;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An indicator of an evaluation's framework. Its {@code code} names it in formulas; a formula
 * indicator ({@code source} FORMULA) computes its values from other indicators'. Values may be
 * disaggregated (by sex, age band, quartier...); {@code libraryEntryId} names the library entry it
 * was copied from, if any.
 */
public record Indicator(long id, long evaluationId, String code, String name, @Nullable String description,
        Measure measure, @Nullable String unit, @Nullable List<String> scaleLevels, @Nullable BigDecimal baselineValue,
        @Nullable LocalDate baselineDate, Direction direction, PeriodType frequency, Aggregation aggregation,
        boolean cumulativeTargets, DataSource source, @Nullable String formula, @Nullable String collector,
        @Nullable BigDecimal minimum, @Nullable BigDecimal maximum, int position, @Nullable Long disaggregationId,
        @Nullable Long libraryEntryId, int version) {

    public boolean computedByFormula() {
        return source == DataSource.FORMULA;
    }

    public IndicatorSpec spec() {
        return new IndicatorSpec(code, aggregation, cumulativeTargets, formula);
    }
}
