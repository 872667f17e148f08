package fr.maillon.account.internal;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Bounds how many password hashes run at once. A hash (Argon2, 16 MiB) costs a core and memory for
 * a tenth of a second or more: without a bound, 150 parallel sign-ins fill the heap and make every
 * answer wait. A caller that gets no permit within {@code maillon.sign-in.hash-wait} is refused at
 * once ({@link HashingBusyException}, shown as 429) instead of piling up. Permits are reentrant on
 * a thread: a service that holds one may call the password encoder, which asks again.
 */
@Component
public class PasswordHashing {

    private final Semaphore permits;
    private final int capacity;
    private final Duration wait;
    private final ThreadLocal<int[]> held = ThreadLocal.withInitial(() -> new int[1]);

    PasswordHashing(@Value("${maillon.sign-in.concurrent-hashes:0}") int concurrentHashes,
            @Value("${maillon.sign-in.hash-wait:PT1S}") Duration wait) {
        this.capacity = concurrentHashes > 0 ? concurrentHashes : Runtime.getRuntime().availableProcessors();
        this.permits = new Semaphore(capacity, true);
        this.wait = wait;
    }

    /** How many hashes may run at once. */
    public int capacity() {
        return capacity;
    }

    /**
     * Runs the work holding a permit.
     * @throws HashingBusyException when no permit came free in time
     */
    public <T> T withPermit(Supplier<T> work) {
        int[] depth = held.get();
        if (depth[0] > 0) {
            depth[0]++;
            try {
                return work.get();
            }
            finally {
                depth[0]--;
            }
        }
        try {
            if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new HashingBusyException();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new HashingBusyException();
        }
        depth[0] = 1;
        try {
            return work.get();
        }
        finally {
            depth[0] = 0;
            held.remove();
            permits.release();
        }
    }
}
