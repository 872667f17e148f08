package fr.maillon.network;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
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
import fr.maillon.framework.Indicator;
import fr.maillon.framework.LibraryEntry;
import fr.maillon.framework.LibraryService;
import fr.maillon.network.TerritoryFigures.Group;
import fr.maillon.network.TerritoryFigures.Masking;
import fr.maillon.network.TerritoryFigures.Region;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.StructureDraft;
import fr.maillon.organisation.StructureKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A national network's view by region and département. The network covers Corse (2A: 3 structures
 * sharing, 2B: 1), Occitanie (Lozère: 3, Ariège: 4) and Nouvelle-Aquitaine (Creuse: 2); a
 * Lozère structure that shares nothing with it counts nowhere.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerritoryViewTests {

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

    long national;
    long other;
    String nationalUser;
    String otherUser;
    long benevoles;
    final Map<String, BigDecimal> sums = new HashMap<>();

    @BeforeAll
    void territory() {
        national = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Fédération nationale (test)", List.of("2A", "2B", "48", "09", "23")));
        other = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.CAF, "CAF de la Lozère (test)", List.of("48")));
        nationalUser = member(national, Role.FEDERATION_MEMBER);
        otherUser = member(other, Role.CAF_MEMBER);
        int volunteers = 10;
        for (Map.Entry<String, Integer> departement : Map.of("2A", 3, "2B", 1, "48", 3, "09", 4, "23", 2).entrySet()) {
            for (int i = 0; i < departement.getValue(); i++) {
                structure(departement.getKey(), volunteers++, true);
            }
        }
        structure("48", 1000, false);
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
    void eachLevelHidesSmallGroupsAndTheNeighboursThatWouldGiveThemBack() {
        users.signIn(nationalUser);
        TerritoryFigures figures = network.territories(national, benevoles, null);
        assertThat(figures.year()).as("the latest year with figures").isEqualTo(2024);
        assertThat(figures.years()).containsExactly(2024);
        assertThat(figures.whole().structures()).as("the unshared structure counts nowhere").isEqualTo(13);
        assertThat(figures.whole().total()).isEqualByComparingTo(sum("2A", "2B", "48", "09", "23"));

        Region corse = region(figures, "Corse");
        Region occitanie = region(figures, "Occitanie");
        Region aquitaine = region(figures, "Nouvelle-Aquitaine");
        assertThat(aquitaine.figures().masking()).isEqualTo(Masking.SMALL);
        assertThat(corse.figures().masking()).as("the national total minus Occitanie would give the Creuse's two")
                .isEqualTo(Masking.PROTECTS);
        assertThat(corse.figures().total()).isNull();
        assertThat(corse.departements()).extracting(Group::code, Group::masking)
                .containsExactlyInAnyOrder(tuple("2A", Masking.PROTECTS), tuple("2B", Masking.SMALL));
        assertThat(occitanie.figures().masking()).isEqualTo(Masking.NONE);
        assertThat(occitanie.figures().total()).isEqualByComparingTo(sum("48", "09"));
        assertThat(occitanie.departements()).extracting(Group::name, Group::structures, g -> g.total().intValue())
                .containsExactlyInAnyOrder(tuple("Lozère", 3, sum("48").intValue()),
                        tuple("Ariège", 4, sum("09").intValue()));

        // no subtraction of shown figures gives fewer than three structures' sum
        BigDecimal shownRegions = figures.regions().stream().map(Region::figures).filter(g -> !g.hidden())
                .map(Group::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        int hiddenStructures = figures.regions().stream().map(Region::figures).filter(Group::hidden)
                .mapToInt(Group::structures).sum();
        assertThat(figures.whole().total().subtract(shownRegions)).isEqualByComparingTo(sum("2A", "2B", "23"));
        assertThat(hiddenStructures).isGreaterThanOrEqualTo(Aggregate.MINIMUM_GROUP);
    }

    @Test
    void theRuleMasksTheSmallestNeighboursUntilTheHiddenOnesHoldThree() {
        List<Group> masked = TerritoryMasking.siblings(List.of(group("a", 1), group("b", 5), group("c", 4),
                group("d", 9)));
        assertThat(masked).extracting(Group::code, Group::masking).containsExactly(tuple("a", Masking.SMALL),
                tuple("b", Masking.NONE), tuple("c", Masking.PROTECTS), tuple("d", Masking.NONE));
        assertThat(TerritoryMasking.siblings(List.of(group("a", 1), group("b", 2), group("c", 3))))
                .extracting(Group::masking).containsExactly(Masking.SMALL, Masking.SMALL, Masking.NONE);
        assertThat(TerritoryMasking.siblings(List.of(group("a", 3), group("b", 4))))
                .extracting(Group::masking).containsOnly(Masking.NONE);
        assertThat(TerritoryMasking.siblings(List.of(group("a", 2), group("b", 1))))
                .as("nothing left to show").extracting(Group::masking).containsOnly(Masking.SMALL);
    }

    @Test
    void thePageAndTheApiShowTheSameFiguresToTheNetworkOnly() throws Exception {
        mvc.perform(get("/networks/{id}/territories", national).param("entry", String.valueOf(benevoles))
                .with(users.as(nationalUser)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Lozère (48)")))
                .andExpect(content().string(containsString("masqué (protège un voisin)")))
                .andExpect(content().string(not(containsString("1000"))));
        mvc.perform(get("/networks/{id}", national).with(users.as(nationalUser)))
                .andExpect(content().string(containsString("/networks/" + national + "/territories")));
        mvc.perform(get("/api/v1/networks/{id}/territories", national).param("entry", String.valueOf(benevoles))
                .param("year", "2024").with(users.as(nationalUser)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.year").value(2024))
                .andExpect(jsonPath("$.whole.structures").value(13))
                .andExpect(jsonPath("$.regions[0].figures.name").value("Corse"))
                .andExpect(jsonPath("$.regions[0].figures.masking").value("PROTECTS"))
                .andExpect(jsonPath("$.regions[0].figures.total").doesNotExist())
                .andExpect(jsonPath("$.regions[2].departements[1].total").value(sum("48").intValue()));
        mvc.perform(get("/networks/{id}/territories", national).with(users.as(otherUser)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/networks/{id}/territories", national).with(users.as(otherUser)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/networks/{id}/territories", national).param("entry", "abc").with(users.as(nationalUser)))
                .andExpect(status().is4xxClientError());
        mvc.perform(get("/networks/{id}/territories", national).param("year", "99999").with(users.as(nationalUser)))
                .andExpect(status().is4xxClientError());
    }

    @Test
    void meSaysWhoTheCallerIsAndWhereSheBelongs() throws Exception {
        mvc.perform(get("/api/v1/me").with(users.as(nationalUser)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value(nationalUser))
                .andExpect(jsonPath("$.platformAdmin").value(false))
                .andExpect(jsonPath("$.structures").isEmpty())
                .andExpect(jsonPath("$.networks[0].organisationId").value(national))
                .andExpect(jsonPath("$.networks[0].organisationType").value("FEDERATION"))
                .andExpect(jsonPath("$.networks[0].role").value("FEDERATION_MEMBER"));
        mvc.perform(get("/api/v1/me")).andExpect(status().isUnauthorized());
    }

    private BigDecimal sum(String... departements) {
        BigDecimal total = BigDecimal.ZERO;
        for (String departement : departements) {
            total = total.add(sums.getOrDefault(departement, BigDecimal.ZERO));
        }
        return total;
    }

    private static Region region(TerritoryFigures figures, String name) {
        return figures.regions().stream().filter(r -> r.figures().name().equals(name)).findFirst().orElseThrow();
    }

    private static Group group(String code, int structures) {
        return new Group(code, code, structures, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, Masking.NONE);
    }

    private String member(long organisationId, Role role) {
        String username = users.newUsername("national");
        users.addMember(organisationId, users.newUser(username), role);
        return username;
    }

    private void structure(String departement, int volunteers, boolean shares) {
        long id = organisations.createStructureUnchecked(new StructureDraft("Structure " + departement + " "
                + volunteers, StructureKind.CENTRE_SOCIAL, departement, "Commune", null, null, null, null, false, null,
                null));
        String admin = member(id, Role.STRUCTURE_ADMIN);
        users.signIn(admin);
        long evaluation = evaluations.create(id, new EvaluationDraft("Projet social", EvaluationScope.PROJET_SOCIAL,
                null, LocalDate.of(2023, 1, 1), LocalDate.of(2024, 12, 31), EvaluationStatus.FRAMING));
        List<Long> entries = new ArrayList<>(libraries.libraries(evaluation).stream()
                .filter(l -> l.code().equals("socle")).flatMap(l -> l.entries().stream()).map(LibraryEntry::id)
                .toList());
        libraries.copy(evaluation, entries);
        long indicator = framework.indicators(evaluation).stream().filter((Indicator i) -> i.code().equals("benevoles"))
                .findFirst().orElseThrow().id();
        framework.saveValues(evaluation, List.of(new CellInput(indicator, "2024", String.valueOf(volunteers))),
                DataSource.MANUAL);
        if (shares) {
            organisations.share(id, null, national);
            sums.merge(departement, BigDecimal.valueOf(volunteers), BigDecimal::add);
        }
        SecurityContextHolder.clearContext();
    }
}
