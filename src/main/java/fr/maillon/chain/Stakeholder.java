package fr.maillon.chain;

import org.jspecify.annotations.Nullable;

/** A partie prenante of the evaluated project, with its identity card. */
public record Stakeholder(long id, long evaluationId, String name, StakeholderType type, boolean communityMember,
        @Nullable String presentation, @Nullable String fieldOfIntervention, @Nullable String constraints,
        @Nullable String strengths, int position, int version) {
}
