package fr.maillon.web;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a refused locked update becomes: reads who saved the row meanwhile, when, and its version,
 * and returns the {@link ConcurrentEditException} that carries them with the stored item. Shared
 * by every module so that each update only checks its count.
 */
@Component
public class Revisions {

    /** The tables whose rows carry {@code version}, {@code updated_by} and {@code updated_at} (V15; chain_link since V18). */
    private static final Set<String> VERSIONED = Set.of("structure", "evaluation", "stakeholder", "chain_element",
            "interaction", "indicator", "objective", "evaluative_question", "disaggregation", "survey",
            "survey_question", "survey_wave", "contribution", "chain_link");

    private static final String SELECT_REVISION = """
            SELECT t.version, u.display_name AS updated_by, t.updated_at
            FROM %s t
            LEFT JOIN app_user u ON u.id = t.updated_by
            WHERE t.id = :id
              AND t.%s = :structureId
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    Revisions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A save by the signed-in user {@code userId} now, of the version she read. */
    public Edit edit(@Nullable Integer version, long userId) {
        return Edit.of(version, userId, clock);
    }

    /**
     * After an update of {@code table}'s row {@code id} matched nothing: the conflict to throw,
     * with the item as now stored. {@code stored} reads it, and throws the module's "not found" when
     * the row does not exist (any more).
     */
    public RuntimeException conflict(String table, long structureId, long id, Supplier<?> stored) {
        if (!VERSIONED.contains(table)) {
            throw new IllegalArgumentException("not a versioned table: " + table);
        }
        String tenant = table.equals("structure") ? "id" : "structure_id";
        Optional<Revision> current = jdbc.sql(SELECT_REVISION.formatted(table, tenant))
                .param("id", id)
                .param("structureId", structureId)
                .query((rs, row) -> revision(rs.getInt("version"), rs.getString("updated_by"),
                        rs.getObject("updated_at", OffsetDateTime.class)))
                .optional();
        Object item = stored.get();
        return current.<RuntimeException>map(revision -> new ConcurrentEditException(revision, item))
                .orElseGet(() -> new NotFoundException("web.concurrentEdit.gone", id));
    }

    /** A stored revision, its time in the application's zone. */
    public Revision revision(int version, @Nullable String updatedBy, @Nullable OffsetDateTime updatedAt) {
        return new Revision(version, updatedBy,
                updatedAt == null ? null : updatedAt.atZoneSameInstant(clock.getZone()).toOffsetDateTime());
    }

}
