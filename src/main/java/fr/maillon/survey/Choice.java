package fr.maillon.survey;

import org.jspecify.annotations.Nullable;

/** A choice of a single or multiple choice question; answers keep its code. */
public record Choice(String code, String label, @Nullable String labelEn) {
}
