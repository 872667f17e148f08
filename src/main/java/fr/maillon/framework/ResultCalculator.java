package fr.maillon.framework;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.parser.ParseException;

import fr.maillon.framework.FormulaBounds.BoundedExpression;
import fr.maillon.framework.FormulaBounds.LimitException;

/**
 * Computes indicators' results from collected values and targets, for a list of reporting
 * periods. A period's value is the value recorded for it, or the values recorded for the periods
 * it contains, aggregated as the indicator says (sum, average, last). A formula is evaluated on its
 * inputs' values for the same period; a missing input or a division by zero gives no value, with
 * its reason, never a wrong number. Formulas are computed within {@link FormulaBounds} and before a
 * deadline: a formula out of bounds, or one computed after the deadline or once the thread is
 * interrupted, gives no value either, so that no formula holds the thread.
 */
public final class ResultCalculator {

    /** The time one computation of an evaluation's results may take, unless told otherwise. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(5);

    private static final MathContext PRECISION = FormulaBounds.PRECISION;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Map<String, IndicatorSpec> indicators;
    private final Map<String, Map<Period, BigDecimal>> values;
    private final Map<String, Map<Period, BigDecimal>> targets;
    private final Map<String, Map<Period, Outcome>> memo = new HashMap<>();
    private final long deadline;

    private ResultCalculator(List<IndicatorSpec> indicators, Map<String, Map<Period, BigDecimal>> values,
            Map<String, Map<Period, BigDecimal>> targets, long deadline) {
        this.indicators = indicators.stream().collect(Collectors.toMap(IndicatorSpec::code, Function.identity()));
        this.values = values;
        this.targets = targets;
        this.deadline = deadline;
    }

    /**
     * @param values recorded values, by indicator code and period
     * @param targets targets, by indicator code and period
     * @param periods the reporting periods, in order
     */
    public static List<IndicatorResult> compute(List<IndicatorSpec> indicators,
            Map<String, Map<Period, BigDecimal>> values, Map<String, Map<Period, BigDecimal>> targets,
            List<Period> periods) {
        return compute(indicators, values, targets, periods, FormulaBounds.deadline(DEFAULT_BUDGET));
    }

    /**
     * The same, with formulas computed before {@code deadline} ({@link System#nanoTime()} terms,
     * from {@link #deadline(Duration)}): those computed later give no value, for lack of time.
     */
    static List<IndicatorResult> compute(List<IndicatorSpec> indicators,
            Map<String, Map<Period, BigDecimal>> values, Map<String, Map<Period, BigDecimal>> targets,
            List<Period> periods, long deadline) {
        ResultCalculator calculator = new ResultCalculator(indicators, values, targets, deadline);
        List<Period> ordered = periods.stream().sorted().toList();
        return indicators.stream().map(indicator -> calculator.results(indicator, ordered)).toList();
    }

    /** A deadline {@code budget} from now, for {@link #compute(List, Map, Map, List, long)}. */
    static long deadline(Duration budget) {
        return FormulaBounds.deadline(budget);
    }

    private record Outcome(BigDecimal value, NoValue noValue) {

        static Outcome of(BigDecimal value) {
            return new Outcome(value, null);
        }

        static Outcome none(NoValue.Reason reason, String detail) {
            return new Outcome(null, new NoValue(reason, detail));
        }
    }

    private IndicatorResult results(IndicatorSpec indicator, List<Period> periods) {
        List<PeriodResult> results = new ArrayList<>();
        List<BigDecimal> seen = new ArrayList<>();
        BigDecimal previous = null;
        for (Period period : periods) {
            Outcome outcome = value(indicator.code(), period);
            BigDecimal value = outcome.value();
            if (value != null) {
                seen.add(value);
            }
            BigDecimal cumulative = seen.isEmpty() ? null : aggregate(indicator.aggregation(), seen);
            BigDecimal target = targets.getOrDefault(indicator.code(), Map.of()).get(period);
            BigDecimal compared = indicator.cumulativeTargets() ? cumulative : value;
            BigDecimal percent = target == null || target.signum() == 0 || compared == null ? null
                    : compared.multiply(HUNDRED).divide(target, 2, RoundingMode.HALF_UP);
            BigDecimal change = value == null || previous == null ? null : value.subtract(previous);
            results.add(new PeriodResult(period, round(value), outcome.noValue(), target, percent, round(change),
                    round(cumulative)));
            previous = value;
        }
        return new IndicatorResult(indicator.code(), results);
    }

