package fr.maillon.restitution;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;

import fr.maillon.chain.ResourceKind;
import fr.maillon.chain.ResourceValuation;
import fr.maillon.chain.ResourceValuation.ValuedResource;
import fr.maillon.framework.FrameworkOverview;
import fr.maillon.framework.Formulas;
import fr.maillon.framework.Indicator;
import fr.maillon.framework.IndicatorResults;
import fr.maillon.framework.Measure;
import fr.maillon.framework.PeriodResult;
import fr.maillon.web.Decimals;

/**
 * Where the stakeholder balance values volunteer time (declared hours × the structure's hourly
 * rate) and an indicator in € speaks of the same time (attached to a volunteer-time resource, or
 * computed from an indicator attached to one), both figures and what each counts: they seldom agree,
 * since the balance counts the hours declared on the chain's resources at the structure's rate,
 * and the indicator the hours collected for a period at its own rate.
 */
final class Reconciliations {

    private static final Locale FRENCH = Locale.FRENCH;

    private Reconciliations() {
    }

    static List<ReportContent.Reconciliation> of(ResourceValuation valuation, FrameworkOverview overview,
            List<IndicatorResults> figures, MessageSource messages) {
        List<ValuedResource> volunteer = valuation.resources().stream()
                .filter(valued -> valued.computed() && valued.resource().resourceKind() == ResourceKind.VOLUNTEER_TIME)
                .toList();
        if (volunteer.isEmpty() || figures.isEmpty()) {
            return List.of();
        }
        Set<Long> resourceIds = volunteer.stream().map(valued -> valued.resource().id()).collect(Collectors.toSet());
        Map<String, IndicatorResults> byCode = figures.stream()
                .collect(Collectors.toMap(result -> result.indicator().code(), Function.identity()));
        Set<String> attached = new HashSet<>();
        for (IndicatorResults result : figures) {
            if (overview.links(result.indicator().id()).elementIds().stream().anyMatch(resourceIds::contains)) {
                attached.add(result.indicator().code());
            }
        }
        BigDecimal balanceEur = volunteer.stream().map(ValuedResource::valueEur).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal hours = volunteer.stream().map(valued -> valued.resource().quantity())
                .filter(quantity -> quantity != null).reduce(BigDecimal.ZERO, BigDecimal::add);
        String names = volunteer.stream().map(valued -> valued.resource().name()).collect(Collectors.joining(", "));
        String balanceBasis = messages.getMessage("restitution.reconciliation.balanceBasis", new Object[] {
                Decimals.format(hours, 0, "h"), Decimals.format(valuation.hourlyRate(), 2, "€/h"), names }, FRENCH);
        List<ReportContent.Reconciliation> lines = new ArrayList<>();
        for (IndicatorResults result : figures) {
            Indicator indicator = result.indicator();
            if (indicator.measure() != Measure.EUR) {
                continue;
            }
            boolean same = attached.contains(indicator.code()) || (indicator.formula() != null
                    && Formulas.variables(indicator.formula()).stream().anyMatch(attached::contains));
            PeriodResult last = last(result.periods());
            if (!same || last == null) {
                continue;
            }
            String basis = indicator.formula() == null
                    ? messages.getMessage("restitution.reconciliation.typed", new Object[] { last.period().code() }, FRENCH)
                    : messages.getMessage("restitution.reconciliation.formula", new Object[] { last.period().code(),
                            inputs(indicator.formula(), last, byCode) }, FRENCH);
            lines.add(new ReportContent.Reconciliation(names, balanceEur, balanceBasis, indicator.name(),
                    last.value(), indicator.displayUnit(), basis));
        }
        return lines;
    }

    /** The formula's inputs for that period, as read: "Heures de bénévolat : 1 500 h ; Valeur d'une heure : 10,25 €/h". */
    private static String inputs(String formula, PeriodResult period, Map<String, IndicatorResults> byCode) {
        List<String> parts = new ArrayList<>();
        for (String code : Formulas.variables(formula)) {
            IndicatorResults input = byCode.get(code);
            if (input == null) {
                continue;
            }
            input.periods().stream().filter(candidate -> candidate.period().equals(period.period())
                    && candidate.value() != null).findFirst().ifPresent(found -> parts.add(
                            input.indicator().name() + " : " + input.indicator().show(found.value())));
        }
        return String.join(" ; ", parts);
    }

    private static @Nullable PeriodResult last(List<PeriodResult> periods) {
        for (int i = periods.size() - 1; i >= 0; i--) {
            if (periods.get(i).value() != null) {
                return periods.get(i);
            }
        }
        return null;
    }
}
