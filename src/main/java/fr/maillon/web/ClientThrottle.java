package fr.maillon.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what each client (its address, or any key) sends in fixed windows of time, and says when
 * one has sent its share of the current window: public forms use it so that a room sharing one
 * wifi is served while a script flooding a link is not. In memory, per instance; counts restart
 * with each window, and past windows are forgotten once per window, not on every request.
 */
public final class ClientThrottle {

    private record Window(long number, int count) {
    }

    private final int perWindow;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicLong cleaned = new AtomicLong();

    public ClientThrottle(int perWindow, Duration window, Clock clock) {
        if (perWindow < 1 || window.toMillis() < 1) {
            throw new IllegalArgumentException("a throttle lets at least one request through per window");
        }
        this.perWindow = perWindow;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Counts one more request from this client; false when it has sent its share of this window. */
    public boolean allow(String client) {
        long number = clock.millis() / windowMillis;
        if (cleaned.getAndSet(number) != number) {
            windows.values().removeIf(window -> window.number() < number);
        }
        Window window = windows.compute(client, (key, current) -> current == null || current.number() != number
                ? new Window(number, 1) : new Window(number, current.count() + 1));
        return window.count() <= perWindow;
    }

    /** How long until the current window ends and a refused client may send again (at least one second). */
    public Duration retryAfter() {
        long left = windowMillis - clock.millis() % windowMillis;
        return Duration.ofSeconds(Math.max(1, (left + 999) / 1000));
    }
}
