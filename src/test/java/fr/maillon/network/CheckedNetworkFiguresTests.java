package fr.maillon.network;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.framework.CellInput;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.LibraryEntry;
import fr.maillon.framework.LibraryService;
import fr.maillon.framework.ValidationService;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.StructureDraft;
import fr.maillon.organisation.StructureKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Network figures over checked data (Saint-Pierre-et-Miquelon, 975, which no other test uses): six
 * structures share their projet social's 2024 volunteers; U1 also shares an action's evaluation,
 * newer, whose figures must never join the whole structure's series. And the demo's La Coopération,
 * whose Conserverie action (21 volunteers in 2021) once made its series jump to 42 in 2022.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckedNetworkFiguresTests {

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
    ValidationService validation;

    @Autowired
    NetworkService network;

    @Autowired
    NetworkResults results;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    long federation;
    String federationUser;
    long benevoles;
    final Map<String, Long> structures = new HashMap<>();
    final Map<String, Long> evaluationOf = new HashMap<>();
    final Map<String, String> adminOf = new HashMap<>();
    long action;

    @BeforeAll
    void territory() {
        federation = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Fédération de Saint-Pierre-et-Miquelon", List.of("975")));
        federationUser = users.newUsername("checked-network");
        users.addMember(federation, users.newUser(federationUser), Role.FEDERATION_MEMBER);
        int[] volunteers = { 10, 20, 30, 40, 50, 60 };
        for (int i = 0; i < volunteers.length; i++) {
            String name = "U" + (i + 1);
            long id = organisations.createStructureUnchecked(new StructureDraft(name, StructureKind.CENTRE_SOCIAL,
                    "975", "Saint-Pierre", null, null, null, null, false, null, null));
            structures.put(name, id);
            String admin = users.newUsername("checked-admin");
            users.addMember(id, users.newUser(admin), Role.STRUCTURE_ADMIN);
            adminOf.put(name, admin);
            long evaluation = evaluation(name, EvaluationScope.PROJET_SOCIAL, null);
            evaluationOf.put(name, evaluation);
            enter(name, evaluation, Map.of("2023", volunteers[i] - 5, "2024", volunteers[i]));
            users.signIn(admin);
            organisations.share(id, null, federation);
            SecurityContextHolder.clearContext();
        }
        // U1's action, evaluated after its projet social: 7 volunteers in 2023 and 999 in 2024
        action = evaluation("U1", EvaluationScope.ACTION, "Jardin partagé");
        enter("U1", action, Map.of("2023", 7, "2024", 999));
        results.refreshStale();
        benevoles = jdbc.sql("""
                SELECT e.id FROM library_indicator e JOIN indicator_library l ON l.id = e.library_id
                WHERE l.code = 'socle' AND l.organisation_id IS NULL AND e.code = 'benevoles'
                """).query(Long.class).single();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void signedOffFiguresLeaveOutTheUnsignedStructuresData() throws Exception {
        for (String name : List.of("U1", "U2", "U3")) {
            users.signIn(adminOf.get(name));
            validation.signOff(evaluationOf.get(name), "2024", true, null);
        }
        users.signIn(federationUser);
        Aggregate all = year(network.entry(federation, benevoles, "2024", false, false), "2024");
        assertThat(all.structures()).isEqualTo(6);
        assertThat(all.signedOff()).isEqualTo(3);
        assertThat(all.total()).isEqualByComparingTo("210");

        EntryFigures signed = network.entry(federation, benevoles, "2024", false, true);
        Aggregate checked = year(signed, "2024");
        assertThat(checked.structures()).isEqualTo(3);
        assertThat(checked.excluded()).isEqualTo(3);
        assertThat(checked.total()).as("U1 + U2 + U3 only").isEqualByComparingTo("60");
        assertThat(checked.median()).isEqualByComparingTo("20");
        assertThat(checked.maximum()).isEqualByComparingTo("30");
        assertThat(signed.values()).extracting(StructureValue::name).containsExactly("U1", "U2", "U3");
        assertThat(year(signed, "2023").structures()).as("2023 was signed off by none").isZero();
        assertThat(year(signed, "2023").total()).isNull();

        assertThat(network.summaryPage(federation, 2024, true).summary().lines().stream()
                .filter(line -> line.entry().id() == benevoles).findFirst().orElseThrow().aggregate().total())
                .isEqualByComparingTo("60");
        mvc.perform(get("/networks/{id}/indicators/{e}", federation, benevoles).param("validated", "true")
                        .with(users.as(federationUser)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Seules les données des années validées")))
                .andExpect(content().string(containsString("3 structures aux données validées, 3 non validées "
                        + "laissées de côté")));
        mvc.perform(get("/networks/{id}/summary", federation).param("year", "2024")
                        .with(users.as(federationUser)))
                .andExpect(content().string(containsString("3 structures aux données validées")));

        // a fourth sign-off would leave out two structures: subtracting would show them, so it is hidden
        users.signIn(adminOf.get("U4"));
        validation.signOff(evaluationOf.get("U4"), "2024", true, null);
        users.signIn(federationUser);
        Aggregate four = year(network.entry(federation, benevoles, "2024", false, true), "2024");
        assertThat(four.structures()).isEqualTo(4);
        assertThat(four.hidden()).isTrue();
        assertThat(four.total()).isNull();

        // U4 changes its 2024 figure: its sign-off is withdrawn, and it is left out again
        enter("U4", evaluationOf.get("U4"), Map.of("2024", 41));
        users.signIn(federationUser);
        Aggregate withdrawn = year(network.entry(federation, benevoles, "2024", false, true), "2024");
        assertThat(withdrawn.structures()).isEqualTo(3);
        assertThat(withdrawn.total()).isEqualByComparingTo("60");
        assertThat(network.compare(federation, structures.get("U5"), true)).isEmpty();
    }

    @Test
    void anActionsFiguresNeverShareASeriesWithTheWholeStructures() throws Exception {
        users.signIn(federationUser);
        EntryFigures figures = network.entry(federation, benevoles, null, true);
        assertThat(figures.values()).filteredOn(value -> value.name().equals("U1"))
                .extracting(StructureValue::period, value -> value.value().intValue())
                .containsExactly(tuple("2023", 5), tuple("2024", 10));
        assertThat(network.actionEvaluations(federation)).isEqualTo(1);
        Comparison.Row own = network.compare(federation, structures.get("U1")).stream()
                .filter(comparison -> comparison.entry().id() == benevoles).findFirst().orElseThrow()
                .rows().stream().filter(row -> row.period().equals("2024")).findFirst().orElseThrow();
        assertThat(own.own()).isEqualByComparingTo("10");
        mvc.perform(get("/networks/{id}/indicators/{e}", federation, benevoles).with(users.as(federationUser)))
                .andExpect(content().string(containsString("1 évaluation d&#39;une action partagée avec vous n&#39;est "
                        + "pas comptée")));

        users.signIn(adminOf.get("U1"));
        Comparison peers = network.peers(structures.get("U1")).stream()
                .filter(comparison -> comparison.entry().id() == benevoles).findFirst().orElseThrow();
        assertThat(peers.rows()).extracting(Comparison.Row::period, row -> row.own() == null ? null
                : row.own().intValue()).contains(tuple("2023", 5), tuple("2024", 10));
        mvc.perform(get("/structures/{id}/peers", structures.get("U1")).with(users.as(adminOf.get("U1"))))
                .andExpect(content().string(containsString("structure entière")));
        // the structure's own pages say which scope a series is
        mvc.perform(get("/evaluations/{id}/results", action).with(users.as(adminOf.get("U1"))))
                .andExpect(content().string(containsString("Action : Jardin partagé")));
        mvc.perform(get("/evaluations/{id}/results", evaluationOf.get("U1")).with(users.as(adminOf.get("U1"))))
                .andExpect(content().string(containsString("Structure entière")));
    }

    /** The demo: La Coopération's volunteers went 12, 16, 20, 21 in its Conserverie action, then 42, 45, 48. */
    @Test
    void theDemosConserverieNoLongerJumpsIntoLaCooperationsSeries() {
        results.refreshStale();
        long cooperation = jdbc.sql("SELECT id FROM organisation WHERE name = 'La Coopération'")
                .query(Long.class).single();
        long demoFederation = jdbc.sql("SELECT id FROM organisation WHERE name = "
                + "'Fédération des centres sociaux de la Drôme'").query(Long.class).single();
        // the action's 21 in 2021 is computed and shared with the federation: the series once took it
        assertThat(jdbc.sql("""
                SELECT r.value::int FROM network_result r JOIN evaluation e ON e.id = r.evaluation_id
                WHERE r.structure_id = :structure AND e.scope = 'ACTION' AND r.library_indicator_id = :entry
                  AND r.period = '2021'
                """).param("structure", cooperation).param("entry", benevoles).query(Integer.class).single())
                .isEqualTo(21);

        users.signIn("federation26");
        assertThat(network.entry(demoFederation, benevoles, null, true).values()).filteredOn(value ->
                        value.structureId() == cooperation)
                .extracting(StructureValue::period, value -> value.value().intValue())
                .containsExactly(tuple("2022", 42), tuple("2023", 45), tuple("2024", 48));
        assertThat(network.compare(demoFederation, cooperation).stream()
                .filter(comparison -> comparison.entry().id() == benevoles).findFirst().orElseThrow().rows())
                .extracting(Comparison.Row::period).doesNotContain("2018", "2019", "2020", "2021");
        // La Coopération signed off 2024 in the demo
        Aggregate signed = year(network.entry(demoFederation, benevoles, "2024", false, false), "2024");
        assertThat(signed.signedOff()).isEqualTo(1);

        users.signIn("coope");
        assertThat(network.peers(cooperation).stream().filter(comparison -> comparison.entry().id() == benevoles)
                .findFirst().orElseThrow().rows())
                .extracting(Comparison.Row::period, row -> row.own() == null ? null : row.own().intValue())
                .doesNotContain(tuple("2021", 21))
                .contains(tuple("2022", 42));
    }

    private static Aggregate year(EntryFigures figures, String period) {
        return figures.aggregates().stream().filter(aggregate -> aggregate.period().equals(period)).findFirst()
                .orElseThrow();
    }

    private long evaluation(String structure, EvaluationScope scope, String actionName) {
        users.signIn(adminOf.get(structure));
        long evaluation = evaluations.create(structures.get(structure), new EvaluationDraft(scope == EvaluationScope.ACTION
                ? "Action " + actionName : "Projet social " + structure, scope, actionName, LocalDate.of(2023, 1, 1),
                LocalDate.of(2024, 12, 31), EvaluationStatus.COLLECTING));
        List<Long> entries = libraries.libraries(evaluation).stream().filter(l -> l.code().equals("socle"))
                .flatMap(l -> l.entries().stream()).map(LibraryEntry::id).toList();
        libraries.copy(evaluation, entries);
        SecurityContextHolder.clearContext();
        return evaluation;
    }

    private void enter(String structure, long evaluation, Map<String, Integer> values) {
        users.signIn(adminOf.get(structure));
        Map<String, Long> ids = new HashMap<>();
        framework.indicators(evaluation).forEach(indicator -> ids.put(indicator.code(), indicator.id()));
        framework.saveValues(evaluation, values.entrySet().stream()
                .map(entry -> new CellInput(ids.get("benevoles"), entry.getKey(), String.valueOf(entry.getValue())))
                .toList(), DataSource.MANUAL);
        SecurityContextHolder.clearContext();
        results.refreshStale();
    }
}
