package fr.maillon.network.web;

import org.jspecify.annotations.Nullable;

/** The forms of the programme pages. */
final class ProgrammeForms {

    private ProgrammeForms() {
    }

    public record ProgrammeForm(@Nullable String name, @Nullable String description) {
    }

    public record InvitationForm(@Nullable String invitee) {
    }

    public record MilestoneForm(@Nullable String label, @Nullable String step, @Nullable String dueOn) {
    }

    public record JoinForm(@Nullable String structureId, @Nullable String share) {
    }
}
