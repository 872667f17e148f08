package fr.maillon.evidence;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** What the form or the API sends; a file comes with its name and bytes. */
public record EvidenceDraft(@Nullable EvidenceKind kind, @Nullable String title, @Nullable String body,
        @Nullable String source, @Nullable LocalDate collectedOn, @Nullable Boolean consent,
        @Nullable List<Long> effectIds, @Nullable String fileName, byte @Nullable [] content) {
}
