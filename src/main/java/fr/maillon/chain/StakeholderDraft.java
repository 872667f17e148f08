package fr.maillon.chain;

import org.jspecify.annotations.Nullable;

public record StakeholderDraft(@Nullable String name, @Nullable StakeholderType type, @Nullable Boolean communityMember,
        @Nullable String presentation, @Nullable String fieldOfIntervention, @Nullable String constraints,
        @Nullable String strengths) {
}
