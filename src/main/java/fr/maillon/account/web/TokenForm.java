package fr.maillon.account.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import fr.maillon.account.AccountService;

/** A new token: its label and how many days it stays valid (the service checks the range). */
public record TokenForm(@NotBlank @Size(max = 80) String label, @Nullable Integer expiresInDays) {

    public static TokenForm empty() {
        return new TokenForm("", AccountService.DEFAULT_TOKEN_DAYS);
    }
}
