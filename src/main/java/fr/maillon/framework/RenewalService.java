package fr.maillon.framework;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.ChainElement;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.ValueChain;
import fr.maillon.framework.internal.ObjectiveRepository;

/**
 * Reads the results through the chain: the renewal of resources (the indicators attached to
 * resources, with their change from period to period) and the share of support activities (the €
 * or hour indicators attached to support activities, against those attached to primary ones).
 */
@Service
public class RenewalService {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final FrameworkService framework;
    private final ChainService chains;
    private final ObjectiveRepository links;

    RenewalService(FrameworkService framework, ChainService chains, ObjectiveRepository links) {
        this.framework = framework;
        this.chains = chains;
        this.links = links;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Renewal renewal(long evaluationId, PeriodType frequency) {
        ValueChain chain = chains.chain(evaluationId);
        List<IndicatorResults> results = framework.results(evaluationId, frequency);
        Map<Long, ChainElement> elements = chain.elements().stream()
                .collect(Collectors.toMap(ChainElement::id, Function.identity()));
        Map<Long, IndicatorLinks> attached = links.indicatorLinks(chain.evaluation().structureId(), evaluationId)
                .stream().collect(Collectors.toMap(IndicatorLinks::indicatorId, Function.identity()));
        List<Renewal.ResourceLine> resources = new ArrayList<>();
        for (ChainElement resource : chain.elements()) {
            if (resource.kind() != ElementKind.RESOURCE) {
                continue;
            }
            for (IndicatorResults result : results) {
                if (attachedTo(attached, result, resource.id())) {
                    resources.add(new Renewal.ResourceLine(resource.name(), result.indicator(),
                            result.periods().stream().map(RenewalService::point).toList()));
                }
            }
        }
        List<Renewal.SupportLine> support = new ArrayList<>();
        for (Measure measure : List.of(Measure.EUR, Measure.HOURS)) {
            List<IndicatorResults> supportResults = new ArrayList<>();
            List<IndicatorResults> primaryResults = new ArrayList<>();
            for (IndicatorResults result : results) {
                if (result.indicator().measure() != measure) {
                    continue;
                }
                List<ChainElement> activities = attached.getOrDefault(result.indicator().id(),
                        new IndicatorLinks(0, List.of(), List.of())).elementIds().stream().map(elements::get)
                        .filter(element -> element != null && element.kind() == ElementKind.ACTIVITY).toList();
                if (activities.stream().anyMatch(ChainElement::isSupportActivity)) {
                    supportResults.add(result);
                }
                else if (!activities.isEmpty()) {
                    primaryResults.add(result);
                }
            }
            if (!supportResults.isEmpty()) {
                support.add(new Renewal.SupportLine(measure, supportPoints(supportResults, primaryResults)));
            }
        }
        List<Period> periods = results.isEmpty() ? List.of()
                : results.get(0).periods().stream().map(PeriodResult::period).toList();
        return new Renewal(periods, resources, support);
    }

    private static boolean attachedTo(Map<Long, IndicatorLinks> attached, IndicatorResults result, long elementId) {
        IndicatorLinks indicatorLinks = attached.get(result.indicator().id());
        return indicatorLinks != null && indicatorLinks.elementIds().contains(elementId);
    }

    private static Renewal.Point point(PeriodResult result) {
        BigDecimal previous = result.value() == null || result.change() == null ? null
                : result.value().subtract(result.change());
        BigDecimal percent = previous == null || previous.signum() == 0 ? null
                : result.change().multiply(HUNDRED).divide(previous.abs(), 1, RoundingMode.HALF_UP);
        return new Renewal.Point(result.period(), result.value(), result.change(), percent);
    }

    private static List<Renewal.SupportPoint> supportPoints(List<IndicatorResults> support,
            List<IndicatorResults> primary) {
        List<Renewal.SupportPoint> points = new ArrayList<>();
        for (int i = 0; i < support.get(0).periods().size(); i++) {
            BigDecimal supportTotal = total(support, i);
            BigDecimal primaryTotal = total(primary, i);
            BigDecimal all = supportTotal.add(primaryTotal);
            points.add(new Renewal.SupportPoint(support.get(0).periods().get(i).period(), supportTotal, primaryTotal,
                    all.signum() == 0 ? null : supportTotal.multiply(HUNDRED).divide(all, 1, RoundingMode.HALF_UP)));
        }
        return points;
    }

    private static BigDecimal total(List<IndicatorResults> results, int period) {
        return results.stream().map(result -> result.periods().get(period).value())
                .filter(value -> value != null).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
