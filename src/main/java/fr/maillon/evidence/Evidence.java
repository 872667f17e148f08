package fr.maillon.evidence;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** A piece of evidence, without its file's bytes. */
public record Evidence(long id, long evaluationId, EvidenceKind kind, String title, @Nullable String body,
        @Nullable String source, @Nullable LocalDate collectedOn, boolean consent, @Nullable String fileName,
        @Nullable String mediaType, long size, List<Long> effectIds) {

    public Evidence {
        effectIds = List.copyOf(effectIds);
    }

    public boolean image() {
        return mediaType != null && mediaType.startsWith("image/");
    }
}
