package fr.maillon.importing;

import org.jspecify.annotations.Nullable;

/** A file uploaded for an import: for which evaluation, as what, and (answers) into which survey. */
public record ImportFile(long id, String token, long structureId, long evaluationId, long uploadedBy, ImportKind kind,
        @Nullable Long targetId, String filename, byte[] content) {
}
