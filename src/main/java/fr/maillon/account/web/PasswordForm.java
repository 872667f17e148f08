package fr.maillon.account.web;

import jakarta.validation.constraints.NotBlank;

import org.jspecify.annotations.Nullable;

/** The password change; {@code revokeTokens} (ticked at first) also revokes every API token. */
public record PasswordForm(@NotBlank String currentPassword, @NotBlank String newPassword,
        @NotBlank String confirmation, @Nullable Boolean revokeTokens) {

    public static PasswordForm empty() {
        return new PasswordForm("", "", "", true);
    }

    public boolean revokesTokens() {
        return Boolean.TRUE.equals(revokeTokens);
    }
}
