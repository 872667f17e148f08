package fr.maillon.restitution.web;

import org.jspecify.annotations.Nullable;

import fr.maillon.restitution.ContributionDraft;
import fr.maillon.restitution.Strength;

/** An effect's analysis as its form sends it, with the version its author read (0: none written yet). */
public record ContributionForm(@Nullable String claim, @Nullable String otherFactors, @Nullable Strength strength,
        @Nullable String strengthReason, @Nullable Integer version) {

    public static ContributionForm of(ContributionDraft draft, int version) {
        return new ContributionForm(draft.claim(), draft.otherFactors(), draft.strength(), draft.strengthReason(),
                version);
    }

    ContributionDraft draft() {
        return new ContributionDraft(claim, otherFactors, strength, strengthReason);
    }
}
