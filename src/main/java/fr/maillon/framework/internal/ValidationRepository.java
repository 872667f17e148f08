package fr.maillon.framework.internal;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.framework.IndicatorRules;
import fr.maillon.framework.SignOff;

/** The rules of library entries, and the sign-offs of a year's data of an evaluation. */
@Repository
public class ValidationRepository {

    private static final RowMapper<IndicatorRules> RULES = (rs, row) -> new IndicatorRules(
            rs.getLong("library_indicator_id"), rs.getBigDecimal("minimum"), rs.getBigDecimal("maximum"),
            rs.getBigDecimal("jump_percent"), rs.getBoolean("required"));

    private static final RowMapper<SignOff> SIGN_OFF = (rs, row) -> {
        Timestamp withdrawn = rs.getTimestamp("withdrawn_at");
        return new SignOff(rs.getLong("id"), rs.getLong("evaluation_id"), rs.getString("period"),
                rs.getString("signed_by_name"), rs.getTimestamp("signed_at").toInstant(), rs.getInt("open_violations"),
                rs.getString("note"), withdrawn == null ? null : withdrawn.toInstant());
    };

    private static final String UPSERT_RULES = """
            INSERT INTO library_indicator_rule (library_indicator_id, minimum, maximum, jump_percent, required,
                                                updated_by, updated_at)
            VALUES (:entry, :minimum, :maximum, :jump, :required, :user, :at)
            ON CONFLICT (library_indicator_id) DO UPDATE
            SET minimum = EXCLUDED.minimum, maximum = EXCLUDED.maximum, jump_percent = EXCLUDED.jump_percent,
                required = EXCLUDED.required, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
            """;

    private final JdbcClient jdbc;

    public ValidationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The rules of these entries, by entry id; entries without rules are absent. */
    public Map<Long, IndicatorRules> rules(Collection<Long> entryIds) {
        Map<Long, IndicatorRules> rules = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT library_indicator_id, minimum, maximum, jump_percent, required
                FROM library_indicator_rule
                WHERE library_indicator_id = ANY (:entries)
                """)
                .param("entries", entryIds.toArray(Long[]::new))
                .query(RULES)
                .list()
                .forEach(found -> rules.put(found.entryId(), found));
        return rules;
    }

    /** The owner of an entry's library (null: shipped with Maillon), if the entry exists. */
    public Optional<Optional<Long>> owner(long entryId) {
        return jdbc.sql("""
                SELECT l.organisation_id
                FROM library_indicator e
                JOIN indicator_library l ON l.id = e.library_id
                WHERE e.id = :entry
                """)
                .param("entry", entryId)
                .query((rs, row) -> {
                    long organisationId = rs.getLong("organisation_id");
                    return rs.wasNull() ? Optional.<Long>empty() : Optional.of(organisationId);
                })
                .optional();
    }

    /** Saves the entry's rules; none set removes them. */
    public void saveRules(IndicatorRules rules, long userId, Instant at) {
        if (!rules.any()) {
            jdbc.sql("DELETE FROM library_indicator_rule WHERE library_indicator_id = :entry")
                    .param("entry", rules.entryId())
                    .update();
            return;
        }
        jdbc.sql(UPSERT_RULES)
                .param("entry", rules.entryId())
                .param("minimum", rules.minimum(), Types.NUMERIC)
                .param("maximum", rules.maximum(), Types.NUMERIC)
                .param("jump", rules.jumpPercent(), Types.NUMERIC)
                .param("required", rules.required())
                .param("user", userId)
                .param("at", Timestamp.from(at))
                .update();
    }

    /** The evaluation's sign-offs, latest first. */
    public List<SignOff> signOffs(long structureId, long evaluationId) {
        return jdbc.sql("""
                SELECT id, evaluation_id, period, signed_by_name, signed_at, open_violations, note, withdrawn_at
                FROM data_sign_off
                WHERE structure_id = :structure AND evaluation_id = :evaluation
                ORDER BY signed_at DESC, id DESC
                """)
                .param("structure", structureId)
                .param("evaluation", evaluationId)
                .query(SIGN_OFF)
                .list();
    }

    /** A sign-off carried by an exchange document: who signed is a name only; false if the year is signed off already. */
    public boolean restoreSignOff(long structureId, long evaluationId, String period, String signedByName,
            Instant signedAt, int openViolations, @Nullable String note, Instant withdrawnAt) {
        return jdbc.sql("""
                INSERT INTO data_sign_off (structure_id, evaluation_id, period, signed_by, signed_by_name, signed_at,
                                           open_violations, note, withdrawn_at)
                VALUES (:structure, :evaluation, :period, NULL, :name, :at, :open, :note, :withdrawn)
                """)
                .param("structure", structureId)
                .param("evaluation", evaluationId)
                .param("period", period)
                .param("name", signedByName)
                .param("at", Timestamp.from(signedAt))
                .param("open", openViolations)
                .param("note", note, Types.VARCHAR)
                .param("withdrawn", Timestamp.from(withdrawnAt))
                .update() == 1;
    }

    /** The current sign-offs' years and digests (those made before digests were kept have none). */
    public Map<String, String> currentDigests(long structureId, long evaluationId) {
        Map<String, String> digests = new java.util.HashMap<>();
        jdbc.sql("""
                SELECT period, results_digest FROM data_sign_off
                WHERE structure_id = :structure AND evaluation_id = :evaluation AND withdrawn_at IS NULL
                  AND results_digest IS NOT NULL
                """)
                .param("structure", structureId)
                .param("evaluation", evaluationId)
                .query(rs -> {
                    digests.put(rs.getString("period"), rs.getString("results_digest"));
                });
        return digests;
    }

    public void withdraw(long structureId, long evaluationId, List<String> periods, Instant at) {
        jdbc.sql("""
                UPDATE data_sign_off SET withdrawn_at = :at
                WHERE structure_id = :structure AND evaluation_id = :evaluation AND withdrawn_at IS NULL
                  AND period = ANY (:periods)
                """)
                .param("structure", structureId)
                .param("evaluation", evaluationId)
                .param("periods", periods.toArray(String[]::new))
                .param("at", Timestamp.from(at))
                .update();
    }

    /** Signs a year off; empty if that year is signed off already (a concurrent sign-off). */
    public Optional<Long> signOff(long structureId, long evaluationId, String period, long userId, String userName,
            Instant at, int openViolations, @Nullable String note, String digest) {
        return jdbc.sql("""
                INSERT INTO data_sign_off (structure_id, evaluation_id, period, signed_by, signed_by_name, signed_at,
                                           open_violations, note, results_digest)
                VALUES (:structure, :evaluation, :period, :user, :name, :at, :open, :note, :digest)
                ON CONFLICT (evaluation_id, period) WHERE withdrawn_at IS NULL DO NOTHING
                RETURNING id
                """)
                .param("structure", structureId)
                .param("evaluation", evaluationId)
                .param("period", period)
                .param("user", userId)
                .param("name", userName)
                .param("at", Timestamp.from(at))
                .param("open", openViolations)
                .param("note", note, Types.VARCHAR)
                .param("digest", digest)
                .query(Long.class)
                .optional();
    }
}
