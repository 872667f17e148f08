package fr.maillon.restitution;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A verdict as its author writes it: the scale, the argued text, and the evidence cited, in her order. */
public record VerdictDraft(@Nullable Verdict verdict, @Nullable String argument,
        @Nullable List<VerdictEvidence> evidence) {
}
