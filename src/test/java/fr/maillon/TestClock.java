package fr.maillon;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The clock of every test context, in the configured zone: it starts at {@link #START}, 23:30 UTC,
 * when the day in Paris is already the next one, so that the whole suite runs in the hour where the
 * machine's day and the application's differ. It then moves on with real time, as code that orders
 * what happens (a version finalised after a review link was made, a lock that ends) expects. A test
 * may set it to another instant; it moves on from there, until {@link #reset()}.
 */
@Primary
@Component
public class TestClock extends Clock {

    /** A winter night in Paris: 2026-03-15 at 00:30 there, still 2026-03-14 in UTC. */
    public static final Instant START = Instant.parse("2026-03-14T23:30:00Z");

    private final ZoneId zone;
    private volatile Instant from = START;
    private volatile long fromNanos = System.nanoTime();

    TestClock(@Value("${maillon.zone}") ZoneId zone) {
        this.zone = zone;
    }

    /** From now on the clock reads {@code instant}, then moves on with real time. */
    public synchronized void set(Instant instant) {
        fromNanos = System.nanoTime();
        from = instant;
    }

    /** Back to {@link #START}. */
    public void reset() {
        set(START);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        TestClock source = this;
        return other.equals(zone) ? this : new Clock() {

            @Override
            public ZoneId getZone() {
                return other;
            }

            @Override
            public Clock withZone(ZoneId another) {
                return source.withZone(another);
            }

            @Override
            public Instant instant() {
                return source.instant();
            }
        };
    }

    @Override
    public synchronized Instant instant() {
        return from.plusNanos(System.nanoTime() - fromNanos);
    }
}
