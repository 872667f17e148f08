package fr.maillon.survey.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import fr.maillon.survey.Survey;

/**
 * The questionnaires behind public links, kept a few seconds: a burst of respondents reads the
 * survey once, not once per page and per answer. A survey's edits drop it once they commit
 * (another instance sees them within {@link #LIFETIME}); unknown links are never kept, and the
 * cache empties itself past {@link #MAXIMUM} links.
 */
@Component
public class PublicSurveyCache {

    static final Duration LIFETIME = Duration.ofSeconds(5);
    static final int MAXIMUM = 10_000;

    private record Entry(Survey survey, long loadedAt) {
    }

    private final Map<String, Entry> surveys = new ConcurrentHashMap<>();

    public Optional<Survey> survey(String token, Function<String, Optional<Survey>> loader) {
        long now = System.nanoTime();
        Entry entry = surveys.get(token);
        if (entry != null && now - entry.loadedAt() < LIFETIME.toNanos()) {
            return Optional.of(entry.survey());
        }
        Optional<Survey> loaded = loader.apply(token);
        if (surveys.size() >= MAXIMUM) {
            surveys.clear();
        }
        loaded.ifPresentOrElse(survey -> surveys.put(token, new Entry(survey, now)), () -> surveys.remove(token));
        return loaded;
    }

    /** Drops the survey once the transaction that changes it commits. */
    public void forget(long surveyId) {
        Runnable forget = () -> surveys.values().removeIf(entry -> entry.survey().id() == surveyId);
        forget.run();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget.run();
                }
            });
        }
    }
}
