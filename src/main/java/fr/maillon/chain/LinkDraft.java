package fr.maillon.chain;

import org.jspecify.annotations.Nullable;

public record LinkDraft(@Nullable Long sourceId, @Nullable Long targetId, @Nullable String rationale) {
}
