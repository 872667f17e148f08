package fr.maillon.network;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
import fr.maillon.framework.Indicator;
import fr.maillon.framework.LibraryEntry;
import fr.maillon.framework.LibraryService;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.StructureDraft;
import fr.maillon.organisation.StructureKind;
import fr.maillon.web.NotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A federation and a CAF and the structures of two départements (Guadeloupe and Martinique, which
 * no other test uses). The federation of 971 gets what S1, S2 and S3 share with it; S5 shares
 * nothing at first; S4, in 972, shares with the federation too but lies outside its territory; S3
 * keeps a second, unshared evaluation whose figure is 1000.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkTests {

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
    NetworkService network;

    @Autowired
    NetworkResults results;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    long federation;
    long caf;
    String federationUser;
    String cafUser;
    final Map<String, Long> structures = new HashMap<>();
    final Map<String, Long> evaluationOf = new HashMap<>();
    final Map<String, String> adminOf = new HashMap<>();
    long benevoles;
    long partCaf;

    @BeforeAll
    void territory() {
        federation = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Fédération des centres sociaux de Guadeloupe", List.of("971")));
        caf = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.CAF, "CAF de la Martinique", List.of("972")));
        federationUser = member(federation, Role.FEDERATION_MEMBER);
        cafUser = member(caf, Role.CAF_MEMBER);
        // benevoles 2024, heures 2024, budget total, budget CAF
        structure("S1", "971", LocalDate.of(2027, 6, 30), 10, 100, 100000, 40000);
        structure("S2", "971", LocalDate.of(2026, 12, 31), 20, 300, 200000, 50000);
        structure("S3", "971", null, 40, 500, 50000, 25000);
        structure("S5", "971", LocalDate.of(2028, 1, 31), 100, 900, 400000, 100000);
        structure("S4", "972", LocalDate.of(2027, 3, 31), 7, 50, 10000, 1000);
        long unshared = evaluation("S3", "Une action non partagée");
        enter("S3", unshared, Map.of("benevoles", 1000));

        users.signIn(adminOf.get("S1"));
        organisations.share(structures.get("S1"), null, federation);
        users.signIn(adminOf.get("S2"));
        organisations.share(structures.get("S2"), evaluationOf.get("S2"), federation);
        users.signIn(adminOf.get("S3"));
        organisations.share(structures.get("S3"), evaluationOf.get("S3"), federation);
        users.signIn(adminOf.get("S4"));
        // A structure is offered only the networks of its département: this share outside it
        // stands for one made before the structure moved.
        organisations.shareUnchecked(structures.get("S4"), null, federation,
                users.newUser(users.newUsername("moved")));
        organisations.share(structures.get("S4"), null, caf);
        SecurityContextHolder.clearContext();
        results.refreshStale();

        benevoles = entry("benevoles");
        partCaf = entry("part_caf");
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theFederationAggregatesExactlyWhatItsStructuresShared() {
        users.signIn(federationUser);
        NetworkHome home = network.home(federation);
        assertThat(home.structures()).extracting(TerritoryStructure::name)
                .containsExactlyInAnyOrder("S1", "S2", "S3", "S5");
        TerritoryStructure s5 = home.structures().stream().filter(s -> s.name().equals("S5")).findFirst().orElseThrow();
        assertThat(s5.sharing()).isFalse();
        assertThat(s5.agrementEnd()).as("a structure that shares nothing keeps its agrément to itself").isNull();

        EntryFigures figures = network.entry(federation, benevoles, null, true);
        Aggregate year = figures.aggregates().stream().filter(a -> a.period().equals("2024")).findFirst().orElseThrow();
        assertThat(year.structures()).isEqualTo(3);
        assertThat(year.total()).isEqualByComparingTo("70");
        assertThat(year.median()).isEqualByComparingTo("20");
        assertThat(year.average()).isEqualByComparingTo("23.3333");
        assertThat(year.firstQuartile()).isEqualByComparingTo("15");
        assertThat(year.minimum()).isEqualByComparingTo("10");
        assertThat(year.maximum()).isEqualByComparingTo("40");
        assertThat(figures.values()).filteredOn(v -> v.period().equals("2024"))
                .extracting(StructureValue::name, v -> v.value().stripTrailingZeros().toPlainString())
                .containsExactly(tuple("S1", "10"),
                        tuple("S2", "20"), tuple("S3", "40"));

        // a formula's results count as the structure's results page computes them: 40 %, 25 %, 50 %
        Aggregate share = network.entry(federation, partCaf, null, true).aggregates().stream()
                .filter(a -> a.period().equals("2024")).findFirst().orElseThrow();
        assertThat(share.median()).isEqualByComparingTo("40");
        assertThat(share.average()).isEqualByComparingTo("38.3333");

        AnnualSummary summary = network.summaryPage(federation, 2024, false).summary();
        assertThat(summary.structures()).isEqualTo(4);
        assertThat(summary.sharing()).isEqualTo(3);
        AnnualSummary.Line hours = summary.lines().stream().filter(l -> l.entry().code().equals("heures_benevoles"))
                .findFirst().orElseThrow();
        assertThat(hours.aggregate().total()).isEqualByComparingTo("900");
        assertThat(hours.aggregate().median()).isEqualByComparingTo("300");
    }

    @Test
    void theCafOfAnotherDepartementSeesItsOwnStructureAndNoAggregateOfOne() {
        users.signIn(cafUser);
        NetworkHome home = network.home(caf);
        assertThat(home.structures()).extracting(TerritoryStructure::name).containsExactly("S4");
        EntryFigures figures = network.entry(caf, benevoles, null, true);
        Aggregate year = figures.aggregates().stream().filter(a -> a.period().equals("2024")).findFirst().orElseThrow();
        assertThat(year.structures()).isEqualTo(1);
        assertThat(year.hidden()).isTrue();
        assertThat(year.total()).isNull();
        assertThat(year.median()).isNull();
        assertThat(figures.values()).extracting(StructureValue::name).containsOnly("S4");
        assertThatThrownBy(() -> network.home(federation)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aRevokedShareLeavesTheGroupTooSmallToShow() {
        users.signIn(adminOf.get("S2"));
        long share = organisations.shares(structures.get("S2")).stream().filter(s -> s.recipientId() == federation)
                .findFirst().orElseThrow().id();
        organisations.revokeShare(structures.get("S2"), share);
        try {
            users.signIn(federationUser);
            Aggregate year = network.entry(federation, benevoles, null, true).aggregates().stream()
                    .filter(a -> a.period().equals("2024")).findFirst().orElseThrow();
            assertThat(year.structures()).isEqualTo(2);
            assertThat(year.total()).isNull();
            assertThatThrownBy(() -> network.compare(federation, structures.get("S2")))
                    .isInstanceOf(NotFoundException.class);
        }
        finally {
            users.signIn(adminOf.get("S2"));
            organisations.share(structures.get("S2"), evaluationOf.get("S2"), federation);
        }
    }

    @Test
    void aStructureSeesItsPeersOnlyAggregatedOverThreeOthers() {
        users.signIn(adminOf.get("S1"));
        Comparison.Row before = row(network.peers(structures.get("S1")), "benevoles", "2024");
        assertThat(before.own()).isEqualByComparingTo("10");
        assertThat(before.peers().structures()).isEqualTo(2);
        assertThat(before.peers().median()).isNull();
        assertThat(before.peers().average()).isNull();

        users.signIn(adminOf.get("S5"));
        long share = organisations.share(structures.get("S5"), null, federation);
        try {
            users.signIn(adminOf.get("S1"));
            Comparison.Row after = row(network.peers(structures.get("S1")), "benevoles", "2024");
            assertThat(after.peers().structures()).isEqualTo(3);
            assertThat(after.peers().average()).isEqualByComparingTo("53.3333");
            assertThat(after.peers().median()).as("the median of three is one of them").isNull();
            assertThat(after.peers().firstQuartile()).as("with the median, it would give the lowest value").isNull();
            assertThat(after.peers().minimum()).as("the range would show one structure's value").isNull();
            assertThat(after.peers().total()).isNull();

            // the federation compares S1 with the three others, with their range
            users.signIn(federationUser);
            Comparison.Row federationView = row(network.compare(federation, structures.get("S1")), "benevoles", "2024");
            assertThat(federationView.own()).isEqualByComparingTo("10");
            assertThat(federationView.peers().median()).as("the federation sees each value anyway")
                    .isEqualByComparingTo("40");
            assertThat(federationView.peers().maximum()).isEqualByComparingTo("100");
        }
        finally {
            users.signIn(adminOf.get("S5"));
            organisations.revokeShare(structures.get("S5"), share);
        }
    }

    @Test
    void aChangedValueIsRecomputedAndCounted() {
        enter("S1", evaluationOf.get("S1"), Map.of("benevoles", 13));
        assertThat(jdbc.sql("SELECT count(*) FROM network_stale WHERE evaluation_id = ?")
                .param(evaluationOf.get("S1")).query(Integer.class).single()).isPositive();
        results.refreshStale();
        users.signIn(federationUser);
        try {
            Aggregate year = network.entry(federation, benevoles, null, true).aggregates().stream()
                    .filter(a -> a.period().equals("2024")).findFirst().orElseThrow();
            assertThat(year.total()).isEqualByComparingTo("73");
        }
        finally {
            enter("S1", evaluationOf.get("S1"), Map.of("benevoles", 10));
            results.refreshStale();
        }
    }

    @Test
    void aComputationCutShortByAStopIsDoneAfterTheNextStart() {
        long evaluation = evaluationOf.get("S1");
        enter("S1", evaluation, Map.of("benevoles", 11));
        // a run took the marks, then the server stopped before writing the results
        jdbc.sql("""
                WITH taken AS (DELETE FROM network_stale WHERE evaluation_id = ? RETURNING *)
                INSERT INTO network_computing (evaluation_id, structure_id) SELECT DISTINCT evaluation_id, structure_id FROM taken
                """).param(evaluation).update();
        results.refreshStale();
        assertThat(jdbc.sql("SELECT count(*) FROM network_computing").query(Integer.class).single())
                .as("left to the next start").isOne();
        results.recover();
        results.refreshStale();
        users.signIn(federationUser);
        try {
            assertThat(network.entry(federation, benevoles, "2024", false).aggregates().stream()
                    .filter(a -> a.period().equals("2024")).findFirst().orElseThrow().total()).isEqualByComparingTo("71");
            assertThat(jdbc.sql("SELECT count(*) FROM network_computing").query(Integer.class).single()).isZero();
        }
        finally {
            enter("S1", evaluation, Map.of("benevoles", 10));
            results.refreshStale();
        }
    }

    @Test
    void pagesAndExportsAreTheNetworksOnly() throws Exception {
        String page = mvc.perform(get("/networks/" + federation).with(users.as(federationUser)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        // S4 as a word: a random CSRF token in the page may hold the letters "S4"
        assertThat(page).contains("S1", "S5", "Bénévoles actifs").doesNotContainPattern("(?<![\\w-])S4(?![\\w-])");
        mvc.perform(get("/networks/" + federation + "/indicators/" + benevoles).with(users.as(federationUser)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("23,3333")));
        mvc.perform(get("/networks/" + federation + "/structures/" + structures.get("S1")).with(users.as(federationUser)))
                .andExpect(status().isOk());
        mvc.perform(get("/networks/" + federation + "/calendar").with(users.as(federationUser)))
                .andExpect(status().isOk());
        mvc.perform(get("/structures/" + structures.get("S1") + "/peers").with(users.as(adminOf.get("S1"))))
                .andExpect(status().isOk());

        // strangers: a structure's admin, the other network's member, a structure outside the territory
        mvc.perform(get("/networks/" + federation).with(users.as(adminOf.get("S1")))).andExpect(status().isNotFound());
        mvc.perform(get("/networks/" + federation + "/summary.csv").with(users.as(cafUser)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/networks/" + federation + "/structures/" + structures.get("S4")).with(users.as(federationUser)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/networks/" + federation + "/structures/" + structures.get("S5")).with(users.as(federationUser)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/networks/" + federation + "/indicators/999999999").with(users.as(federationUser)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/structures/" + structures.get("S2") + "/peers").with(users.as(adminOf.get("S1"))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/networks/" + federation + "/summary?year=12345").with(users.as(federationUser)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/networks/" + federation + "/summary?year=abc").with(users.as(federationUser)))
                .andExpect(status().is4xxClientError());

        byte[] workbook = mvc.perform(get("/networks/" + federation + "/summary.xlsx?year=2024")
                .with(users.as(federationUser))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            Sheet sheet = book.getSheetAt(0);
            Row hours = rowWithCode(sheet, "heures_benevoles");
            assertThat(hours.getCell(4).getNumericCellValue()).isEqualTo(3);
            assertThat(hours.getCell(5).getNumericCellValue()).isEqualTo(900);
            Row share = rowWithCode(sheet, "part_caf");
            assertThat(share.getCell(5)).as("a share is not added up").isNull();
            assertThat(share.getCell(7).getNumericCellValue()).isEqualTo(40);
        }
        byte[] csv = mvc.perform(get("/networks/" + federation + "/summary.csv?year=2024")
                .with(users.as(federationUser))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsByteArray();
        assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).contains("Bénévolat;heures_benevoles;Heures de bénévolat;h;3;900;300;300")
                .contains("part_caf;Part de la CAF dans le budget;%;3;;38,3333;40");

        mvc.perform(get("/api/v1/networks/" + federation + "/indicators/" + benevoles + "?period=2024")
                .with(users.as(federationUser))).andExpect(status().isOk())
                .andExpect(jsonPath("$.aggregates[?(@.period == '2024')].total").value(70.0))
                .andExpect(jsonPath("$.values.length()").value(3));
        mvc.perform(get("/api/v1/networks/" + federation + "/indicators/" + benevoles + "?period=<b>")
                .with(users.as(federationUser))).andExpect(status().isUnprocessableEntity());
        mvc.perform(get("/api/v1/networks/" + federation).with(users.as(adminOf.get("S4"))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/structures/" + structures.get("S1") + "/peers").with(users.as(adminOf.get("S1"))))
                .andExpect(status().isOk());

        byte[] entryBook = mvc.perform(get("/networks/" + federation + "/indicators/" + benevoles + "/figures.xlsx")
                .with(users.as(federationUser))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(entryBook))) {
            assertThat(book.getSheet("Structures").getLastRowNum()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void theCalendarFollowsTheMilestonesTheNetworkSets() throws Exception {
        users.signIn(federationUser);
        AgrementCalendar calendar = network.calendar(federation, LocalDate.of(2026, 11, 26));
        assertThat(calendar.lines()).extracting(line -> line.structure().name()).containsExactly("S2", "S1");
        assertThat(calendar.undated()).extracting(TerritoryStructure::name).containsExactly("S3");
        CalendarLine s1 = calendar.lines().get(1);
        assertThat(s1.next().date()).isEqualTo(LocalDate.of(2026, 12, 30));
        assertThat(s1.late()).as("12 months before the end, the evaluation should be collecting; it is framing").isTrue();

        String before = jdbc.sql("SELECT count(*) FROM agrement_milestone WHERE organisation_id = ?")
                .param(federation).query(String.class).single();
        String refused = mvc.perform(post("/networks/" + federation + "/milestones").with(csrf())
                .with(users.as(federationUser))
                .param("milestones[0].monthsBefore", "99").param("milestones[0].label", "<script>alert(1)</script>")
                .param("milestones[1].monthsBefore", "10").param("milestones[1].label", " "))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("Un nombre de mois entre 0 et 60.", "Nommez l&#39;étape")
                .doesNotContain("<script>alert(1)</script>");
        assertThat(jdbc.sql("SELECT count(*) FROM agrement_milestone WHERE organisation_id = ?")
                .param(federation).query(String.class).single()).isEqualTo(before);

        mvc.perform(post("/networks/" + federation + "/milestones").with(csrf()).with(users.as(federationUser))
                .param("milestones[0].monthsBefore", "10").param("milestones[0].label", "Bilan d'étape")
                .param("milestones[0].expectedStatus", "COLLECTING")
                .param("milestones[1].monthsBefore", "").param("milestones[1].label", ""))
                .andExpect(status().is3xxRedirection());
        try {
            users.signIn(federationUser);
            AgrementCalendar custom = network.calendar(federation, LocalDate.of(2026, 11, 26));
            assertThat(custom.milestones()).extracting(Milestone::label).containsExactly("Bilan d'étape");
            assertThat(custom.lines().get(1).steps().get(0).date()).isEqualTo(LocalDate.of(2026, 8, 30));
            assertThat(custom.lines().get(1).late()).isTrue();
            mvc.perform(post("/networks/" + federation + "/milestones").with(csrf()).with(users.as(cafUser))
                    .param("milestones[0].monthsBefore", "1").param("milestones[0].label", "x"))
                    .andExpect(status().isNotFound());
        }
        finally {
            users.signIn(federationUser);
            network.saveMilestones(federation, List.of());
        }
        assertThat(network.milestones(federation)).isEqualTo(NetworkService.DEFAULT_MILESTONES);
    }

    // --- set-up -------------------------------------------------------------------------------

    private String member(long organisationId, Role role) {
        String username = users.newUsername("network");
        users.addMember(organisationId, users.newUser(username), role);
        return username;
    }

    private void structure(String name, String departement, LocalDate agrementEnd, int volunteers, int hours,
            int budget, int budgetCaf) {
        long id = organisations.createStructureUnchecked(new StructureDraft(name, StructureKind.CENTRE_SOCIAL,
                departement, "Commune", agrementEnd == null ? null : agrementEnd.minusYears(4), agrementEnd, null, null,
                false, null, null));
        structures.put(name, id);
        adminOf.put(name, member(id, Role.STRUCTURE_ADMIN));
        long evaluation = evaluation(name, "Projet social " + name);
        evaluationOf.put(name, evaluation);
        enter(name, evaluation, Map.of("benevoles", volunteers, "heures_benevoles", hours, "budget_total", budget,
                "budget_caf", budgetCaf));
    }

    private long evaluation(String structure, String title) {
        users.signIn(adminOf.get(structure));
        long evaluation = evaluations.create(structures.get(structure), new EvaluationDraft(title,
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2023, 1, 1), LocalDate.of(2024, 12, 31),
                EvaluationStatus.FRAMING));
        List<Long> entries = libraries.libraries(evaluation).stream().filter(l -> l.code().equals("socle"))
                .flatMap(l -> l.entries().stream()).map(LibraryEntry::id).toList();
        libraries.copy(evaluation, entries);
        SecurityContextHolder.clearContext();
        return evaluation;
    }

    private void enter(String structure, long evaluation, Map<String, Integer> values) {
        users.signIn(adminOf.get(structure));
        Map<String, Long> ids = new HashMap<>();
        framework.indicators(evaluation).forEach((Indicator i) -> ids.put(i.code(), i.id()));
        framework.saveValues(evaluation, values.entrySet().stream()
                .map(e -> new CellInput(ids.get(e.getKey()), "2024", String.valueOf(e.getValue()))).toList(),
                DataSource.MANUAL);
        SecurityContextHolder.clearContext();
    }

    private long entry(String code) {
        return jdbc.sql("""
                SELECT e.id FROM library_indicator e JOIN indicator_library l ON l.id = e.library_id
                WHERE l.code = 'socle' AND l.organisation_id IS NULL AND e.code = ?
                """).param(code).query(Long.class).single();
    }

    private static Comparison.Row row(List<Comparison> comparisons, String code, String period) {
        return comparisons.stream().filter(c -> c.entry().code().equals(code)).findFirst().orElseThrow()
                .rows().stream().filter(r -> r.period().equals(period)).findFirst().orElseThrow();
    }

    private static Row rowWithCode(Sheet sheet, String code) {
        for (Row row : sheet) {
            if (row.getCell(1) != null && code.equals(row.getCell(1).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row " + code);
    }
}
