package fr.maillon.workshop;

import java.time.Duration;
import java.util.Map;

/**
 * What a workshop leaves: when and how long, how many took part by role (counts, no names), the
 * cards posted (by participants and the facilitator), those kept (placed into the chain, directly
 * or merged into a placed card; never a hidden one), and of those kept, how many came from
 * inhabitants.
 */
public record WorkshopTrace(Workshop workshop, Duration duration, Map<ParticipantRole, Integer> participants,
        int cardsPosted, int cardsKept, int keptFromInhabitants) {

    public WorkshopTrace {
        participants = Map.copyOf(participants);
    }

    public int participantCount() {
        return participants.values().stream().mapToInt(Integer::intValue).sum();
    }
}
