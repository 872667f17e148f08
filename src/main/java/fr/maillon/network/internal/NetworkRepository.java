package fr.maillon.network.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.chain.EvaluationStatus;
import fr.maillon.framework.Measure;
import fr.maillon.network.Aggregate;
import fr.maillon.network.Milestone;
import fr.maillon.network.NetworkEntry;
import fr.maillon.network.SharedEvaluation;
import fr.maillon.network.StructureValue;
import fr.maillon.network.TerritoryStructure;
import fr.maillon.organisation.StructureKind;

/**
 * The network's reads across structures, and the pre-computed results they aggregate.
 * <p>
 * A structure's results count for a reader when the structure lies in the reader's territory (the
 * view {@code network_territory}: the départements of the federation or CAF and the structures that
 * joined it as a programme; or one département for a structure looking at its peers)
 * and an active share, to the reader or to any network of that département, covers the evaluation
 * they come from. Only evaluations of the whole structure (scope PROJET_SOCIAL) count: an action's
 * figures never join the same series as the whole structure's. When a structure shares several
 * such evaluations with a value for the same entry and period, the most recent one speaks for it;
 * each value says whether the structure signed that year's data off, and the reader may count
 * signed-off data only.
 */
@Repository
public class NetworkRepository {

    /**
     * The evaluations the reader may count (those of the territory's structures that an active share
     * covers), then each structure's one value per entry and period among their results.
     */
    private static String latest(Reader reader, Periods periods) {
        boolean network = reader.organisationId() != null;
        return """
                WITH readable AS (
                    SELECT DISTINCT e.id, e.structure_id
                    FROM structure st
                    JOIN evaluation e ON e.structure_id = st.id
                    JOIN evaluation_share s ON s.structure_id = st.id AND s.revoked_at IS NULL
                                           AND (s.evaluation_id IS NULL OR s.evaluation_id = e.id)
                    WHERE st.id <> :excluded %s
                      AND %s
                      AND %s
                      AND e.scope = 'PROJET_SOCIAL'
                ),
                newest AS (
                    SELECT DISTINCT ON (r.library_indicator_id, r.structure_id, r.period)
                           r.library_indicator_id, r.structure_id, r.period, r.value,
                           EXISTS (SELECT 1 FROM data_sign_off so
                                   WHERE so.evaluation_id = r.evaluation_id AND so.structure_id = r.structure_id
                                     AND so.period = left(r.period, 4) AND so.withdrawn_at IS NULL) AS signed
                    FROM readable x
                    JOIN network_result r ON r.structure_id = x.structure_id AND r.evaluation_id = x.id
                    WHERE r.library_indicator_id = ANY (:entries)
                      %s
                    ORDER BY r.library_indicator_id, r.structure_id, r.period, r.evaluation_id DESC
                ),
                latest AS (SELECT newest.*, NOT :signedOnly OR signed AS counted FROM newest)
                """.formatted(reader.only() == null ? "" : "AND st.id = :only",
                network ? "st.id IN (SELECT structure_id FROM network_territory "
                        + "WHERE organisation_id = :organisation)" : "st.departement = :departement",
                network ? "s.recipient_id = :organisation" : "s.recipient_id IN (SELECT organisation_id "
                        + "FROM organisation_departement WHERE departement = st.departement)",
                periods.condition());
    }

    /** The evaluations a network may read: those of its territory's structures that an active share to it covers. */
    private static final String READABLE = """
            SELECT DISTINCT e.id, e.structure_id
            FROM structure st
            JOIN evaluation e ON e.structure_id = st.id
            JOIN evaluation_share s ON s.structure_id = st.id AND s.revoked_at IS NULL
                                   AND (s.evaluation_id IS NULL OR s.evaluation_id = e.id)
            WHERE st.id IN (SELECT structure_id FROM network_territory WHERE organisation_id = :organisation)
              AND s.recipient_id = :organisation
              AND e.scope = 'PROJET_SOCIAL'
            """;

    private static final String SELECT_ENTRY = """
            SELECT e.id, l.name AS library, e.theme, e.code, e.name, e.measure, e.unit
            FROM library_indicator e
            JOIN indicator_library l ON l.id = e.library_id
            """;

    private final JdbcClient jdbc;

