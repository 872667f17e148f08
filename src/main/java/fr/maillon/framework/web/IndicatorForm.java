package fr.maillon.framework.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;

import fr.maillon.framework.Aggregation;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.Direction;
import fr.maillon.framework.Indicator;
import fr.maillon.framework.IndicatorDraft;
import fr.maillon.framework.Measure;
import fr.maillon.framework.PeriodType;

/** The indicator form; the levels of an ordinal scale are typed one per line. */
public record IndicatorForm(@Nullable String code, @Nullable String name, @Nullable String description,
        @Nullable Measure measure, @Nullable String unit, @Nullable String scaleLevels,
        @Nullable BigDecimal baselineValue,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE, fallbackPatterns = "dd/MM/yyyy") @Nullable LocalDate baselineDate,
        @Nullable Direction direction, @Nullable PeriodType frequency, @Nullable Aggregation aggregation,
        @Nullable Boolean cumulativeTargets, @Nullable DataSource source, @Nullable String formula,
        @Nullable String collector, @Nullable BigDecimal minimum, @Nullable BigDecimal maximum,
        @Nullable Long disaggregationId, @Nullable Integer displayPrecision, @Nullable Integer version) {

    public static IndicatorForm empty() {
        return new IndicatorForm("", "", "", Measure.COUNT, "", "", null, null, Direction.INCREASE, PeriodType.YEAR,
                Aggregation.SUM, false, DataSource.MANUAL, "", "", null, null, null, null, null);
    }

    public static IndicatorForm of(Indicator indicator) {
        return new IndicatorForm(indicator.code(), indicator.name(), indicator.description(), indicator.measure(),
                indicator.unit(), indicator.scaleLevels() == null ? "" : String.join("\n", indicator.scaleLevels()),
                indicator.baselineValue(), indicator.baselineDate(), indicator.direction(), indicator.frequency(),
                indicator.aggregation(), indicator.cumulativeTargets(), indicator.source(), indicator.formula(),
                indicator.collector(), indicator.minimum(), indicator.maximum(), indicator.disaggregationId(),
                indicator.displayPrecision(), indicator.version());
    }

    /** The draft, with {@code suggestedFormula} in place of the typed formula when the user chose it. */
    public IndicatorDraft toDraft(@Nullable String suggestedFormula) {
        IndicatorDraft draft = toDraft();
        return suggestedFormula == null ? draft : new IndicatorDraft(code, name, description, measure, unit,
                draft.scaleLevels(), baselineValue, baselineDate, direction, frequency, aggregation, cumulativeTargets,
                source, suggestedFormula, collector, minimum, maximum, disaggregationId, displayPrecision);
    }

    public IndicatorDraft toDraft() {
        List<String> levels = scaleLevels == null || scaleLevels.isBlank() ? null
                : Arrays.stream(scaleLevels.split("\\R")).toList();
        return new IndicatorDraft(code, name, description, measure, unit, levels, baselineValue, baselineDate,
                direction, frequency, aggregation, cumulativeTargets, source, formula, collector, minimum, maximum,
                disaggregationId, displayPrecision);
    }
}
