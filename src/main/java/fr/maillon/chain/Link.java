package fr.maillon.chain;

import org.jspecify.annotations.Nullable;

/** A directed link from one chain element to another, with a short rationale. */
public record Link(long id, long evaluationId, long sourceId, long targetId, @Nullable String rationale) {
}
