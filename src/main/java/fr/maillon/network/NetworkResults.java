package fr.maillon.network;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.IndicatorResults;
import fr.maillon.framework.NoValue;
import fr.maillon.framework.PeriodResult;
import fr.maillon.framework.PeriodType;
import fr.maillon.framework.ValidationService;
import fr.maillon.network.internal.NetworkRepository;
import fr.maillon.network.internal.NetworkRepository.Result;
import fr.maillon.network.internal.NetworkRepository.StaleEvaluation;

/**
 * Keeps each evaluation's results per year and quarter, for its library-based indicators, ready for
 * the network's aggregates. Database triggers mark an evaluation when its values, indicators, survey
 * answers or period change; this computes the marked ones again, every
 * {@code maillon.network.refresh-delay} (30 s by default), exactly as its own results page would;
 * {@code maillon.network.refresh=false} turns it off (an instance that serves the network views
 * from a read replica).
 * Each evaluation is computed on its own: one whose computation fails, or whose formulas run out
 * of their time budget, keeps its previous results and is skipped (the error is logged); its mark
 * stays, and it is tried again after a delay that doubles with each failure (from the refresh
 * delay up to an hour), while the others are computed. One cut short by a stop is computed at the
 * next run, and a stop ends the run between two evaluations.
 */
@Service
public class NetworkResults {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkResults.class);
    private static final int BATCH = 200;
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);

    private final NetworkRepository repository;
    private final EvaluationService evaluations;
    private final FrameworkService framework;
    private final ValidationService validation;
    /** Computations read one snapshot. */
    private final TransactionTemplate transactions;
    /** Marks are taken and given back in short transactions that see what others committed. */
    private final TransactionTemplate marks;
    private final boolean enabled;
    private final Duration delay;
    /** Evaluations whose computation failed: how many times in a row, and when to try again. */
    private final Map<Long, Retry> retries = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    private record Retry(int failures, long notBefore) {
    }

    /** Results left incomplete: formulas computed after their time budget. */
    static final class IncompleteResultsException extends RuntimeException {

        IncompleteResultsException(long evaluationId) {
            super("Formulas of evaluation " + evaluationId + " ran out of their time budget");
        }
    }

    NetworkResults(NetworkRepository repository, EvaluationService evaluations, FrameworkService framework,
            ValidationService validation, PlatformTransactionManager transactionManager, @Value("${maillon.network.refresh}") boolean enabled,
            @Value("${maillon.network.refresh-delay}") Duration delay) {
        this.delay = delay;
        this.repository = repository;
        this.evaluations = evaluations;
        this.framework = framework;
        this.validation = validation;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.marks = new TransactionTemplate(transactionManager);
        this.enabled = enabled;
    }

    /** At start, the marks of computations a stop cut short go back to be computed again. */
    @EventListener(ApplicationReadyEvent.class)
    public void recover() {
        if (enabled) {
            marks.executeWithoutResult(status -> repository.giveBack());
        }
    }

    /** A stop ends the run between two evaluations: the scheduler is not kept waiting. */
    @EventListener(ContextClosedEvent.class)
    public void stop() {
        stopping = true;
    }

    /**
     * Computes every marked evaluation once, but those waiting to be tried again after a failure;
     * returns how many were looked at.
     */
    @Scheduled(initialDelayString = "${maillon.network.refresh-delay}",
            fixedDelayString = "${maillon.network.refresh-delay}")
    public synchronized int refreshStale() {
        if (!enabled) {
            return 0;
        }
        Set<Long> seen = new HashSet<>();
        while (!stopped()) {
            List<StaleEvaluation> batch = repository.stale(BATCH, seen);
            if (batch.isEmpty()) {
                break;
            }
            for (StaleEvaluation stale : batch) {
                seen.add(stale.evaluationId());
                if (stopped()) {
                    break;
                }
                Retry retry = retries.get(stale.evaluationId());
                if (retry == null || System.nanoTime() - retry.notBefore() >= 0) {
                    refresh(stale);
                }
            }
        }
        return seen.size();
    }

    private boolean stopped() {
        return stopping || Thread.currentThread().isInterrupted();
    }

    /**
     * Takes the mark in a transaction of its own, then computes and writes the results, and ends
     * the computation, in another: answers and values written meanwhile never wait for it, and mark
     * the evaluation again.
     */
    private void refresh(StaleEvaluation stale) {
        if (!Boolean.TRUE.equals(marks.execute(status -> repository.take(stale.evaluationId())))) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> {
                // a deleted evaluation took its results with it
                evaluations.evaluationUnchecked(stale.structureId(), stale.evaluationId()).ifPresent(found -> {
                    List<IndicatorResults> yearly = framework.resultsUnchecked(found, PeriodType.YEAR);
                    repository.replaceResults(found.structureId(), found.id(), results(found, yearly));
                    // a sign-off no longer speaks for a year whose results changed, whatever changed them
                    validation.withdrawChangedUnchecked(found, yearly);
                });
                repository.computed(stale.evaluationId());
            });
            retries.remove(stale.evaluationId());
        }
        catch (RuntimeException ex) {
            // its previous results stay; its mark goes back, to be tried again later
            Retry retry = retries.merge(stale.evaluationId(), new Retry(1, 0), (before, one) ->
                    new Retry(before.failures() + 1, 0));
            Duration wait = delay.multipliedBy(1L << Math.min(retry.failures() - 1, 20));
            if (wait.compareTo(LONGEST_WAIT) > 0 || wait.isNegative()) {
                wait = LONGEST_WAIT;
            }
            retries.put(stale.evaluationId(), new Retry(retry.failures(), System.nanoTime() + wait.toNanos()));
            LOG.error("Network results of evaluation {} not computed (failure {} in a row), previous ones kept; "
                    + "tried again in {} s", stale.evaluationId(), retry.failures(), wait.toSeconds(), ex);
            marks.executeWithoutResult(status -> repository.giveBack(stale.evaluationId()));
        }
    }

    private List<Result> results(Evaluation evaluation, List<IndicatorResults> yearly) {
        Map<String, Result> results = new LinkedHashMap<>();
        for (List<IndicatorResults> type : List.of(yearly, framework.resultsUnchecked(evaluation, PeriodType.QUARTER))) {
            for (IndicatorResults indicator : type) {
                Long entry = indicator.indicator().libraryEntryId();
                if (entry == null) {
                    continue;
                }
                for (PeriodResult period : indicator.periods()) {
                    if (period.noValue() != null && period.noValue().reason() == NoValue.Reason.TIME_BUDGET) {
                        // a figure missing for lack of time: keep the previous ones rather than a hole
                        throw new IncompleteResultsException(evaluation.id());
                    }
                    BigDecimal value = period.value();
                    if (value != null) {
                        // two indicators copied from one entry: the first speaks
                        results.putIfAbsent(entry + "|" + period.period().code(),
                                new Result(entry, period.period().code(), value));
                    }
                }
            }
        }
        return List.copyOf(results.values());
    }
}
