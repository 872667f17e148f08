package fr.maillon.network;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
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
import fr.maillon.framework.PeriodResult;
import fr.maillon.framework.PeriodType;
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
 * An evaluation whose computation fails keeps its previous results (the error is logged) until
 * its data changes again; one cut short by a stop is computed at the next run.
 */
@Service
public class NetworkResults {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkResults.class);
    private static final int BATCH = 200;

    private final NetworkRepository repository;
    private final EvaluationService evaluations;
    private final FrameworkService framework;
    /** Computations read one snapshot. */
    private final TransactionTemplate transactions;
    /** Marks are taken and given back in short transactions that see what others committed. */
    private final TransactionTemplate marks;
    private final boolean enabled;

    NetworkResults(NetworkRepository repository, EvaluationService evaluations, FrameworkService framework,
            PlatformTransactionManager transactionManager, @Value("${maillon.network.refresh}") boolean enabled) {
        this.repository = repository;
        this.evaluations = evaluations;
        this.framework = framework;
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

    /** Computes every marked evaluation once; returns how many were computed. */
    @Scheduled(initialDelayString = "${maillon.network.refresh-delay}",
            fixedDelayString = "${maillon.network.refresh-delay}")
    public synchronized int refreshStale() {
        if (!enabled) {
            return 0;
        }
        Set<Long> seen = new HashSet<>();
        while (true) {
            List<StaleEvaluation> batch = repository.stale(BATCH).stream()
                    .filter(stale -> seen.add(stale.evaluationId())).toList();
            if (batch.isEmpty()) {
                return seen.size();
            }
            batch.forEach(this::refresh);
        }
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
                evaluations.evaluationUnchecked(stale.structureId(), stale.evaluationId()).ifPresent(found ->
                        repository.replaceResults(found.structureId(), found.id(), results(found)));
                repository.computed(stale.evaluationId());
            });
        }
        catch (RuntimeException ex) {
            // its previous results stay until its data changes again
            LOG.error("Network results of evaluation {} not computed", stale.evaluationId(), ex);
            marks.executeWithoutResult(status -> repository.computed(stale.evaluationId()));
        }
    }

    private List<Result> results(Evaluation evaluation) {
        Map<String, Result> results = new LinkedHashMap<>();
        for (PeriodType type : List.of(PeriodType.YEAR, PeriodType.QUARTER)) {
            for (IndicatorResults indicator : framework.resultsUnchecked(evaluation, type)) {
                Long entry = indicator.indicator().libraryEntryId();
                if (entry == null) {
                    continue;
                }
                for (PeriodResult period : indicator.periods()) {
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
