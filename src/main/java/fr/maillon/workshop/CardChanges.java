package fr.maillon.workshop;

import java.util.List;

/**
 * The cards that changed since a live view last looked, and the number to send next time. A view
 * replaces the cards it holds by id: a card may come twice (a change that committed late is sent
 * again rather than missed).
 */
public record CardChanges(List<Card> cards, long next) {
}
