package fr.maillon.web;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * One save of an item: the version its editor read ({@code null} when she sent none, as API
 * clients written before versions existed: the save is then not checked), who saves and when.
 * A locked update reads these parameters:
 * <pre>
 * SET …, version = version + 1, updated_by = :updatedBy, updated_at = :updatedAt
 * WHERE id = :id AND structure_id = :structureId
 *   AND (CAST(:version AS integer) IS NULL OR version = :version)
 * </pre>
 * and its update count is checked: 0 is a {@link ConcurrentEditException} (see {@link Revisions}).
 */
public record Edit(@Nullable Integer version, long userId, OffsetDateTime at) {

    public static Edit of(@Nullable Integer version, long userId, Clock clock) {
        return new Edit(version, userId, OffsetDateTime.now(clock));
    }

    /** Adds {@code version}, {@code updatedBy} and {@code updatedAt} to an update's parameters. */
    public MapSqlParameterSource addTo(MapSqlParameterSource parameters) {
        return parameters.addValue("version", version, java.sql.Types.INTEGER)
                .addValue("updatedBy", userId)
                .addValue("updatedAt", at);
    }
}