    private Outcome value(String code, Period period) {
        Map<Period, Outcome> byPeriod = memo.computeIfAbsent(code, key -> new HashMap<>());
        Outcome known = byPeriod.get(period);
        if (known != null) {
            return known;
        }
        // A formula that reaches itself again (saved before the cycle check) gives no value, not a loop.
        byPeriod.put(period, Outcome.none(NoValue.Reason.FORMULA_ERROR, code));
        IndicatorSpec indicator = indicators.get(code);
        Outcome outcome = indicator != null && indicator.formula() != null ? formula(indicator, period)
                : recorded(code, indicator == null ? Aggregation.SUM : indicator.aggregation(), period);
        byPeriod.put(period, outcome);
        return outcome;
    }

    private Outcome recorded(String code, Aggregation aggregation, Period period) {
        Map<Period, BigDecimal> recorded = values.getOrDefault(code, Map.of());
        BigDecimal exact = recorded.get(period);
        if (exact != null) {
            return Outcome.of(exact);
        }
        // the values of the periods inside, the longest first, leaving out any that overlaps one
        // already taken: a value entered both by quarter and by month is not counted twice
        List<Period> inside = recorded.keySet().stream()
                .filter(other -> !other.equals(period) && period.contains(other))
                .sorted(Comparator.comparingLong((Period other) -> other.end().toEpochDay() - other.start().toEpochDay())
                        .reversed().thenComparing(Comparator.naturalOrder()))
                .toList();
        TreeMap<Period, BigDecimal> taken = new TreeMap<>();
        for (Period candidate : inside) {
            if (taken.keySet().stream().noneMatch(other -> !candidate.end().isBefore(other.start())
                    && !other.end().isBefore(candidate.start()))) {
                taken.put(candidate, recorded.get(candidate));
            }
        }
        if (!taken.isEmpty()) {
            return Outcome.of(aggregate(aggregation, new ArrayList<>(taken.values())));
        }
        return Outcome.none(NoValue.Reason.NO_DATA, code);
    }

    private Outcome formula(IndicatorSpec indicator, Period period) {
        if (FormulaBounds.passed(deadline)) {
            return Outcome.none(NoValue.Reason.TIME_BUDGET, indicator.code());
        }
        Expression expression = new BoundedExpression(indicator.formula(), deadline);
        try {
            for (String input : Formulas.variables(indicator.formula())) {
                Outcome inputValue = value(input, period);
                if (inputValue.value() == null) {
                    return inputValue.noValue().reason() == NoValue.Reason.TIME_BUDGET ? inputValue
                            : Outcome.none(NoValue.Reason.MISSING_INPUT, input);
                }
                expression.with(input, inputValue.value());
            }
            BigDecimal result = expression.evaluate().getNumberValue();
            if (result == null) {
                return Outcome.none(NoValue.Reason.FORMULA_ERROR, indicator.code());
            }
            if (result.abs().compareTo(FormulaBounds.RESULT) > 0) {
                return Outcome.none(NoValue.Reason.OUT_OF_BOUNDS, indicator.code());
            }
            // a literal like 1E-999999999 alone: zero, not a number too costly to round
            return Outcome.of(result.signum() != 0 && result.abs().compareTo(FormulaBounds.SMALLEST) < 0
                    ? BigDecimal.ZERO : result);
        }
        catch (LimitException ex) {
            return ex.overTime() ? Outcome.none(NoValue.Reason.TIME_BUDGET, indicator.code())
                    : Outcome.none(NoValue.Reason.OUT_OF_BOUNDS, ex.where());
        }
        catch (EvaluationException ex) {
            return ex.getMessage() != null && ex.getMessage().toLowerCase(Locale.ROOT).contains("division by zero")
                    ? Outcome.none(NoValue.Reason.DIVISION_BY_ZERO, indicator.code())
                    : Outcome.none(NoValue.Reason.FORMULA_ERROR, Optional.ofNullable(ex.getMessage()).orElse(""));
        }
        catch (ArithmeticException ex) {
            // BigDecimal's own "Division by zero" / "Division undefined" (0/0), when EvalEx lets it through
            return ex.getMessage() != null && ex.getMessage().startsWith("Division")
                    ? Outcome.none(NoValue.Reason.DIVISION_BY_ZERO, indicator.code())
                    : Outcome.none(NoValue.Reason.FORMULA_ERROR, Optional.ofNullable(ex.getMessage()).orElse(""));
        }
        catch (ParseException | RuntimeException ex) {
            // unreadable (saved before a check), or not a number: no value, never an error page
            return Outcome.none(NoValue.Reason.FORMULA_ERROR, Optional.ofNullable(ex.getMessage()).orElse(""));
        }
    }

    private static BigDecimal aggregate(Aggregation aggregation, List<BigDecimal> values) {
        return switch (aggregation) {
            case SUM -> values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            case AVERAGE -> values.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(values.size()), PRECISION);
            case LAST -> values.get(values.size() - 1);
        };
    }

    /** Four decimals at most, without trailing zeros (100, not 1E+2). */
    private static BigDecimal round(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal rounded = value.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }
}
