package fr.maillon.chain.web;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.Stakeholder;
import fr.maillon.chain.StakeholderDraft;
import fr.maillon.chain.StakeholderType;

public record StakeholderForm(@Nullable String name, @Nullable StakeholderType type, @Nullable Boolean communityMember,
        @Nullable String presentation, @Nullable String fieldOfIntervention, @Nullable String constraints,
        @Nullable String strengths, @Nullable Integer version) {

    public static StakeholderForm empty() {
        return new StakeholderForm("", null, false, "", "", "", "", null);
    }

    public static StakeholderForm of(Stakeholder stakeholder) {
        return new StakeholderForm(stakeholder.name(), stakeholder.type(), stakeholder.communityMember(),
                stakeholder.presentation(), stakeholder.fieldOfIntervention(), stakeholder.constraints(),
                stakeholder.strengths(), stakeholder.version());
    }

    public StakeholderDraft toDraft() {
        return new StakeholderDraft(name, type, Boolean.TRUE.equals(communityMember), presentation,
                fieldOfIntervention, constraints, strengths);
    }
}
