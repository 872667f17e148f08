package fr.maillon.workshop.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.EffectTarget;
import fr.maillon.workshop.Card;
import fr.maillon.workshop.CardKind;
import fr.maillon.workshop.CardState;
import fr.maillon.workshop.Workshop;
import fr.maillon.workshop.WorkshopTrace;

/**
 * What the facilitator's live view shows: the cards by kind (effects by target, under the evaluation's
 * names of its targets), the hidden ones apart, the cards merged into each card, the cards each card
 * may be merged into (shown cards of its kind), and the time left.
 */
public record LiveView(Workshop workshop, WorkshopTrace trace, List<CardGroup> groups, CardGroup hidden,
        Map<Long, List<Card>> merged, Map<CardKind, List<Card>> mergeTargets, long next, boolean open,
        @Nullable Duration timeLeft) {

    /** A group of cards: its id in the page, its title, its cards in the order they were posted. */
    public record CardGroup(String id, String title, List<Card> cards) {
    }

    static LiveView of(Workshop workshop, WorkshopTrace trace, List<Card> cards, Map<CardKind, String> kindNames,
            Map<EffectTarget, String> effectTitles, String hiddenTitle, Instant now) {
        List<CardGroup> groups = new ArrayList<>();
        for (CardKind kind : CardKind.values()) {
            if (kind == CardKind.EFFECT) {
                for (EffectTarget target : EffectTarget.values()) {
                    groups.add(new CardGroup("cards-effect-" + target.name().toLowerCase(),
                            effectTitles.get(target), cards.stream()
                                    .filter(card -> card.shown() && card.kind() == kind && card.target() == target)
                                    .toList()));
                }
            }
            else {
                groups.add(new CardGroup("cards-" + kind.name().toLowerCase(), kindNames.get(kind), cards.stream()
                        .filter(card -> card.shown() && card.kind() == kind).toList()));
            }
        }
        CardGroup hidden = new CardGroup("cards-hidden", hiddenTitle,
                cards.stream().filter(card -> card.state() == CardState.HIDDEN).toList());
        Map<Long, List<Card>> merged = new LinkedHashMap<>();
        cards.stream().filter(card -> card.state() == CardState.MERGED && card.mergedIntoId() != null)
                .forEach(card -> merged.computeIfAbsent(card.mergedIntoId(), id -> new ArrayList<>()).add(card));
        Map<CardKind, List<Card>> mergeTargets = new EnumMap<>(CardKind.class);
        for (CardKind kind : CardKind.values()) {
            mergeTargets.put(kind, cards.stream().filter(card -> card.shown() && card.kind() == kind).toList());
        }
        long next = cards.stream().mapToLong(Card::changed).max().orElse(0);
        boolean open = workshop.isOpen(now);
        return new LiveView(workshop, trace, groups, hidden, merged, mergeTargets, next, open,
                open ? Duration.between(now, workshop.closesAt()) : null);
    }

    public List<Card> mergedInto(long cardId) {
        return merged.getOrDefault(cardId, List.of());
    }

    /** The cards this card may be merged into: the shown cards of its kind but itself. */
    public List<Card> mergeTargetsOf(Card card) {
        return mergeTargets.getOrDefault(card.kind(), List.of()).stream().filter(other -> other.id() != card.id())
                .toList();
    }
}
