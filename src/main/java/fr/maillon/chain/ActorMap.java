package fr.maillon.chain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The actor map of an evaluation: its stakeholders in rings ({@link ActorRing}), each with what it
 * brings and what it receives (its {@link StakeholderBalance}), and the complementarities between
 * them.
 */
public record ActorMap(Evaluation evaluation, List<Actor> actors, List<Complementarity> complementarities) {

    public ActorMap {
        actors = List.copyOf(actors);
        complementarities = List.copyOf(complementarities);
    }

    /** A stakeholder on the map: its ring, and its balance of what it brings and receives. */
    public record Actor(StakeholderBalance balance, ActorRing ring) {

        public Stakeholder stakeholder() {
            return balance.stakeholder();
        }
    }

    /**
     * What {@code giver} brings to the activity {@code broughtTo} serves what {@code receiver}
     * receives from {@code receivedFrom}: the same activity, or a primary activity that the support
     * activity {@code broughtTo} is linked to.
     */
    public record Complementarity(long giverId, long receiverId, long broughtToId, String broughtTo,
            long receivedFromId, String receivedFrom) {

        public boolean sameActivity() {
            return broughtToId == receivedFromId;
        }
    }

    /**
     * One line of the map between two stakeholders, with the complementarities it stands for:
     * {@code shared} when they take part in the same activity (each brings what the other receives
     * there); otherwise through a support activity, {@code oneWay} when only {@code fromId}'s
     * contribution reaches {@code toId}.
     */
    public record Line(long fromId, long toId, boolean shared, boolean oneWay, List<Complementarity> through) {
    }

    /** The stakeholders of a ring, in the stakeholders' order. */
    public List<Actor> ring(ActorRing ring) {
        return actors.stream().filter(actor -> actor.ring() == ring).toList();
    }

    public String name(long stakeholderId) {
        return actors.stream().filter(actor -> actor.stakeholder().id() == stakeholderId).findFirst()
                .map(actor -> actor.stakeholder().name()).orElse("?");
    }

    /** Whether the evaluation has no stakeholder yet. */
    public boolean empty() {
        return actors.isEmpty();
    }

    /** The lines between pairs of stakeholders, one per pair, in the order they first appear. */
    public List<Line> lines() {
        Map<String, List<Complementarity>> pairs = new LinkedHashMap<>();
        for (Complementarity complementarity : complementarities) {
            long first = Math.min(complementarity.giverId(), complementarity.receiverId());
            long second = Math.max(complementarity.giverId(), complementarity.receiverId());
            pairs.computeIfAbsent(first + "-" + second, key -> new ArrayList<>()).add(complementarity);
        }
        List<Line> lines = new ArrayList<>();
        for (List<Complementarity> through : pairs.values()) {
            Complementarity first = through.get(0);
            boolean shared = through.stream().anyMatch(Complementarity::sameActivity);
            boolean oneWay = !shared && through.stream().allMatch(item -> item.giverId() == first.giverId());
            List<Complementarity> kept = shared ? through.stream().filter(Complementarity::sameActivity)
                    .filter(item -> item.giverId() == first.giverId()).toList() : through;
            lines.add(new Line(first.giverId(), first.receiverId(), shared, oneWay, kept));
        }
        return lines;
    }
}
