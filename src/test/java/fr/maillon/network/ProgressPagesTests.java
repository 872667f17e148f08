package fr.maillon.network;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.StructureDraft;
import fr.maillon.organisation.StructureKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The progress view of a large network, a page at a time and by région or département: a federation of Charente (16),
 * Charente-Maritime (17) (both Nouvelle-Aquitaine) and Eure-et-Loir (28, Centre-Val de Loire), départements no other
 * test uses, with 53 + 2 + 1 structures. Every third structure shares its projet social; the last one of Charente
 * (on the second page) is late for its agrément.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgressPagesTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

    @Autowired
    TestUsers users;

    @Autowired
    OrganisationService organisations;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    ProgressService progress;

    @Autowired
    MockMvc mvc;

    long federation;
    String delegate;
    final List<Long> sharing = new ArrayList<>();

    @BeforeAll
    void territory() {
        federation = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Fédération des Charentes et d'Eure-et-Loir", List.of("16", "17", "28")));
        delegate = users.newUsername("delegate");
        users.addMember(federation, users.newUser(delegate), Role.FEDERATION_MEMBER);
        for (int i = 1; i <= 53; i++) {
            // the agrément of the last one ends in three months: its evaluation should be under way by now
            structure(String.format("Centre %02d", i), "16", i % 3 == 0 || i == 53,
                    i == 53 ? TODAY.plusMonths(3) : TODAY.plusYears(3));
        }
        structure("Centre de Saintes", "17", true, TODAY.plusYears(3));
        structure("Centre de Rochefort", "17", false, TODAY.plusYears(3));
        structure("Centre de Chartres", "28", true, TODAY.plusYears(3));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aLargeTerritoryComesAPageAtATimeWithItsCountsOverAllPages() {
        users.signIn(delegate);
        NetworkProgress first = progress.progress(federation, ProgressQuery.ALL, TODAY);
        assertThat(first.total()).isEqualTo(56);
        assertThat(first.sharing()).isEqualTo(sharing.size());
        assertThat(first.pages()).isEqualTo(2);
        assertThat(first.structures()).hasSize(ProgressService.PAGE_SIZE);
        assertThat(first.structures()).extracting(NetworkProgress.Structure::name).doesNotContain("Centre 53");
        assertThat(first.late()).as("the late structure of the second page counts on the first").isEqualTo(1);
        assertThat(first.places()).extracting(ProgressQuery.Place::departement, ProgressQuery.Place::structures)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("16", 53),
                        org.assertj.core.groups.Tuple.tuple("17", 2), org.assertj.core.groups.Tuple.tuple("28", 1));

        NetworkProgress second = progress.progress(federation, new ProgressQuery(null, null, 2), TODAY);
        assertThat(second.structures()).hasSize(6);
        NetworkProgress.Structure late = second.structures().stream().filter(s -> s.name().equals("Centre 53"))
                .findFirst().orElseThrow();
        assertThat(late.late()).extracting(NetworkProgress.Late::source).containsOnly(NetworkProgress.Source.AGREMENT);
        assertThat(late.evaluations()).singleElement()
                .satisfies(evaluation -> assertThat(evaluation.steps()).hasSize(ProgressStep.values().length));
        List<Long> seen = new ArrayList<>();
        first.structures().forEach(s -> seen.add(s.id()));
        second.structures().forEach(s -> seen.add(s.id()));
        assertThat(seen).as("every structure once over the two pages").doesNotHaveDuplicates().hasSize(56);

        assertThat(progress.progress(federation, new ProgressQuery(null, null, 99), TODAY).page())
                .as("a page after the last is the last").isEqualTo(2);
        assertThat(progress.progress(federation, new ProgressQuery(null, null, -3), TODAY).page()).isEqualTo(1);
    }

    @Test
    void aRegionOrADepartementKeepsItsStructuresOnly() {
        users.signIn(delegate);
        NetworkProgress charenteMaritime = progress.progress(federation, new ProgressQuery(null, "17", 1), TODAY);
        assertThat(charenteMaritime.structures()).extracting(NetworkProgress.Structure::name)
                .containsExactly("Centre de Rochefort", "Centre de Saintes");
        assertThat(charenteMaritime.total()).isEqualTo(2);
        assertThat(charenteMaritime.sharing()).isEqualTo(1);
        assertThat(charenteMaritime.late()).isZero();

        NetworkProgress centre = progress.progress(federation, new ProgressQuery("24", null, 1), TODAY);
        assertThat(centre.structures()).extracting(NetworkProgress.Structure::name).containsExactly("Centre de Chartres");
        assertThat(progress.progress(federation, new ProgressQuery("75", null, 1), TODAY).total()).isEqualTo(55);
        assertThat(progress.progress(federation, new ProgressQuery("75", "28", 1), TODAY).total())
                .as("a département outside the région").isZero();
        assertThat(progress.progress(federation, new ProgressQuery(null, "26", 1), TODAY).structures())
                .as("a département outside the territory shows no structure").isEmpty();
        assertThat(progress.progress(federation, new ProgressQuery(null, "x".repeat(5000), 1), TODAY).total()).isZero();
    }

    @Test
    void thePageFiltersAndPagesAndTheApiSaysHowManyPages() throws Exception {
        mvc.perform(get("/networks/" + federation + "/progress").with(users.as(delegate)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"progress-filter\"")))
                .andExpect(content().string(containsString("Nouvelle-Aquitaine")))
                .andExpect(content().string(containsString("16 Charente (53 structures)")))
                .andExpect(content().string(containsString("Page 1 sur 2 : structures 1 à 50 sur 56")))
                .andExpect(content().string(containsString("page=2")))
                .andExpect(content().string(not(containsString("Centre 53"))));
        mvc.perform(get("/networks/" + federation + "/progress").param("departement", "16").param("page", "2")
                        .with(users.as(delegate)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Centre 53")))
                .andExpect(content().string(containsString("departement=16&amp;page=1")))
                .andExpect(content().string(containsString("Page 2 sur 2 : structures 51 à 53 sur 53")));
        mvc.perform(get("/networks/" + federation + "/progress").param("place", "region-75").with(users.as(delegate)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Page 1 sur 2 : structures 1 à 50 sur 55")))
                .andExpect(content().string(containsString("progress?region=75&amp;departement=&amp;page=2")))
                .andExpect(content().string(containsString("<option value=\"region-75\" selected=\"selected\">")));
        mvc.perform(get("/networks/" + federation + "/progress").param("region", "24").param("departement", "16")
                        .with(users.as(delegate)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Aucune structure de votre territoire à cet endroit")));
        mvc.perform(get("/networks/" + federation + "/progress").param("page", "x").with(users.as(delegate)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/networks/" + federation + "/progress").param("page", "99").with(users.as(delegate)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page").value(2))
                .andExpect(jsonPath("$.query.page").value(2));
        mvc.perform(get("/api/v1/networks/" + federation + "/progress").param("region", "24").with(users.as(delegate)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.pages").value(1))
                .andExpect(jsonPath("$.structures[0].name").value("Centre de Chartres"))
                .andExpect(jsonPath("$.places.length()").value(3));
        String stranger = users.newUsername("stranger");
        users.newUser(stranger);
        mvc.perform(get("/api/v1/networks/" + federation + "/progress").with(users.as(stranger)))
                .andExpect(status().isNotFound());
    }

    private void structure(String name, String departement, boolean shares, LocalDate agrementEnd) {
        long id = organisations.createStructureUnchecked(new StructureDraft(name, StructureKind.CENTRE_SOCIAL,
                departement, "Commune", agrementEnd.minusYears(4), agrementEnd, null, null, false, null, null));
        if (!shares) {
            return;
        }
        String admin = users.newUsername("admin");
        users.addMember(id, users.newUser(admin), Role.STRUCTURE_ADMIN);
        users.signIn(admin);
        evaluations.create(id, new EvaluationDraft("Projet social " + name, EvaluationScope.PROJET_SOCIAL, null,
                LocalDate.of(2023, 1, 1), LocalDate.of(2026, 12, 31), EvaluationStatus.FRAMING));
        organisations.share(id, null, federation);
        sharing.add(id);
        SecurityContextHolder.clearContext();
    }
}
