package fr.maillon.network;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.framework.CellInput;
import fr.maillon.framework.ComputedValues;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.DataValue;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.Indicator;
import fr.maillon.framework.LibraryEntry;
import fr.maillon.framework.LibraryService;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.StructureDraft;
import fr.maillon.organisation.StructureKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: one evaluation's formula {@code FACT(5000000)}, planted in the database, held the one
 * job that refreshes every federation's figures. Three structures of Mayotte share their
 * evaluation with their federation: A's formula is planted, C's computation fails (a source of
 * computed values that throws for it); B's figures, and A's other figures, are refreshed all the
 * same, and C keeps its previous figures and its mark, to be tried again later.
 */
@SpringBootTest
class NetworkRefreshIsolationTests {

    /** The evaluations whose computed values cannot be read: their computation fails. */
    static final Set<Long> FAILING = ConcurrentHashMap.newKeySet();

    @TestConfiguration
    static class FailingSource {

        @Bean
        ComputedValues failingSource() {
            return new ComputedValues() {
                @Override
                public List<Long> fedIndicators(long structureId, long evaluationId) {
                    return List.of();
                }

                @Override
                public List<DataValue> values(long structureId, long evaluationId) {
                    if (FAILING.contains(evaluationId)) {
                        throw new IllegalStateException("values of evaluation " + evaluationId + " unreadable");
                    }
                    return List.of();
                }
            };
        }
    }

    @Autowired
    TestUsers users;

    @Autowired
    OrganisationService organisations;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    LibraryService libraries;

    @Autowired
    FrameworkService framework;

    @Autowired
    NetworkResults results;

    @Autowired
    JdbcClient jdbc;

    final Map<String, Long> structures = new HashMap<>();
    final Map<String, Long> evaluationOf = new HashMap<>();
    final Map<String, String> adminOf = new HashMap<>();

    @AfterEach
    void cleanUp() {
        FAILING.clear();
        SecurityContextHolder.clearContext();
    }

    // a guard against a hang (what the finding was), not a measure of time
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPlantedFormulaOrAFailingEvaluationLeavesTheOthersRefreshed() {
        long federation = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Fédération des centres sociaux de Mayotte", List.of("976")));
        for (String name : List.of("A", "B", "C")) {
            structure(name);
            users.signIn(adminOf.get(name));
            organisations.share(structures.get(name), null, federation);
            enter(name, Map.of("benevoles", 10, "budget_total", 1000, "budget_caf", 250));
        }
        SecurityContextHolder.clearContext();
        results.refreshStale();
        assertThat(figure("C", "benevoles")).isEqualByComparingTo("10");
        assertThat(figure("A", "part_caf")).isEqualByComparingTo("25");

        // A: a formula planted by SQL, never checked; C: a computation that fails
        assertThat(jdbc.sql("""
                UPDATE indicator SET formula = 'FACT(5000000)'
                WHERE evaluation_id = :evaluation AND code = 'part_caf'
                """).param("evaluation", evaluationOf.get("A")).update()).isOne();
        FAILING.add(evaluationOf.get("C"));
        for (String name : List.of("A", "B", "C")) {
            enter(name, Map.of("benevoles", 20));
        }
        results.refreshStale();

        assertThat(figure("B", "benevoles")).as("the others are computed").isEqualByComparingTo("20");
        assertThat(figure("B", "part_caf")).isEqualByComparingTo("25");
        assertThat(figure("A", "benevoles")).as("the planted formula's evaluation too").isEqualByComparingTo("20");
        assertThat(figure("A", "part_caf")).as("the planted formula gives no value").isNull();
        assertThat(figure("C", "benevoles")).as("the failing one keeps its figures").isEqualByComparingTo("10");
        assertThat(marks("network_stale", "C")).as("and its mark, to be tried again later").isPositive();
        assertThat(marks("network_stale", "A") + marks("network_stale", "B")).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM network_computing").query(Integer.class).single()).isZero();

        // waiting to be tried again, it holds no run back
        results.refreshStale();
        assertThat(marks("network_stale", "C")).isPositive();
        assertThat(marks("network_computing", "C")).isZero();
    }

    private BigDecimal figure(String structure, String code) {
        return jdbc.sql("""
                SELECT r.value FROM network_result r
                JOIN library_indicator e ON e.id = r.library_indicator_id
                WHERE r.evaluation_id = :evaluation AND e.code = :code AND r.period = '2024'
                """).param("evaluation", evaluationOf.get(structure)).param("code", code)
                .query(BigDecimal.class).optional().orElse(null);
    }

    private int marks(String table, String structure) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE evaluation_id = :evaluation")
                .param("evaluation", evaluationOf.get(structure)).query(Integer.class).single();
    }

    private void structure(String name) {
        long id = organisations.createStructureUnchecked(new StructureDraft("Centre " + name, StructureKind.CENTRE_SOCIAL,
                "976", "Mamoudzou", null, null, null, null, false, null, null));
        structures.put(name, id);
        String admin = users.newUsername("isolation");
        users.addMember(id, users.newUser(admin), Role.STRUCTURE_ADMIN);
        adminOf.put(name, admin);
        users.signIn(admin);
        long evaluation = evaluations.create(id, new EvaluationDraft("Projet social " + name,
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2023, 1, 1), LocalDate.of(2024, 12, 31),
                EvaluationStatus.FRAMING));
        List<Long> entries = libraries.libraries(evaluation).stream().filter(l -> l.code().equals("socle"))
                .flatMap(l -> l.entries().stream()).map(LibraryEntry::id).toList();
        libraries.copy(evaluation, entries);
        evaluationOf.put(name, evaluation);
        SecurityContextHolder.clearContext();
    }

    private void enter(String structure, Map<String, Integer> values) {
        users.signIn(adminOf.get(structure));
        long evaluation = evaluationOf.get(structure);
        Map<String, Long> ids = new HashMap<>();
        framework.indicators(evaluation).forEach((Indicator i) -> ids.put(i.code(), i.id()));
        framework.saveValues(evaluation, values.entrySet().stream()
                .map(e -> new CellInput(ids.get(e.getKey()), "2024", String.valueOf(e.getValue()))).toList(),
                DataSource.MANUAL);
        SecurityContextHolder.clearContext();
    }
}
