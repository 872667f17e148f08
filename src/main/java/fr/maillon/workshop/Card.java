package fr.maillon.workshop;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.EffectTarget;

/**
 * A card of a workshop, with the role of who posted it (none: the facilitator wrote it), the card
 * it was merged into, the chain element it was placed as, its dots, and the change number live
 * views follow.
 */
public record Card(long id, long workshopId, @Nullable Long participantId, @Nullable ParticipantRole role,
        CardKind kind, @Nullable EffectTarget target, String text, boolean consent, CardState state,
        @Nullable Long mergedIntoId, @Nullable Long elementId, Instant postedAt, long changed, int dots) {

    public boolean shown() {
        return state == CardState.SHOWN;
    }

    public boolean placed() {
        return elementId != null;
    }
}
