package fr.maillon.importing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.stereotype.Component;

import fr.maillon.web.NotFoundException;
import fr.maillon.web.RuleViolationException;

/**
 * Imports run in the background, two at a time, as the person who started them; their page
 * follows their progress. Jobs live in memory for the day: a restart forgets them, never their
 * writes, which are all or nothing.
 */
@Component
public class ImportJobs {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    public enum State {
        RUNNING, DONE, REFUSED, FAILED
    }

    /** What a job has done so far, and how it ended. */
    public record Job(String id, long userId, String title, State state, int done, int total,
            @Nullable String resultUrl, @Nullable String resultMessage, List<ImportProblem> problems) {

        public int percent() {
            return total == 0 ? (state == State.RUNNING ? 0 : 100) : Math.min(100, done * 100 / total);
        }
    }

    /** How a job reports its progress. */
    public interface Progress {

        void total(int total);

        void done(int done);
    }

    /** How a job ended well: a page to go to, and what to say. */
    public record Outcome(String resultUrl, String message) {
    }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, Instant> started = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(50));
    private final MessageSource messages;
    private final Clock clock;

    ImportJobs(MessageSource messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    /** Starts the work in the background and gives the job's id. */
    public String start(long userId, String title, Function<Progress, Outcome> work) {
        Instant now = clock.instant();
        Instant dayAgo = now.minus(1, ChronoUnit.DAYS);
        started.entrySet().removeIf(entry -> {
            boolean old = entry.getValue().isBefore(dayAgo) && jobs.get(entry.getKey()).state() != State.RUNNING;
            if (old) {
                jobs.remove(entry.getKey());
            }
            return old;
        });
        if (executor.getQueue().remainingCapacity() == 0) {
            throw new RuleViolationException("", "import.job.busy");
        }
        String id = UUID.randomUUID().toString();
        jobs.put(id, new Job(id, userId, title, State.RUNNING, 0, 0, null, null, List.of()));
        started.put(id, now);
        Locale locale = LocaleContextHolder.getLocale();
        Runnable task = () -> {
            LocaleContextHolder.setLocale(locale);
            try {
                Outcome outcome = work.apply(new Progress() {
                    @Override
                    public void total(int total) {
                        jobs.computeIfPresent(id, (key, job) -> new Job(id, userId, title, job.state(), job.done(), total,
                                null, null, List.of()));
                    }

                    @Override
                    public void done(int done) {
                        jobs.computeIfPresent(id, (key, job) -> new Job(id, userId, title, job.state(), done,
                                job.total(), null, null, List.of()));
                    }
                });
                finish(id, State.DONE, outcome.resultUrl(), outcome.message(), List.of());
            }
            catch (ImportRefusedException ex) {
                finish(id, State.REFUSED, null, null, ex.problems());
            }
            catch (RuleViolationException ex) {
                finish(id, State.REFUSED, null, null, List.of(new ImportProblem(0, "", messages.getMessage(
                        ex.violations().get(0).code(), ex.violations().get(0).arguments(), locale))));
            }
            catch (RuntimeException ex) {
                log.error("Import {} failed", id, ex);
                finish(id, State.FAILED, null, null, List.of());
            }
            finally {
                LocaleContextHolder.resetLocaleContext();
            }
        };
        executor.submit(new DelegatingSecurityContextRunnable(task));
        return id;
    }

    /** A job of this person; another's is not found. */
    public Job job(String id, long userId) {
        Job job = jobs.get(id);
        if (job == null || job.userId() != userId) {
            throw new NotFoundException("import.job.notFound", id);
        }
        return job;
    }

    private void finish(String id, State state, @Nullable String url, @Nullable String message,
            List<ImportProblem> problems) {
        jobs.computeIfPresent(id, (key, job) -> new Job(id, job.userId(), job.title(), state,
                state == State.DONE ? job.total() : job.done(), job.total(), url, message, problems));
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }
}
