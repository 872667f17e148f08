package fr.maillon.organisation.web;

import org.jspecify.annotations.Nullable;

/** Opening an account from an invitation link. */
public record NewAccountForm(@Nullable String username, @Nullable String displayName, @Nullable String password,
        @Nullable String confirmation) {

    public static NewAccountForm empty() {
        return new NewAccountForm("", "", "", "");
    }
}
