package fr.maillon.account.web;

import jakarta.validation.constraints.NotBlank;

public record PasswordForm(@NotBlank String currentPassword, @NotBlank String newPassword,
        @NotBlank String confirmation) {

    public static PasswordForm empty() {
        return new PasswordForm("", "", "");
    }
}
