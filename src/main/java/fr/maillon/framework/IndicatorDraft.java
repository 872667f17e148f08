package fr.maillon.framework;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** What the indicator form or API sends; the service checks every rule. */
public record IndicatorDraft(@Nullable String code, @Nullable String name, @Nullable String description,
        @Nullable Measure measure, @Nullable String unit, @Nullable List<String> scaleLevels,
        @Nullable BigDecimal baselineValue, @Nullable LocalDate baselineDate, @Nullable Direction direction,
        @Nullable PeriodType frequency, @Nullable Aggregation aggregation, @Nullable Boolean cumulativeTargets,
        @Nullable DataSource source, @Nullable String formula, @Nullable String collector,
        @Nullable BigDecimal minimum, @Nullable BigDecimal maximum, @Nullable Long disaggregationId,
        @Nullable Integer displayPrecision) {

    /** Without a display precision: its measure's and unit's default (see {@link Measure#defaultPrecision}). */
    public IndicatorDraft(@Nullable String code, @Nullable String name, @Nullable String description,
            @Nullable Measure measure, @Nullable String unit, @Nullable List<String> scaleLevels,
            @Nullable BigDecimal baselineValue, @Nullable LocalDate baselineDate, @Nullable Direction direction,
            @Nullable PeriodType frequency, @Nullable Aggregation aggregation, @Nullable Boolean cumulativeTargets,
            @Nullable DataSource source, @Nullable String formula, @Nullable String collector,
            @Nullable BigDecimal minimum, @Nullable BigDecimal maximum, @Nullable Long disaggregationId) {
        this(code, name, description, measure, unit, scaleLevels, baselineValue, baselineDate, direction, frequency,
                aggregation, cumulativeTargets, source, formula, collector, minimum, maximum, disaggregationId, null);
    }
}
