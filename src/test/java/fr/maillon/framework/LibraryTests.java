package fr.maillon.framework;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationNotFoundException;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.StructureDraft;
import fr.maillon.organisation.StructureKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Maillon's libraries copied into a framework, and a federation's library published to the
 * structures of its départements only (Corse-du-Sud here, so that no other test's federation covers them).
 */
@SpringBootTest
@AutoConfigureMockMvc
class LibraryTests {

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
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    String editor;
    long evaluation;

    @BeforeEach
    void setUp() {
        long structure = structure("2A");
        editor = users.newUsername("editor");
        users.addMember(structure, users.newUser(editor), Role.STRUCTURE_EDITOR);
        users.signIn(editor);
        evaluation = evaluations.create(structure, new EvaluationDraft("Cadre copié", EvaluationScope.PROJET_SOCIAL,
                null, LocalDate.of(2022, 1, 1), LocalDate.of(2025, 12, 31), null));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aFormulaIsCopiedWithItsInputsAndEachCopyKeepsItsEntry() {
        IndicatorLibrary socle = library("socle");
        LibraryCopy copy = libraries.copy(evaluation, List.of(entry(socle, "valeur_benevolat").id(),
                entry(socle, "benevoles").id()));
        assertThat(copy.added()).containsExactly("Heures de bénévolat", "Valeur d'une heure de bénévolat",
                "Valeur du bénévolat", "Bénévoles actifs");
        assertThat(libraries.copy(evaluation, List.of(entry(socle, "heures_benevoles").id())).alreadyThere())
                .containsExactly("Heures de bénévolat");
        List<Indicator> indicators = framework.indicators(evaluation);
        assertThat(indicators).extracting(Indicator::code).containsExactly("heures_benevoles", "taux_horaire",
                "valeur_benevolat", "benevoles");
        assertThat(indicators.get(2).formula()).isEqualTo("heures_benevoles * taux_horaire");
        assertThat(indicators.get(0).libraryEntryId()).isEqualTo(entry(socle, "heures_benevoles").id());
        Indicator volunteers = indicators.get(3);
        assertThat(volunteers.disaggregationId()).isEqualTo(jdbc.sql(
                "SELECT id FROM disaggregation WHERE structure_id IS NULL AND code = 'sexe'").query(Long.class).single());
        // the copy is computed like any indicator
        framework.saveGrid(evaluation, false, List.of(new CellInput(indicators.get(0).id(), "2022", "1000"),
                new CellInput(indicators.get(1).id(), "2022", "11,65")));
        assertThat(framework.results(evaluation, PeriodType.YEAR).get(2).periods().get(0).value())
                .isEqualByComparingTo("11650");
    }

    @Test
    void aFederationPublishesItsLibraryToTheStructuresOfItsDepartementsOnly() {
        long federation = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Fédération de Corse-du-Sud", List.of("2A")));
        String member = users.newUsername("federation");
        users.addMember(federation, users.newUser(member), Role.FEDERATION_MEMBER);
        long elsewhere = structure("2B");
        String neighbour = users.newUsername("neighbour");
        users.addMember(elsewhere, users.newUser(neighbour), Role.STRUCTURE_EDITOR);

        // a structure's editor does not write the federation's library
        assertThatThrownBy(() -> libraries.addEntry(federation, null, draft("jardins", null), null))
                .isInstanceOf(OrganisationNotFoundException.class);
        users.signIn(member);
        libraries.addEntry(federation, "Jardins partagés", draft("parcelles", null), "qpv");
        libraries.addEntry(federation, "Jardins partagés", draft("jardiniers", null), null);
        libraries.addEntry(federation, "Jardins partagés", draft("par_parcelle", "jardiniers / parcelles"), null);
        assertThatThrownBy(() -> libraries.addEntry(federation, null, draft("boucle", "inconnu * 2"), null))
                .isInstanceOf(fr.maillon.web.RuleViolationException.class);
        users.signIn(editor);
        assertThat(libraries.libraries(evaluation)).extracting(IndicatorLibrary::organisationId).doesNotContain(federation);

        users.signIn(member);
        libraries.publish(federation, true);
        users.signIn(editor);
        IndicatorLibrary published = libraries.libraries(evaluation).stream()
                .filter(library -> Long.valueOf(federation).equals(library.organisationId())).findFirst().orElseThrow();
        assertThat(libraries.copy(evaluation, List.of(entry(published, "par_parcelle").id())).added())
                .hasSize(3);
        assertThat(framework.indicators(evaluation)).filteredOn(indicator -> indicator.code().equals("parcelles"))
                .extracting(Indicator::disaggregationId).doesNotContainNull().hasSize(1);

        users.signIn(neighbour);
        long otherEvaluation = evaluations.create(elsewhere, new EvaluationDraft("Ailleurs", EvaluationScope.PROJET_SOCIAL,
                null, LocalDate.of(2022, 1, 1), LocalDate.of(2025, 12, 31), null));
        assertThat(libraries.libraries(otherEvaluation)).extracting(IndicatorLibrary::organisationId)
                .doesNotContain(federation);
        assertThatThrownBy(() -> libraries.copy(otherEvaluation, List.of(entry(published, "parcelles").id())))
                .isInstanceOf(FrameworkItemNotFoundException.class);
        assertThat(framework.indicators(otherEvaluation)).isEmpty();
    }

    @Test
    void thePagesCopyFromALibrary() throws Exception {
        IndicatorLibrary caf = library("caf");
        mvc.perform(get("/evaluations/{e}/library", evaluation).with(users.as(editor)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Inclusion sociale et socialisation")));
        mvc.perform(post("/evaluations/{e}/library", evaluation).with(users.as(editor)).with(csrf())
                .param("entryIds", String.valueOf(entry(caf, "actions_collectives").id())))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Un indicateur ajouté")));
        mvc.perform(post("/evaluations/{e}/library", evaluation).with(users.as(editor)).with(csrf())
                .param("entryIds", "999999999"))
                .andExpect(status().isNotFound());
        users.signIn(editor);
        assertThat(framework.indicators(evaluation)).extracting(Indicator::code).containsExactly("actions_collectives");
    }

    private long structure(String departement) {
        return organisations.createStructureUnchecked(new StructureDraft("Centre " + departement, StructureKind.CENTRE_SOCIAL,
                departement, "Ajaccio", null, null, null, null, false, null, null));
    }

    private IndicatorLibrary library(String code) {
        return libraries.libraries(evaluation).stream().filter(library -> library.shipped() && library.code().equals(code))
                .findFirst().orElseThrow();
    }

    private static LibraryEntry entry(IndicatorLibrary library, String code) {
        return library.entries().stream().filter(entry -> entry.code().equals(code)).findFirst().orElseThrow();
    }

    private static IndicatorDraft draft(String code, String formula) {
        return new IndicatorDraft(code, "Indicateur " + code, null, Measure.COUNT, null, null, null, null, null, null,
                null, false, formula == null ? DataSource.MANUAL : DataSource.FORMULA, formula, null, null, null, null);
    }
}
