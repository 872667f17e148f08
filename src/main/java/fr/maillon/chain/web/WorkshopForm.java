package fr.maillon.chain.web;

import org.jspecify.annotations.Nullable;

public record WorkshopForm(@Nullable String text) {
}