    public NetworkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Who reads: a federation or CAF (its territory, its shares), or a structure's département (any
     * network's shares); optionally without one structure, or for one structure only.
     */
    public record Reader(@Nullable Long organisationId, @Nullable String departement, long excluded,
            @Nullable Long only, boolean signedOnly) {

        public static Reader network(long organisationId) {
            return new Reader(organisationId, null, -1, null, false);
        }

        public static Reader peersOf(long structureId, String departement) {
            return new Reader(null, departement, structureId, null, false);
        }

        public Reader excluding(long structureId) {
            return new Reader(organisationId, departement, structureId, only, signedOnly);
        }

        public Reader only(long structureId) {
            return new Reader(organisationId, departement, excluded, structureId, signedOnly);
        }

        /** Counts only the values of years the structures signed off. */
        public Reader signedOnly(boolean signedOnly) {
            return new Reader(organisationId, departement, excluded, only, signedOnly);
        }
    }

    /** Which periods: all of them, one, or the years only. */
    public record Periods(@Nullable String one, boolean yearsOnly) {

        public static final Periods ALL = new Periods(null, false);
        public static final Periods YEARS = new Periods(null, true);

        public static Periods one(String period) {
            return new Periods(period, false);
        }

        private String condition() {
            return one != null ? "AND r.period = :period" : yearsOnly ? "AND r.period ~ '^[0-9]{4}$'" : "";
        }
    }

    // --- territory ----------------------------------------------------------------------------

