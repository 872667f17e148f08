package fr.maillon.restitution;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A verdict as its author writes it: the scale, the argued text, the evidence cited, in her order,
 * and what it says in plain words for the inhabitants (optional).
 */
public record VerdictDraft(@Nullable Verdict verdict, @Nullable String argument,
        @Nullable List<VerdictEvidence> evidence, @Nullable String plainMessage) {

    public VerdictDraft(@Nullable Verdict verdict, @Nullable String argument, @Nullable List<VerdictEvidence> evidence) {
        this(verdict, argument, evidence, null);
    }
}
