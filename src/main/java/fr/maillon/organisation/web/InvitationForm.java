package fr.maillon.organisation.web;

import org.jspecify.annotations.Nullable;

import fr.maillon.organisation.Role;

public record InvitationForm(@Nullable String invitee, @Nullable Role role) {

    public static InvitationForm empty() {
        return new InvitationForm("", null);
    }
}