    /** The structures of the network's territory (its départements and its cohort), with what each shares with it. */
    public List<TerritoryStructure> territory(long organisationId) {
        Map<Long, TerritoryStructure> structures = new LinkedHashMap<>();
        Map<Long, List<SharedEvaluation>> evaluations = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT st.id, o.name, st.kind, st.departement, st.commune, st.agrement_end,
                       EXISTS (SELECT 1 FROM evaluation_share s
                               WHERE s.structure_id = st.id AND s.recipient_id = :organisation
                                 AND s.revoked_at IS NULL AND s.evaluation_id IS NULL) AS shares_all,
                       e.id AS evaluation_id, e.title, e.status, e.period_start, e.period_end
                FROM structure st
                JOIN organisation o ON o.id = st.id
                JOIN network_territory t ON t.structure_id = st.id AND t.organisation_id = :organisation
                LEFT JOIN evaluation e ON e.structure_id = st.id
                     AND EXISTS (SELECT 1 FROM evaluation_share s
                                 WHERE s.structure_id = st.id AND s.recipient_id = :organisation
                                   AND s.revoked_at IS NULL
                                   AND (s.evaluation_id IS NULL OR s.evaluation_id = e.id))
                ORDER BY st.departement, o.name, st.id, e.period_end DESC, e.id DESC
                """)
                .param("organisation", organisationId)
                .query((rs, row) -> {
                    long id = rs.getLong("id");
                    if (!structures.containsKey(id)) {
                        structures.put(id, new TerritoryStructure(id, rs.getString("name"),
                                StructureKind.valueOf(rs.getString("kind")), rs.getString("departement"),
                                rs.getString("commune"), rs.getObject("agrement_end", LocalDate.class),
                                rs.getBoolean("shares_all"), List.of()));
                    }
                    List<SharedEvaluation> shared = evaluations.computeIfAbsent(id, key -> new ArrayList<>());
                    long evaluationId = rs.getLong("evaluation_id");
                    if (!rs.wasNull()) {
                        shared.add(new SharedEvaluation(evaluationId, rs.getString("title"),
                                EvaluationStatus.valueOf(rs.getString("status")),
                                rs.getObject("period_start", LocalDate.class),
                                rs.getObject("period_end", LocalDate.class)));
                    }
                    return id;
                })
                .list();
        return structures.values().stream().map(structure -> {
            boolean sharing = structure.sharesAll() || !evaluations.get(structure.id()).isEmpty();
            // a structure that shares nothing keeps its agrément to itself
            return new TerritoryStructure(structure.id(), structure.name(), structure.kind(), structure.departement(),
                    structure.commune(), sharing ? structure.agrementEnd() : null, structure.sharesAll(),
                    evaluations.get(structure.id()));
        }).toList();
    }

    /** The library entries that structures of the territory measure in what they share, with how many structures. */
    public List<NetworkEntry> entries(long organisationId) {
        return jdbc.sql("""
                WITH readable AS (""" + READABLE + """
                ),
                shared AS (
                    SELECT i.library_indicator_id, count(DISTINCT i.structure_id) AS structures
                    FROM readable x
                    JOIN indicator i ON i.structure_id = x.structure_id AND i.evaluation_id = x.id
                    WHERE i.library_indicator_id IS NOT NULL
                    GROUP BY i.library_indicator_id
                )
                """ + SELECT_ENTRY.replace("SELECT ", "SELECT shared.structures, ") + """
                JOIN shared ON shared.library_indicator_id = e.id
                ORDER BY l.id, e.position
                """)
                .param("organisation", organisationId)
                .query(entry(true))
                .list();
    }

    /**
     * The library entries that structures of the territory measure in what they share, without
     * counting the structures: one indexed probe per entry, however large the territory.
     */
    public List<NetworkEntry> measuredEntries(long organisationId) {
        return jdbc.sql("""
                WITH readable AS MATERIALIZED (""" + READABLE + """
                )
                """ + SELECT_ENTRY + """
                WHERE EXISTS (SELECT 1 FROM indicator i
                              JOIN readable x ON x.id = i.evaluation_id AND x.structure_id = i.structure_id
                              WHERE i.library_indicator_id = e.id)
                ORDER BY l.id, e.position
                """)
                .param("organisation", organisationId)
                .query(entry(false))
                .list();
    }

    /** The years for which the reader may count an entry's results, in order. */
    public List<Integer> years(Reader reader, long entryId) {
        return jdbc.sql(latest(reader, Periods.YEARS) + "SELECT DISTINCT period FROM latest ORDER BY period")
                .paramSource(parameters(reader, List.of(entryId), Periods.YEARS))
                .query((rs, row) -> Integer.valueOf(rs.getString("period")))
                .list();
    }

    /**
     * How many evaluations of one action the territory's structures share with the network: their
     * figures are not counted with the whole structures'.
     */
    public int actionEvaluations(long organisationId) {
        return jdbc.sql("""
                SELECT count(DISTINCT e.id)
                FROM structure st
                JOIN evaluation e ON e.structure_id = st.id
                JOIN evaluation_share s ON s.structure_id = st.id AND s.revoked_at IS NULL
                                       AND (s.evaluation_id IS NULL OR s.evaluation_id = e.id)
                WHERE st.id IN (SELECT structure_id FROM network_territory WHERE organisation_id = :organisation)
                  AND s.recipient_id = :organisation
                  AND e.scope = 'ACTION'
                """)
                .param("organisation", organisationId)
                .query(Integer.class)
                .single();
    }

    /** Library entries by id, with no count of structures. */
    public List<NetworkEntry> entriesById(Collection<Long> ids) {
        return jdbc.sql(SELECT_ENTRY + " WHERE e.id = ANY (:ids) ORDER BY l.id, e.position")
                .param("ids", ids.toArray(Long[]::new))
                .query(entry(false))
                .list();
    }

    /** The entries of a shipped library, in order. */
    public List<NetworkEntry> shippedLibrary(String code) {
        return jdbc.sql(SELECT_ENTRY + " WHERE l.organisation_id IS NULL AND l.code = :code ORDER BY e.position")
                .param("code", code)
                .query(entry(false))
                .list();
    }

    public Map<StructureKind, Integer> structuresByKind(long organisationId) {
        Map<StructureKind, Integer> counts = new EnumMap<>(StructureKind.class);
        jdbc.sql("""
                SELECT st.kind, count(*) AS structures
                FROM structure st
                JOIN network_territory t ON t.structure_id = st.id AND t.organisation_id = :organisation
                GROUP BY st.kind
                """)
                .param("organisation", organisationId)
                .query(rs -> {
                    counts.put(StructureKind.valueOf(rs.getString("kind")), rs.getInt("structures"));
                });
        return counts;
    }

    // --- aggregates ---------------------------------------------------------------------------

    /** Per entry id, the aggregates per period (or for one period), over the structures the reader may count. */
    public Map<Long, List<Aggregate>> aggregates(Reader reader, Collection<Long> entryIds, Periods periods) {
        Map<Long, List<Aggregate>> aggregates = new LinkedHashMap<>();
        jdbc.sql(latest(reader, periods) + """
                SELECT library_indicator_id, period, count(*) FILTER (WHERE counted) AS structures,
                       sum(value) FILTER (WHERE counted) AS total,
                       round(avg(value) FILTER (WHERE counted), 4) AS average,
                       percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY value::float8)
                           FILTER (WHERE counted) AS quartiles,
                       min(value) FILTER (WHERE counted) AS minimum, max(value) FILTER (WHERE counted) AS maximum,
                       count(*) FILTER (WHERE signed) AS signed_off, count(*) FILTER (WHERE NOT counted) AS excluded
                FROM latest
                GROUP BY library_indicator_id, period
                ORDER BY library_indicator_id, period
                """)
                .paramSource(parameters(reader, entryIds, periods))
                .query(rs -> {
                    Double[] quartiles = quartiles(rs.getArray("quartiles"));
                    aggregates.computeIfAbsent(rs.getLong("library_indicator_id"), id -> new ArrayList<>())
                            .add(new Aggregate(rs.getString("period"), rs.getInt("structures"),
                                    rs.getBigDecimal("total"), rs.getBigDecimal("average"), decimal(quartiles[0]),
                                    decimal(quartiles[1]), decimal(quartiles[2]), rs.getBigDecimal("minimum"),
                                    rs.getBigDecimal("maximum"), rs.getInt("signed_off"), rs.getInt("excluded")));
                });
        return aggregates;
    }

    /** One row of {@link #territories}: a département's figures, a region's (no département) or the whole's (neither). */
    public record TerritoryRow(@Nullable String region, @Nullable String regionName, @Nullable String departement,
            @Nullable String departementName, int structures, int signedOff, BigDecimal total, BigDecimal average,
            BigDecimal median) {
    }

    /** An entry's figures for one period, per département, per region and for the whole, in one pass. */
    public List<TerritoryRow> territories(Reader reader, long entryId, String period) {
        return jdbc.sql(latest(reader, Periods.one(period)) + """
                SELECT d.region, r.name AS region_name, st.departement, d.name AS departement_name,
                       count(*) AS structures, count(*) FILTER (WHERE latest.signed) AS signed_off,
                       sum(latest.value) AS total, round(avg(latest.value), 4) AS average,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY latest.value::float8) AS median
                FROM latest
                JOIN structure st ON st.id = latest.structure_id
                JOIN departement d ON d.code = st.departement
                JOIN region r ON r.code = d.region
                WHERE latest.counted
                GROUP BY GROUPING SETS ((d.region, r.name, st.departement, d.name), (d.region, r.name), ())
                ORDER BY r.name NULLS FIRST, d.name NULLS FIRST
                """)
                .paramSource(parameters(reader, List.of(entryId), Periods.one(period)))
                .query((rs, row) -> new TerritoryRow(rs.getString("region"), rs.getString("region_name"),
                        rs.getString("departement"), rs.getString("departement_name"), rs.getInt("structures"),
                        rs.getInt("signed_off"), rs.getBigDecimal("total"), rs.getBigDecimal("average"),
                        decimal(rs.getObject("median", Double.class))))
                .list();
    }

    /** Each structure's value for entries, per period (or for one period), among those the reader may count. */
    public List<StructureValue> values(Reader reader, Collection<Long> entryIds, Periods periods) {
        return jdbc.sql(latest(reader, periods) + """
                SELECT latest.library_indicator_id, latest.structure_id, o.name, latest.period, latest.value,
                       latest.signed
                FROM latest
                JOIN organisation o ON o.id = latest.structure_id
                WHERE latest.counted
                ORDER BY latest.library_indicator_id, latest.period, o.name, latest.structure_id
                """)
                .paramSource(parameters(reader, entryIds, periods))
                .query((rs, row) -> new StructureValue(rs.getLong("library_indicator_id"), rs.getLong("structure_id"),
                        rs.getString("name"), rs.getString("period"), rs.getBigDecimal("value"),
                        rs.getBoolean("signed")))
                .list();
    }

    /**
     * One structure's own results for entries, per year, from its most recent evaluation of the whole
     * structure with a value (an action's figures are not in the same series).
     */
    public Map<Long, Map<String, BigDecimal>> ownValues(long structureId, Collection<Long> entryIds) {
        Map<Long, Map<String, BigDecimal>> values = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT DISTINCT ON (r.library_indicator_id, r.period) r.library_indicator_id, r.period, r.value
                FROM network_result r
                JOIN evaluation e ON e.id = r.evaluation_id AND e.structure_id = r.structure_id
                WHERE r.structure_id = :structure AND r.library_indicator_id = ANY (:entries)
                  AND r.period ~ '^[0-9]{4}$'
                  AND e.scope = 'PROJET_SOCIAL'
                ORDER BY r.library_indicator_id, r.period, r.evaluation_id DESC
                """)
                .param("structure", structureId)
                .param("entries", entryIds.toArray(Long[]::new))
                .query(rs -> {
                    values.computeIfAbsent(rs.getLong("library_indicator_id"), id -> new LinkedHashMap<>())
                            .put(rs.getString("period"), rs.getBigDecimal("value"));
                });
        return values;
    }

    /** The library entries a structure's own evaluations measure. */
    public List<Long> ownEntries(long structureId) {
        return jdbc.sql("""
                SELECT DISTINCT r.library_indicator_id
                FROM network_result r
                JOIN evaluation e ON e.id = r.evaluation_id AND e.structure_id = r.structure_id
                WHERE r.structure_id = :structure AND e.scope = 'PROJET_SOCIAL'
                """)
                .param("structure", structureId)
                .query(Long.class)
                .list();
    }

    private static MapSqlParameterSource parameters(Reader reader, Collection<Long> entryIds, Periods periods) {
        return new MapSqlParameterSource()
                .addValue("entries", entryIds.toArray(Long[]::new))
                .addValue("period", periods.one(), Types.VARCHAR)
                .addValue("excluded", reader.excluded())
                .addValue("only", reader.only(), Types.BIGINT)
                .addValue("departement", reader.departement(), Types.VARCHAR)
                .addValue("organisation", reader.organisationId(), Types.BIGINT)
                .addValue("signedOnly", reader.signedOnly());
    }

    private static Double[] quartiles(@Nullable Array array) throws SQLException {
        return array == null ? new Double[3] : (Double[]) array.getArray();
    }

    private static @Nullable BigDecimal decimal(@Nullable Double value) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP);
    }

    private static RowMapper<NetworkEntry> entry(boolean counted) {
        return (ResultSet rs, int row) -> new NetworkEntry(rs.getLong("id"), rs.getString("library"),
                rs.getString("theme"), rs.getString("code"), rs.getString("name"),
                Measure.valueOf(rs.getString("measure")), rs.getString("unit"),
                counted ? rs.getInt("structures") : 0);
    }

    // --- pre-computed results -----------------------------------------------------------------

    public record StaleEvaluation(long evaluationId, long structureId) {
    }

    public record Result(long entryId, String period, BigDecimal value) {
    }

    /** The marked evaluations, the longest waiting first, but the {@code excluded} ones. */
    public List<StaleEvaluation> stale(int limit, Collection<Long> excluded) {
        return jdbc.sql("""
                SELECT evaluation_id, min(structure_id) AS structure_id
                FROM network_stale
                WHERE NOT (evaluation_id = ANY (CAST(:excluded AS bigint[])))
                GROUP BY evaluation_id
                ORDER BY min(since), evaluation_id
                LIMIT :limit
                """)
                .param("excluded", excluded.toArray(Long[]::new))
                .param("limit", limit)
                .query((rs, row) -> new StaleEvaluation(rs.getLong("evaluation_id"), rs.getLong("structure_id")))
                .list();
    }

    /**
     * Moves the evaluation's marks to the evaluations being computed; false if none is left or if
     * it is being computed already (its marks then stay for the next run). Run in its own short
     * transaction: a mark committed afterwards survives, and the evaluation is computed again.
     */
    public boolean take(long evaluationId) {
        return jdbc.sql("""
                WITH taken AS (
                    DELETE FROM network_stale
                    WHERE evaluation_id = :evaluation
                      AND NOT EXISTS (SELECT 1 FROM network_computing WHERE evaluation_id = :evaluation)
                    RETURNING evaluation_id, structure_id
                )
                INSERT INTO network_computing (evaluation_id, structure_id)
                SELECT DISTINCT evaluation_id, structure_id FROM taken
                ON CONFLICT DO NOTHING
                """)
                .param("evaluation", evaluationId)
                .update() == 1;
    }

    /** The computation ended: its results are written in the same transaction. */
    public void computed(long evaluationId) {
        jdbc.sql("DELETE FROM network_computing WHERE evaluation_id = :evaluation")
                .param("evaluation", evaluationId)
                .update();
    }

    /** Gives back the marks of computations cut short by a stop. */
    public int giveBack() {
        return jdbc.sql("""
                WITH back AS (DELETE FROM network_computing RETURNING evaluation_id, structure_id)
                INSERT INTO network_stale (evaluation_id, structure_id)
                SELECT evaluation_id, structure_id FROM back
                """)
                .update();
    }

    /** Gives back the marks of one computation that failed: it is computed again later. */
    public int giveBack(long evaluationId) {
        return jdbc.sql("""
                WITH back AS (DELETE FROM network_computing WHERE evaluation_id = :evaluation
                              RETURNING evaluation_id, structure_id)
                INSERT INTO network_stale (evaluation_id, structure_id)
                SELECT evaluation_id, structure_id FROM back
                """)
                .param("evaluation", evaluationId)
                .update();
    }

    public void replaceResults(long structureId, long evaluationId, List<Result> results) {
        jdbc.sql("DELETE FROM network_result WHERE structure_id = :structure AND evaluation_id = :evaluation")
                .param("structure", structureId)
                .param("evaluation", evaluationId)
                .update();
        if (results.isEmpty()) {
            return;
        }
        jdbc.sql("""
                INSERT INTO network_result (library_indicator_id, period, structure_id, evaluation_id, value)
                SELECT entry, period, :structure, :evaluation, value
                FROM unnest(CAST(:entries AS bigint[]), CAST(:periods AS text[]), CAST(:values AS numeric[]))
                     AS r (entry, period, value)
                """)
                .param("structure", structureId)
                .param("evaluation", evaluationId)
                .param("entries", results.stream().map(Result::entryId).toArray(Long[]::new))
                .param("periods", results.stream().map(Result::period).toArray(String[]::new))
                .param("values", results.stream().map(Result::value).toArray(BigDecimal[]::new))
                .update();
    }

    /** Evaluations shared with the network whose results are to be computed again. */
    public int pending(long organisationId) {
        return jdbc.sql("""
                SELECT count(DISTINCT n.evaluation_id)
                FROM network_stale n
                JOIN network_territory t ON t.structure_id = n.structure_id AND t.organisation_id = :organisation
                WHERE EXISTS (SELECT 1 FROM evaluation_share s
                              WHERE s.structure_id = n.structure_id AND s.recipient_id = :organisation
                                AND s.revoked_at IS NULL
                                AND (s.evaluation_id IS NULL OR s.evaluation_id = n.evaluation_id))
                """)
                .param("organisation", organisationId)
                .query(Integer.class)
                .single();
    }

    // --- milestones ---------------------------------------------------------------------------

    public List<Milestone> milestones(long organisationId) {
        return jdbc.sql("""
                SELECT months_before, label, expected_status
                FROM agrement_milestone
                WHERE organisation_id = :organisation
                ORDER BY months_before DESC
                """)
                .param("organisation", organisationId)
                .query((rs, row) -> new Milestone(rs.getInt("months_before"), rs.getString("label"),
                        Optional.ofNullable(rs.getString("expected_status")).map(EvaluationStatus::valueOf)
                                .orElse(null)))
                .list();
    }

    public void replaceMilestones(long organisationId, List<Milestone> milestones) {
        jdbc.sql("DELETE FROM agrement_milestone WHERE organisation_id = :organisation")
                .param("organisation", organisationId)
                .update();
        for (Milestone milestone : milestones) {
            jdbc.sql("""
                    INSERT INTO agrement_milestone (organisation_id, months_before, label, expected_status)
                    VALUES (:organisation, :months, :label, :status)
                    """)
                    .param("organisation", organisationId)
                    .param("months", milestone.monthsBefore())
                    .param("label", milestone.label())
                    .param("status", milestone.expectedStatus() == null ? null : milestone.expectedStatus().name(),
                            Types.VARCHAR)
                    .update();
        }
    }
}
