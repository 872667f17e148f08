package fr.maillon.account.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record TokenForm(@NotBlank @Size(max = 80) String label) {

    public static TokenForm empty() {
        return new TokenForm("");
    }
}
