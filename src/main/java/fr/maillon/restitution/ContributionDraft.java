package fr.maillon.restitution;

import org.jspecify.annotations.Nullable;

public record ContributionDraft(@Nullable String claim, @Nullable String otherFactors, @Nullable Strength strength,
        @Nullable String strengthReason) {
}
