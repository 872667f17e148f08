package fr.maillon.workshop;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.EffectTarget;

/**
 * A workshop as the exchange format carries it: when it ran, its card limit, who took part (counts by role, no
 * names), its cards that were shown or merged (a hidden card's text never leaves: only their number does), and the
 * links of the chain drawn during it. Chain elements and links are named by their ids in the evaluation.
 */
public record WorkshopArchive(String title, Instant openedAt, Instant closesAt, @Nullable Instant closedAt,
        int cardLimit, Map<ParticipantRole, Integer> participants, List<ArchivedCard> cards, int hiddenCards,
        List<Long> linkIds) {

    public WorkshopArchive {
        participants = participants == null ? Map.of() : Map.copyOf(participants);
        cards = cards == null ? List.of() : List.copyOf(cards);
        linkIds = linkIds == null ? List.of() : List.copyOf(linkIds);
    }

    /**
     * A card: {@code ref} names it within its workshop (for {@code mergedInto}); {@code role} is who posted it (none:
     * the facilitator); {@code elementId} the chain element it was placed as.
     */
    public record ArchivedCard(String ref, CardKind kind, @Nullable EffectTarget target, String text, CardState state,
            @Nullable ParticipantRole role, int dots, @Nullable Long elementId, @Nullable String mergedInto) {
    }
}
