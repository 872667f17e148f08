package fr.maillon.workshop;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A workshop of an evaluation. Participants join with {@code code} at {@code /w/{code}}; the
 * projector page is opened with {@code projectorToken}. It is open until the facilitator closes it
 * or until {@code closesAt}, whichever comes first.
 */
public record Workshop(long id, long structureId, long evaluationId, String title, String code,
        String projectorToken, Instant openedAt, Instant closesAt, @Nullable Instant closedAt, int cardLimit) {

    public boolean isOpen(Instant now) {
        return closedAt == null && now.isBefore(closesAt);
    }

    /** When it ended, or will end if nobody closes it before. */
    public Instant end() {
        return closedAt != null && closedAt.isBefore(closesAt) ? closedAt : closesAt;
    }

    /** How long it lasted so far (or in all, once ended). */
    public Duration duration(Instant now) {
        Instant until = end().isBefore(now) ? end() : now;
        return until.isAfter(openedAt) ? Duration.between(openedAt, until) : Duration.ZERO;
    }
}
