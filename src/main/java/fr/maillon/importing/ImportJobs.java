package fr.maillon.importing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * <p>
 * Structures take turns: each has its own queue (at most {@value #WAITING_PER_STRUCTURE} jobs
 * waiting), runs one job at a time, and a free worker takes the next job of the structure that
 * waited longest for its turn, so that one structure's many imports never hold up another's.
 */
@Component
public class ImportJobs {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    public enum State {
        WAITING, RUNNING, DONE, REFUSED, FAILED
    }

    /** Imports running at once, over all structures. */
    static final int WORKERS = 2;
    /** Jobs a structure may have waiting for their turn. */
    static final int WAITING_PER_STRUCTURE = 10;
    /** Jobs waiting over all structures. */
    static final int WAITING_IN_ALL = 200;

    /** What a job has done so far, and how it ended. */
    public record Job(String id, long userId, String title, State state, int done, int total,
            @Nullable String resultUrl, @Nullable String resultMessage, List<ImportProblem> problems,
            @Nullable String backUrl) {

        public int percent() {
            return total == 0 ? (state == State.RUNNING ? 0 : 100) : Math.min(100, done * 100 / total);
        }
    }

    /** How a job reports its progress. */
    public interface Progress {

        /** Progress no one follows (an API call answers when done). */
        Progress NONE = new Progress() {
            @Override
            public void total(int total) {
            }

            @Override
            public void done(int done) {
            }
        };

        void total(int total);

        void done(int done);
    }

    /** How a job ended well: a page to go to, and what to say. */
    public record Outcome(String resultUrl, String message) {
    }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, Instant> started = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(WORKERS);
    /** Each structure's jobs waiting for their turn, in the order they were started; guarded by this. */
    private final Map<Long, ArrayDeque<Runnable>> waiting = new HashMap<>();
    /** The structures with jobs waiting, the next to be served first; guarded by this. */
    private final ArrayDeque<Long> turns = new ArrayDeque<>();
    /** The structures with a job running; guarded by this. */
    private final Set<Long> running = new HashSet<>();
    private int waitingInAll;
    private final MessageSource messages;
    private final Clock clock;

    ImportJobs(MessageSource messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Queues the work of a structure, to run in the background in its turn, and gives the job's id.
     * @throws RuleViolationException when the structure, or the server, has too many imports waiting
     */
    public String start(long structureId, long userId, String title, Function<Progress, Outcome> work) {
        return start(structureId, userId, title, null, work);
    }

    /**
     * The same, with the page to go back to when the import is refused or fails ({@code backUrl}: the
     * preview with the choices made, the file being kept until an import succeeds).
     */
    public String start(long structureId, long userId, String title, @Nullable String backUrl,
            Function<Progress, Outcome> work) {
        Instant now = clock.instant();
        Instant dayAgo = now.minus(1, ChronoUnit.DAYS);
        started.entrySet().removeIf(entry -> {
            Job job = jobs.get(entry.getKey());
            boolean old = entry.getValue().isBefore(dayAgo) && (job == null || job.state() != State.RUNNING
                    && job.state() != State.WAITING);
            if (old) {
                jobs.remove(entry.getKey());
            }
            return old;
        });
        String id = UUID.randomUUID().toString();
        Locale locale = LocaleContextHolder.getLocale();
        Runnable task = () -> {
            LocaleContextHolder.setLocale(locale);
            jobs.computeIfPresent(id, (key, job) -> new Job(id, userId, title, State.RUNNING, 0, 0, null, null,
                    List.of(), backUrl));
            try {
                Outcome outcome = work.apply(new Progress() {
                    @Override
                    public void total(int total) {
                        jobs.computeIfPresent(id, (key, job) -> new Job(id, userId, title, job.state(), job.done(), total,
                                null, null, List.of(), backUrl));
                    }

                    @Override
                    public void done(int done) {
                        jobs.computeIfPresent(id, (key, job) -> new Job(id, userId, title, job.state(), done,
                                job.total(), null, null, List.of(), backUrl));
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
        queue(structureId, id, new Job(id, userId, title, State.WAITING, 0, 0, null, null, List.of(), backUrl),
                new DelegatingSecurityContextRunnable(task));
        return id;
    }

    /** Puts the job in its structure's queue, refused when that queue, or all of them, are full. */
    private synchronized void queue(long structureId, String id, Job job, Runnable task) {
        ArrayDeque<Runnable> queue = waiting.computeIfAbsent(structureId, key -> new ArrayDeque<>());
        if (queue.size() >= WAITING_PER_STRUCTURE) {
            throw new RuleViolationException("", "import.job.structureBusy");
        }
        if (waitingInAll >= WAITING_IN_ALL) {
            throw new RuleViolationException("", "import.job.busy");
        }
        jobs.put(id, job);
        started.put(id, clock.instant());
        queue.add(task);
        waitingInAll++;
        if (!turns.contains(structureId)) {
            turns.addLast(structureId);
        }
        dispatch();
    }

    /**
     * Gives the free workers the next jobs: the first structure in turn that has none running gives
     * its oldest job, and goes to the back of the line if it has more.
     */
    private synchronized void dispatch() {
        while (running.size() < WORKERS && !executor.isShutdown()) {
            Long next = null;
            for (Iterator<Long> candidates = turns.iterator(); candidates.hasNext();) {
                Long candidate = candidates.next();
                if (!running.contains(candidate)) {
                    candidates.remove();
                    next = candidate;
                    break;
                }
            }
            if (next == null) {
                return;
            }
            long structureId = next;
            ArrayDeque<Runnable> queue = waiting.get(structureId);
            Runnable task = queue.poll();
            waitingInAll--;
            if (queue.isEmpty()) {
                waiting.remove(structureId);
            }
            else {
                turns.addLast(structureId);
            }
            running.add(structureId);
            executor.execute(() -> {
                try {
                    task.run();
                }
                finally {
                    finished(structureId);
                }
            });
        }
    }

    private synchronized void finished(long structureId) {
        running.remove(structureId);
        dispatch();
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
                state == State.DONE ? job.total() : job.done(), job.total(), url, message, problems, job.backUrl()));
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }
}
