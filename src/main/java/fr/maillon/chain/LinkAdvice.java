package fr.maillon.chain;

import org.jspecify.annotations.Nullable;

/**
 * What to do instead of a link the method does not draw, from {@code source} to {@code target}:
 * the way through one intermediate place of the chain when there is one ({@code via}), the link the
 * other way round when the method draws that one ({@code reverse}), or, between two primary
 * activities, an output of the source activity ({@code outputOffer}): what the one does for the other
 * is something it produces.
 */
public record LinkAdvice(long sourceId, String sourceName, LinkRole source, long targetId, String targetName,
        LinkRole target, @Nullable LinkRole via, boolean reverse, boolean outputOffer) {
}
