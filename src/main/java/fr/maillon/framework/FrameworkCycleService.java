package fr.maillon.framework;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.ChainCopy;
import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.internal.CadreCopyRepository;
import fr.maillon.framework.internal.CadreCopyRepository.Baseline;
import fr.maillon.framework.internal.IndicatorRepository;
import fr.maillon.framework.internal.MovedTargets;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Role;

/**
 * The cadre across cycles: copying an evaluation's cadre into its next cycle, and what the next cycle shows of
 * the previous one as its starting point.
 */
@Service
public class FrameworkCycleService {

    private final EvaluationService evaluations;
    private final FrameworkService framework;
    private final AccessPolicy access;
    private final IndicatorRepository indicators;
    private final CadreCopyRepository copies;

    FrameworkCycleService(EvaluationService evaluations, FrameworkService framework, AccessPolicy access,
            IndicatorRepository indicators, CadreCopyRepository copies) {
        this.evaluations = evaluations;
        this.framework = framework;
        this.access = access;
        this.indicators = indicators;
        this.copies = copies;
    }

    /**
     * Copies the cadre of the previous cycle into the next one that the chain has just started (in its
     * transaction): objectives, questions, indicators with their links, targets moved on ({@link MovedTargets}),
     * and as each indicator's baseline its last figure of the previous cycle. Values are not copied.
     */
    @Transactional
    public void copyInto(ChainCopy copy) {
        Evaluation previous = copy.previous();
        Evaluation next = copy.next();
        long structureId = next.structureId();
        access.requireStructureRole(structureId, Role.STRUCTURE_EDITOR);
        if (previous.structureId() != structureId || !Objects.equals(next.previousEvaluationId(), previous.id())) {
            throw new IllegalArgumentException("Evaluation " + next.id() + " is not the next cycle of " + previous.id());
        }
        List<Indicator> previousIndicators = indicators.indicators(structureId, previous.id());
        List<Baseline> baselines = new ArrayList<>();
        lastFigures(previous, previousIndicators).forEach((indicatorId, figure) -> {
            if (figure.value() != null && figure.period() != null) {
                baselines.add(new Baseline(indicatorId, figure.value(), figure.period().end()));
            }
        });
        Map<Long, Long> objectives = copies.copyObjectives(structureId, previous.id(), next.id(), copy.elementIds());
        Map<Long, Long> questions = copies.copyQuestions(structureId, previous.id(), next.id(), objectives);
        Map<Long, Long> indicatorIds = copies.copyIndicators(structureId, previous.id(), next.id(), baselines,
                questions, copy.elementIds());
        Map<Long, List<IndicatorTarget>> targets = indicators.targets(structureId, previous.id()).stream()
                .collect(Collectors.groupingBy(IndicatorTarget::indicatorId));
        List<IndicatorTarget> moved = new ArrayList<>();
        for (Indicator indicator : previousIndicators) {
            moved.addAll(MovedTargets.moveOn(indicatorIds.get(indicator.id()), indicator.cumulativeTargets(),
                    targets.getOrDefault(indicator.id(), List.of()), previous.periodStart(), previous.periodEnd(),
                    next.periodStart(), next.periodEnd()));
        }
        copies.insertTargets(structureId, next.id(), moved);
    }

    /** The previous cycle of an evaluation, when it has one and the caller may read it. */
    @Transactional(readOnly = true)
    public Optional<PreviousCycle> previousCycle(long evaluationId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        Evaluation previous = evaluations.cycles(evaluationId).previous();
        if (previous == null) {
            return Optional.empty();
        }
        long structureId = evaluation.structureId();
        Map<Long, Long> previousIndicators = copies.previousIndicators(structureId, evaluationId);
        Map<Long, LastFigure> last = lastFigures(previous, indicators.indicators(structureId, previous.id()));
        List<PreviousCycle.Figure> figures = new ArrayList<>();
        for (Indicator indicator : indicators.indicators(structureId, evaluationId)) {
            Long previousId = previousIndicators.get(indicator.id());
            if (previousId != null) {
                LastFigure figure = last.getOrDefault(previousId, LastFigure.NONE);
                figures.add(new PreviousCycle.Figure(indicator.id(), previousId, indicator.name(), indicator.unit(),
                        figure.period() == null ? null : figure.period().code(), figure.value(), figure.target(),
                        indicator.cumulativeTargets() ? figure.cumulative() : null));
            }
        }
        return Optional.of(new PreviousCycle(previous, copies.previousQuestions(structureId, evaluationId), figures));
    }

    /** An indicator's last value in an evaluation, its period and target, or only its last target. */
    private record LastFigure(@Nullable Period period, @Nullable BigDecimal value, @Nullable BigDecimal target,
            @Nullable BigDecimal cumulative) {

        static final LastFigure NONE = new LastFigure(null, null, null, null);
    }

    /** Each numeric indicator's last figure, from the evaluation's results at the indicator's own frequency. */
    private Map<Long, LastFigure> lastFigures(Evaluation evaluation, List<Indicator> concerned) {
        Map<Long, LastFigure> figures = new HashMap<>();
        for (PeriodType frequency : concerned.stream().map(Indicator::frequency).distinct().toList()) {
            for (IndicatorResults results : framework.results(evaluation.id(), frequency)) {
                if (results.indicator().frequency() != frequency) {
                    continue;
                }
                PeriodResult lastValue = null;
                BigDecimal lastTarget = null;
                for (PeriodResult result : results.periods()) {
                    if (result.value() != null) {
                        lastValue = result;
                    }
                    if (result.target() != null) {
                        lastTarget = result.target();
                    }
                }
                figures.put(results.indicator().id(), lastValue == null ? new LastFigure(null, null, lastTarget, null)
                        : new LastFigure(lastValue.period(), lastValue.value(), lastValue.target(),
                                lastValue.cumulative()));
            }
        }
        return figures;
    }
}
