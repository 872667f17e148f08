package fr.maillon.importing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import fr.maillon.web.RuleViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One structure's many imports do not hold up another's: structures take turns, each runs one job
 * at a time, and each has a bounded queue. The order is read from what the jobs record as they
 * start, with the first job held by a latch: no timing is asserted.
 */
@SpringBootTest
class FairImportQueueTests {

    /** Structure ids that no other test uses: the queue knows structures by id only. */
    private static final long A = -1001;
    private static final long B = -1002;
    private static final long C = -1003;
    private static final long D = -1004;

    @Autowired
    ImportJobs jobs;

    @Test
    void anotherStructuresSingleJobStartsBeforeTheFirstStructuresQueueDrains() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch otherRan = new CountDownLatch(1);
        CountDownLatch allDone = new CountDownLatch(6);
        try {
            jobs.start(A, 1, "a1", progress -> {
                order.add("a1");
                firstStarted.countDown();
                await(release);
                allDone.countDown();
                return new ImportJobs.Outcome("/", "a1");
            });
            assertThat(firstStarted.await(60, TimeUnit.SECONDS)).isTrue();
            for (int i = 2; i <= 5; i++) {
                String name = "a" + i;
                jobs.start(A, 1, name, progress -> {
                    order.add(name);
                    allDone.countDown();
                    return new ImportJobs.Outcome("/", name);
                });
            }
            String other = jobs.start(B, 2, "b1", progress -> {
                order.add("b1");
                otherRan.countDown();
                allDone.countDown();
                return new ImportJobs.Outcome("/", "b1");
            });
            assertThat(otherRan.await(60, TimeUnit.SECONDS)).as("B's job runs while A's first holds").isTrue();
            assertThat(order).containsExactly("a1", "b1");
            assertThat(jobs.job(other, 2).state()).isIn(ImportJobs.State.RUNNING, ImportJobs.State.DONE);
        }
        finally {
            release.countDown();
        }
        assertThat(allDone.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly("a1", "b1", "a2", "a3", "a4", "a5");
    }

    @Test
    void aStructuresQueueIsBoundedWithAFrenchMessageAndOthersStillQueue() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1 + ImportJobs.WAITING_PER_STRUCTURE + 1);
        try {
            jobs.start(C, 3, "c0", progress -> {
                started.countDown();
                await(release);
                done.countDown();
                return new ImportJobs.Outcome("/", "c0");
            });
            assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
            List<String> waiting = new ArrayList<>();
            for (int i = 1; i <= ImportJobs.WAITING_PER_STRUCTURE; i++) {
                waiting.add(jobs.start(C, 3, "c" + i, progress -> {
                    done.countDown();
                    return new ImportJobs.Outcome("/", "c");
                }));
            }
            assertThat(jobs.job(waiting.get(0), 3).state()).isEqualTo(ImportJobs.State.WAITING);
            assertThatThrownBy(() -> jobs.start(C, 3, "one too many", progress -> new ImportJobs.Outcome("/", "")))
                    .isInstanceOfSatisfying(RuleViolationException.class, ex -> assertThat(ex.violations().get(0)
                            .code()).isEqualTo("import.job.structureBusy"));
            jobs.start(D, 4, "d1", progress -> {
                done.countDown();
                return new ImportJobs.Outcome("/", "d1");
            });
        }
        finally {
            release.countDown();
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
