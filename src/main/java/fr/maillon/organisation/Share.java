package fr.maillon.organisation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A structure shares one evaluation ({@code evaluationId}), or all of them (null), with a federation or a CAF. */
public record Share(long id, long structureId, @Nullable Long evaluationId, long recipientId, String recipientName,
        OrganisationType recipientType, Instant createdAt) {

    public boolean allEvaluations() {
        return evaluationId == null;
    }
}
