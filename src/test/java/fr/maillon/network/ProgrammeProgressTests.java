package fr.maillon.network;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestClock;
import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.chain.StepState;
import fr.maillon.framework.CellInput;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.Indicator;
import fr.maillon.framework.LibraryEntry;
import fr.maillon.framework.LibraryService;
import fr.maillon.network.internal.ProgressRepository.Facts;
import fr.maillon.network.internal.ProgressRules;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.StructureDraft;
import fr.maillon.organisation.StructureKind;
import fr.maillon.web.NotFoundException;
import fr.maillon.web.RuleViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A federation of Saint-Pierre-et-Miquelon (975) runs a programme whose cohort spans 975 and Mayotte (976), which
 * no other test uses. A joins sharing its projet social only (its second evaluation stays its own), B joins sharing
 * everything, C joins sharing nothing, D (976) never joins.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgrammeProgressTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);

    @Autowired
    TestUsers users;

    @Autowired
    TestClock clock;

    @Autowired
    OrganisationService organisations;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    LibraryService libraries;

    @Autowired
    FrameworkService framework;

    @Autowired
    ProgrammeService programmes;

    @Autowired
    ProgressService progress;

    @Autowired
    MockMvc mvc;

    long federation;
    long programme;
    String facilitator;
    final Map<String, Long> structures = new HashMap<>();
    final Map<String, String> adminOf = new HashMap<>();
    final Map<String, Long> evaluationOf = new HashMap<>();
    long secret;

    @BeforeAll
    void cohort() {
        federation = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Fédération de Saint-Pierre-et-Miquelon", List.of("975")));
        facilitator = users.newUsername("facilitator");
        users.addMember(federation, users.newUser(facilitator), Role.FEDERATION_MEMBER);
        structure("Centre A", "975");
        structure("Centre B", "976");
        structure("Centre C", "975");
        structure("Centre D", "976");
        secret = evaluation("Centre A", "Action jamais partagée");

        users.signIn(facilitator);
        programme = programmes.create(federation, "Évaluer ensemble 2027", "Six centres, deux départements.");
        String tokenA = programmes.invite(programme, "Centre A").token();
        String tokenB = programmes.invite(programme, "Centre B").token();
        String tokenC = programmes.invite(programme, "Centre C").token();
        programmes.invite(programme, "Centre D");
        programmes.addMilestone(programme, "Atelier chaîne de valeur", ProgressStep.CHAIN, LocalDate.of(2026, 1, 15));
        programmes.addMilestone(programme, "Premières données", ProgressStep.COLLECTION, LocalDate.of(2026, 2, 1));
        programmes.addMilestone(programme, "Rapport finalisé", ProgressStep.FINALISED, LocalDate.of(2027, 3, 15));

        users.signIn(adminOf.get("Centre A"));
        programmes.join(tokenA, structures.get("Centre A"), String.valueOf(evaluationOf.get("Centre A")));
        users.signIn(adminOf.get("Centre B"));
        programmes.join(tokenB, structures.get("Centre B"), ProgrammeService.SHARE_ALL);
        users.signIn(adminOf.get("Centre C"));
        programmes.join(tokenC, structures.get("Centre C"), ProgrammeService.SHARE_NOTHING);
        SecurityContextHolder.clearContext();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
        clock.reset();
    }

    @Test
    void theFacilitatorSeesEachJoinedStructuresProgressAndNothingUnshared() {
        users.signIn(facilitator);
        NetworkProgress seen = progress.progress(programme, ProgressQuery.ALL, TODAY);
        assertThat(seen.structures()).extracting(NetworkProgress.Structure::name)
                .containsExactlyInAnyOrder("Centre A", "Centre B", "Centre C");
        NetworkProgress.Structure a = structure(seen, "Centre A");
        assertThat(a.evaluations()).extracting(NetworkProgress.Evaluation::id)
                .as("the evaluation A keeps to itself never appears").containsExactly(evaluationOf.get("Centre A"));
        NetworkProgress.Structure c = structure(seen, "Centre C");
        assertThat(c.sharing()).isFalse();
        assertThat(c.evaluations()).isEmpty();
        assertThat(c.late()).isEmpty();

        NetworkProgress.Evaluation evaluation = a.evaluations().get(0);
        assertThat(evaluation.steps()).extracting(NetworkProgress.Step::step).containsExactly(ProgressStep.values());
        assertThat(step(evaluation, ProgressStep.CHAIN).state()).isEqualTo(StepState.TODO);
        assertThat(step(evaluation, ProgressStep.CHAIN).date()).isNull();
        assertThat(step(evaluation, ProgressStep.COLLECTION).state()).isEqualTo(StepState.DONE);
        assertThat(step(evaluation, ProgressStep.COLLECTION).date()).isNotNull();
        assertThat(step(evaluation, ProgressStep.INDICATORS).state()).as("four socle indicators of many have data")
                .isEqualTo(StepState.STARTED);
        assertThat(step(evaluation, ProgressStep.FINALISED).state()).isEqualTo(StepState.TODO);

        // the federation's own territory (975) holds A and C, who shared nothing with it
        NetworkProgress own = progress.progress(federation, ProgressQuery.ALL, TODAY);
        assertThat(own.structures()).extracting(NetworkProgress.Structure::name)
                .contains("Centre A", "Centre C").doesNotContain("Centre B", "Centre D");
        assertThat(own.structures()).allMatch(structure -> !structure.sharing() && structure.evaluations().isEmpty());
    }

    @Test
    void aMilestonePassedWithoutItsStepIsFlaggedLate() {
        users.signIn(facilitator);
        NetworkProgress seen = progress.progress(programme, ProgressQuery.ALL, TODAY);
        assertThat(structure(seen, "Centre A").late()).extracting(NetworkProgress.Late::label, NetworkProgress.Late::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Atelier chaîne de valeur",
                        NetworkProgress.Source.PROGRAMME));
        NetworkProgress.MilestoneStatus chain = seen.milestones().get(0);
        assertThat(chain.due()).isTrue();
        assertThat(chain.lateStructures()).containsExactlyInAnyOrder("Centre A", "Centre B");
        assertThat(seen.milestones().get(1).lateStructures()).as("both collected data").isEmpty();
        assertThat(seen.milestones().get(2).due()).isFalse();
        assertThat(seen.late()).isEqualTo(2);
    }

    @Test
    void anInvitationServesOnceAndNotAfterItExpires() {
        users.signIn(facilitator);
        String token = programmes.invite(programme, "Centre D").token();
        users.signIn(adminOf.get("Centre D"));
        clock.set(clock.instant().plus(ProgrammeService.INVITATION_VALIDITY).plusSeconds(60));
        assertThatThrownBy(() -> programmes.join(token, structures.get("Centre D"), "ALL"))
                .isInstanceOf(NotFoundException.class);
        clock.reset();
        users.signIn(facilitator);
        String fresh = programmes.invite(programme, "Centre D").token();
        users.signIn(adminOf.get("Centre D"));
        assertThat(programmes.offer(fresh).programme().runByName()).isEqualTo("Fédération de Saint-Pierre-et-Miquelon");
        programmes.join(fresh, structures.get("Centre D"), ProgrammeService.SHARE_NOTHING);
        try {
            assertThatThrownBy(() -> programmes.join(fresh, structures.get("Centre D"), "ALL"))
                    .as("a link used once").isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> programmes.offer(fresh)).isInstanceOf(NotFoundException.class);
        }
        finally {
            programmes.leave(programme, structures.get("Centre D"));
        }
        users.signIn(facilitator);
        assertThat(progress.progress(programme, ProgressQuery.ALL, TODAY).structures()).extracting(NetworkProgress.Structure::name)
                .doesNotContain("Centre D");
    }

    @Test
    void leavingEndsTheProgrammesAccess() throws Exception {
        users.signIn(facilitator);
        String token = programmes.invite(programme, "Centre D again").token();
        users.signIn(adminOf.get("Centre D"));
        programmes.join(token, structures.get("Centre D"), ProgrammeService.SHARE_ALL);
        long evaluation = evaluationOf.get("Centre D");
        mvc.perform(get("/evaluations/" + evaluation).with(users.as(facilitator))).andExpect(status().isOk());
        users.signIn(adminOf.get("Centre D"));
        programmes.leave(programme, structures.get("Centre D"));
        assertThat(organisations.shares(structures.get("Centre D"))).noneMatch(s -> s.recipientId() == programme);
        mvc.perform(get("/evaluations/" + evaluation).with(users.as(facilitator))).andExpect(status().isNotFound());
        users.signIn(facilitator);
        assertThat(progress.progress(programme, ProgressQuery.ALL, TODAY).structures()).extracting(NetworkProgress.Structure::name)
                .doesNotContain("Centre D");
    }

    @Test
    void pagesShowTheProgressAndTheKitIsAPrintableGuideWithItsForms() throws Exception {
        mvc.perform(get("/networks/" + programme + "/progress").with(users.as(facilitator)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Ne partage rien")))
                .andExpect(content().string(containsString("Projet social Centre A")))
                .andExpect(content().string(not(containsString("Action jamais partagée"))))
                .andExpect(content().string(not(containsString("Centre D"))));
        mvc.perform(get("/programmes/" + programme).with(users.as(facilitator)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Atelier chaîne de valeur")))
                .andExpect(content().string(containsString("Kits d&#39;atelier")));
        mvc.perform(get("/programmes/" + programme).with(users.as(adminOf.get("Centre A"))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/networks/" + federation).with(users.as(facilitator)))
                .andExpect(content().string(containsString("/networks/" + federation + "/progress")));

        byte[] pdf = mvc.perform(get("/programmes/" + programme + "/kits/CHAIN.pdf").with(users.as(facilitator)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("Guide de séance", "Déroulé", "Matériel", "Feuille de la chaîne de valeur",
                    "Ressources", "Effets sur les habitants", "Effets sur la communauté d'action");
        }
        mvc.perform(get("/programmes/" + programme + "/kits/NOPE.pdf").with(users.as(facilitator)))
                .andExpect(status().isNotFound());
    }

    @Test
    void theApiGivesTheProgressToMembersOnly() throws Exception {
        String token = token(facilitator);
        mvc.perform(get("/api/v1/networks/" + programme + "/progress").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.structures.length()").value(3))
                .andExpect(jsonPath("$.structures[?(@.name == 'Centre C')].sharing").value(false))
                .andExpect(jsonPath("$.structures[?(@.name == 'Centre A')].evaluations[0].steps[0].step")
                        .value("CHAIN"))
                .andExpect(jsonPath("$.milestones[0].lateStructures.length()").value(2))
                .andExpect(content().string(not(containsString("Action jamais partagée"))));
        mvc.perform(get("/api/v1/networks/" + programme + "/progress")
                .header("Authorization", "Bearer " + token(adminOf.get("Centre A"))))
                .andExpect(status().isNotFound());
    }

    @Test
    void badInputIsRefusedWithAMessageAndChangesNothing() throws Exception {
        mvc.perform(post("/programmes/" + programme + "/milestones").with(csrf()).with(users.as(facilitator))
                .param("label", "x".repeat(300)).param("step", "<script>").param("dueOn", "99999-99-99"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Donnez un intitulé au jalon")))
                .andExpect(content().string(containsString("Choisissez l&#39;étape")))
                .andExpect(content().string(containsString("Donnez la date du jalon")));
        mvc.perform(post("/programmes/" + programme + "/milestones").with(csrf()).with(users.as(facilitator))
                .param("label", "a\u0000b").param("step", "CHAIN").param("dueOn", "2026-02-30"))
                .andExpect(status().isOk());
        mvc.perform(post("/networks/" + federation + "/programmes").with(csrf()).with(users.as(facilitator))
                .param("name", " ").param("description", "d".repeat(2100)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Le nom du programme est obligatoire")));
        mvc.perform(post("/programmes/" + programme + "/invitations").with(csrf()).with(users.as(facilitator))
                .param("invitee", "i".repeat(500)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Nommez la structure invitée")));
        users.signIn(facilitator);
        String token = programmes.invite(programme, "Centre D hostile").token();
        SecurityContextHolder.clearContext();
        mvc.perform(post("/programme-invitations/" + token).with(csrf()).with(users.as(adminOf.get("Centre D")))
                .param("structureId", "abc").param("share", "ALL"))
                .andExpect(status().isOk());
        mvc.perform(post("/programme-invitations/" + token).with(csrf()).with(users.as(adminOf.get("Centre D")))
                .param("structureId", String.valueOf(structures.get("Centre D"))).param("share", "1; DROP TABLE"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Choisissez ce que vous partagez")));
        mvc.perform(post("/programme-invitations/" + token).with(csrf()).with(users.as(adminOf.get("Centre D")))
                .param("structureId", String.valueOf(structures.get("Centre D")))
                .param("share", String.valueOf(secret)))
                .andExpect(status().isOk());
        mvc.perform(get("/programme-invitations/" + "z".repeat(5000)).with(users.as(adminOf.get("Centre D"))))
                .andExpect(status().isNotFound());
        users.signIn(facilitator);
        assertThat(progress.progress(programme, ProgressQuery.ALL, TODAY).structures()).extracting(NetworkProgress.Structure::name)
                .as("nothing joined through refused forms").doesNotContain("Centre D");
        assertThat(progress.progress(programme, ProgressQuery.ALL, TODAY).milestones()).hasSize(3);
        assertThatThrownBy(() -> programmes.addMilestone(programme, "ok", null, TODAY))
                .isInstanceOf(RuleViolationException.class);
    }

    @Test
    void daysAreThoseOfTheConfiguredZone() {
        OffsetDateTime lateEvening = OffsetDateTime.parse("2026-03-14T23:30:00Z");
        Facts facts = new Facts(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, null, 0, 0, 0, null, 0, null, 1, 1, 0, lateEvening,
                lateEvening, lateEvening, 0, 0, null, 0, null, 0, null, 0, null, 0, null, null);
        List<NetworkProgress.Step> steps = ProgressRules.steps(facts, ZoneId.of("Europe/Paris"));
        assertThat(steps.get(ProgressStep.COLLECTION.ordinal()).date()).isEqualTo(LocalDate.of(2026, 3, 15));
        assertThat(steps.get(ProgressStep.INDICATORS.ordinal()).state()).isEqualTo(StepState.DONE);
    }

    // --- set-up -------------------------------------------------------------------------------

    private String token(String username) throws Exception {
        String body = mvc.perform(post("/api/v1/tokens").with(users.as(username)).with(csrf())
                .contentType("application/json").content("{\"label\":\"api\"}")).andReturn().getResponse()
                .getContentAsString();
        return body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    private static NetworkProgress.Structure structure(NetworkProgress progress, String name) {
        return progress.structures().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static NetworkProgress.Step step(NetworkProgress.Evaluation evaluation, ProgressStep step) {
        return evaluation.steps().stream().filter(s -> s.step() == step).findFirst().orElseThrow();
    }

    private void structure(String name, String departement) {
        long id = organisations.createStructureUnchecked(new StructureDraft(name, StructureKind.CENTRE_SOCIAL,
                departement, "Commune", LocalDate.of(2023, 1, 1), LocalDate.of(2027, 12, 31), null, null, false, null,
                null));
        structures.put(name, id);
        String admin = users.newUsername("admin");
        users.addMember(id, users.newUser(admin), Role.STRUCTURE_ADMIN);
        adminOf.put(name, admin);
        long evaluation = evaluation(name, "Projet social " + name);
        evaluationOf.put(name, evaluation);
        users.signIn(admin);
        Map<String, Long> ids = new HashMap<>();
        framework.indicators(evaluation).forEach((Indicator i) -> ids.put(i.code(), i.id()));
        framework.saveValues(evaluation, List.of(new CellInput(ids.get("benevoles"), "2025", "12"),
                new CellInput(ids.get("heures_benevoles"), "2025", "340")), DataSource.MANUAL);
        SecurityContextHolder.clearContext();
    }

    private long evaluation(String structure, String title) {
        users.signIn(adminOf.get(structure));
        long evaluation = evaluations.create(structures.get(structure), new EvaluationDraft(title,
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2025, 1, 1), LocalDate.of(2027, 12, 31),
                EvaluationStatus.FRAMING));
        List<Long> entries = libraries.libraries(evaluation).stream().filter(l -> l.code().equals("socle"))
                .flatMap(l -> l.entries().stream()).map(LibraryEntry::id).toList();
        libraries.copy(evaluation, entries);
        SecurityContextHolder.clearContext();
        return evaluation;
    }

}
