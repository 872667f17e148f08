package fr.maillon.framework;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import fr.maillon.web.Decimals;

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
        @Nullable Long libraryEntryId, int version, int displayPrecision) {

    /** Without a display precision: its measure's and unit's default. */
    public Indicator(long id, long evaluationId, String code, String name, @Nullable String description,
            Measure measure, @Nullable String unit, @Nullable List<String> scaleLevels, @Nullable BigDecimal baselineValue,
            @Nullable LocalDate baselineDate, Direction direction, PeriodType frequency, Aggregation aggregation,
            boolean cumulativeTargets, DataSource source, @Nullable String formula, @Nullable String collector,
            @Nullable BigDecimal minimum, @Nullable BigDecimal maximum, int position, @Nullable Long disaggregationId,
            @Nullable Long libraryEntryId, int version) {
        this(id, evaluationId, code, name, description, measure, unit, scaleLevels, baselineValue, baselineDate,
                direction, frequency, aggregation, cumulativeTargets, source, formula, collector, minimum, maximum,
                position, disaggregationId, libraryEntryId, version, measure.defaultPrecision(unit));
    }

    /** The unit written after its values: its own, or its measure's ("%", "€", "h"). */
    public @Nullable String displayUnit() {
        return unit != null && !unit.isBlank() ? unit : measure.defaultUnit();
    }

    /**
     * How its values add up over time: as it says for counts, euros and hours; a percentage, a ratio
     * or a level is never summed (its mean instead).
     */
    public Aggregation timeAggregation() {
        return !measure.summable() && aggregation == Aggregation.SUM ? Aggregation.AVERAGE : aggregation;
    }

    /** A value as people read it: rounded to its precision, with its unit, in French ("1 347 230 €"). */
    public String show(@Nullable BigDecimal value) {
        return Decimals.format(value, displayPrecision, displayUnit());
    }

    public boolean computedByFormula() {
        return source == DataSource.FORMULA;
    }

    public IndicatorSpec spec() {
        return new IndicatorSpec(code, timeAggregation(), cumulativeTargets, formula);
    }
}
