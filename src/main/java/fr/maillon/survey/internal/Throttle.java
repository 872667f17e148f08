package fr.maillon.survey.internal;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Limits the public answers a client (its address) may post per hour: enough for a centre's
 * shared tablet or wifi during a workshop, too few for a script to flood a survey. In memory, per
 * instance; counts restart each hour.
 */
@Component
public class Throttle {

    private record Window(long hour, int count) {
    }

    private final int perHour;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    /** The hour whose past windows were last removed: once an hour, not on every answer. */
    private final AtomicLong cleaned = new AtomicLong();

    Throttle(@Value("${maillon.survey.answers-per-hour-per-client:600}") int perHour, Clock clock) {
        this.perHour = perHour;
        this.clock = clock;
    }

    /** Counts one more answer from this client; false when it has posted its share for this hour. */
    public boolean allow(String client) {
        long hour = clock.millis() / 3_600_000;
        if (cleaned.getAndSet(hour) != hour) {
            windows.values().removeIf(window -> window.hour() < hour);
        }
        Window window = windows.compute(client, (key, current) -> current == null || current.hour() != hour
                ? new Window(hour, 1) : new Window(hour, current.count() + 1));
        return window.count() <= perHour;
    }
}
