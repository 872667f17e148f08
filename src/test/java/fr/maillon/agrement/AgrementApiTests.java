package fr.maillon.agrement;

import java.time.LocalDate;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import fr.maillon.TestUsers;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.StakeholderDraft;
import fr.maillon.chain.StakeholderType;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.StructureDraft;
import fr.maillon.organisation.StructureKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The dossier d'agrément through the API (the file as JSON, the note as PDF, 404 for whoever may not read it) and on
 * the CAF's agrément calendar (each structure's file, complete or with the parts to complete, linked).
 */
@SpringBootTest
@AutoConfigureMockMvc
class AgrementApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    OrganisationService organisations;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    ChainService chains;

    @Autowired
    AgrementFileService files;

    @Autowired
    JsonMapper json;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    long structure;
    String editor;
    long evaluation;
    long caf;
    String conseiller;

    @BeforeEach
    void setUp() {
        structure = organisations.createStructureUnchecked(new StructureDraft("Centre social des Tilleuls",
                StructureKind.CENTRE_SOCIAL, "07", "Aubenas", LocalDate.of(2023, 1, 1), LocalDate.of(2026, 12, 31),
                null, null, false, null, null));
        editor = users.newUsername("agrement-api");
        users.addMember(structure, users.newUser(editor), Role.STRUCTURE_EDITOR);
        users.signIn(editor);
        evaluation = evaluations.create(structure, new EvaluationDraft("Projet social 2023-2026",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2023, 1, 1), LocalDate.of(2026, 12, 31), null));
        chains.addStakeholder(evaluation, new StakeholderDraft("Habitants des Tilleuls", StakeholderType.HABITANTS,
                true, null, null, null, null));
        files.saveNote(evaluation, AgrementPart.DIAGNOSTIC, "Diagnostic mené en 2025.", false);
        files.saveNote(evaluation, AgrementPart.FAMILIES, null, true);
        caf = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(OrganisationType.CAF,
                "CAF de l'Ardèche " + users.newUsername("n"), List.of("07")));
        conseiller = users.newUsername("caf-api");
        users.addMember(caf, users.newUser(conseiller), Role.CAF_MEMBER);
        organisations.shareUnchecked(structure, evaluation, caf, users.newUser(users.newUsername("x")));
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theFileAsJsonWithItsPartsStatesSentencesAndTexts() throws Exception {
        MockHttpServletResponse response = call("/api/v1/evaluations/" + evaluation + "/agrement", token(conseiller));
        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode file = json.readTree(response.getContentAsString());
        assertThat(file.get("evaluationId").asLong()).isEqualTo(evaluation);
        assertThat(file.get("structureName").asString()).isEqualTo("Centre social des Tilleuls");
        assertThat(file.get("complete").asBoolean()).isFalse();
        assertThat(file.get("partsDone").asInt()).isEqualTo(2);
        assertThat(file.get("canEdit").asBoolean()).isFalse();
        assertThat(file.get("toComplete").toString()).isEqualTo("[\"DIAGNOSTIC\",\"OBJECTIVES\",\"PREVIOUS_EVALUATION\"]");
        JsonNode parts = file.get("parts");
        assertThat(parts.size()).isEqualTo(5);
        JsonNode diagnostic = parts.get(0);
        assertThat(diagnostic.get("part").asString()).isEqualTo("DIAGNOSTIC");
        assertThat(diagnostic.get("label").asString()).isEqualTo("Diagnostic partagé");
        assertThat(diagnostic.get("state").asString()).isEqualTo("PARTIAL");
        assertThat(diagnostic.get("text").asString()).isEqualTo("Diagnostic mené en 2025.");
        assertThat(diagnostic.get("filledBy").get(0).get("text").asString()).contains("1 partie prenante");
        assertThat(diagnostic.get("toDo").get(0).get("path").asString()).isEqualTo("/evaluations/" + evaluation + "/edit");
        assertThat(parts.get(1).get("state").asString()).isEqualTo("PRESENT");
        assertThat(parts.get(2).get("state").asString()).isEqualTo("NOT_APPLICABLE");
        assertThat(parts.get(2).get("markedNotApplicable").asBoolean()).isTrue();
        assertThat(file.get("results").get("participation").get("inhabitantStakeholders").asInt()).isEqualTo(1);
        assertThat(file.get("notePdf").asString()).isEqualTo("/api/v1/evaluations/" + evaluation + "/agrement/note.pdf");

        MockHttpServletResponse pdf = call(file.get("notePdf").asString(), token(conseiller));
        assertThat(pdf.getStatus()).isEqualTo(200);
        assertThat(pdf.getContentType()).isEqualTo("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.getContentAsByteArray())) {
            assertThat(new PDFTextStripper().getText(document)).contains("Centre social des Tilleuls");
        }
        assertThat(json.readTree(call("/api/v1/evaluations/" + evaluation + "/agrement", token(editor))
                .getContentAsString()).get("canEdit").asBoolean()).isTrue();
    }

    @Test
    void whatOneMayNotReadIsNotFound() throws Exception {
        long otherCaf = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.CAF, "CAF voisine " + users.newUsername("n"), List.of("07")));
        String outsider = users.newUsername("caf-other");
        users.addMember(otherCaf, users.newUser(outsider), Role.CAF_MEMBER);
        TestUsers.Created stranger = users.structureWithMember(Role.STRUCTURE_ADMIN);
        users.signIn(editor);
        long action = evaluations.create(structure, new EvaluationDraft("Jardin", EvaluationScope.ACTION, "Jardin",
                LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), null));
        for (String nobody : List.of(token(outsider), token(stranger.username()))) {
            MockHttpServletResponse file = call("/api/v1/evaluations/" + evaluation + "/agrement", nobody);
            assertThat(file.getStatus()).isEqualTo(404);
            assertThat(file.getContentAsString()).doesNotContain("Tilleuls", "Diagnostic mené");
            assertThat(call("/api/v1/evaluations/" + evaluation + "/agrement/note.pdf", nobody).getStatus())
                    .isEqualTo(404);
        }
        String own = token(editor);
        assertThat(call("/api/v1/evaluations/" + action + "/agrement", own).getStatus()).isEqualTo(404);
        assertThat(call("/api/v1/evaluations/999999999/agrement", own).getStatus()).isEqualTo(404);
        assertThat(call("/api/v1/evaluations/abc/agrement", own).getStatus()).isEqualTo(400);
        org.springframework.security.test.context.TestSecurityContextHolder.clearContext();
        assertThat(mvc.perform(get("/api/v1/evaluations/{id}/agrement", evaluation)).andReturn().getResponse()
                .getStatus()).isEqualTo(401);
    }

    @Test
    void theCalendarSaysWhichFilesAreCompleteAndLinksToThem() throws Exception {
        String calendar = mvc.perform(get("/networks/{id}/calendar", caf).with(users.as(conseiller))).andReturn()
                .getResponse().getContentAsString();
        int row = calendar.indexOf("Centre social des Tilleuls");
        assertThat(row).isPositive();
        String line = calendar.substring(row, calendar.indexOf("</tr>", row));
        assertThat(line).contains("href=\"/evaluations/" + evaluation + "/agrement\"", "Dossier : 3 parties à compléter");

        users.signIn(editor);
        long evs = organisations.createStructureUnchecked(new StructureDraft("EVS du Coiron",
                StructureKind.ESPACE_VIE_SOCIALE, "07", "Privas", LocalDate.of(2024, 1, 1), LocalDate.of(2027, 6, 30),
                null, null, false, null, null));
        String evsEditor = users.newUsername("evs-api");
        users.addMember(evs, users.newUser(evsEditor), Role.STRUCTURE_EDITOR);
        users.signIn(evsEditor);
        long evsProject = evaluations.create(evs, new EvaluationDraft("Projet EVS", EvaluationScope.PROJET_SOCIAL,
                null, LocalDate.of(2024, 1, 1), LocalDate.of(2027, 6, 30), null));
        organisations.shareUnchecked(evs, evsProject, caf, users.newUser(users.newUsername("x")));
        calendar = mvc.perform(get("/networks/{id}/calendar", caf).with(users.as(conseiller))).andReturn()
                .getResponse().getContentAsString();
        row = calendar.indexOf("EVS du Coiron");
        line = calendar.substring(row, calendar.indexOf("</tr>", row));
        assertThat(line).contains("href=\"/evaluations/" + evsProject + "/agrement\"", "Dossier : 4 parties à compléter");
    }

    @Test
    void theNetworksListJudgesEachPartAsTheFileDoes() {
        // the demo's CAF (La Coopération: its previous cycle, families named in its objectives) and this test's CAF
        long demoCaf = jdbc.sql("SELECT id FROM organisation WHERE name = 'CAF de la Drôme'").query(Long.class)
                .single();
        users.signIn("caf26");
        assertSameParts(files.networkFiles(demoCaf));
        users.signIn(editor);
        chains.addElement(evaluation, new fr.maillon.chain.ChainElementDraft(fr.maillon.chain.ElementKind.RESOURCE,
                "Salle polyvalente", null, fr.maillon.chain.ResourceKind.MATERIAL, null, null, null, null, null, null,
                null, null));
        jdbc.sql("UPDATE evaluation SET purpose = 'Renouveler', steering = 'Comité' WHERE id = :id")
                .param("id", evaluation).update();
        files.saveNote(evaluation, AgrementPart.FAMILIES, null, false);
        users.signIn(conseiller);
        NetworkFiles list = files.networkFiles(caf);
        assertSameParts(list);
        assertThat(list.lines()).filteredOn(line -> line.evaluation() != null && line.evaluation().id() == evaluation)
                .singleElement().satisfies(line -> assertThat(line.toComplete()).containsExactly(
                        AgrementPart.FAMILIES, AgrementPart.OBJECTIVES, AgrementPart.PREVIOUS_EVALUATION));
    }

    private void assertSameParts(NetworkFiles list) {
        assertThat(list.lines()).isNotEmpty();
        for (NetworkFiles.Line line : list.lines()) {
            if (line.evaluation() != null) {
                AgrementFile file = files.file(line.evaluation().id());
                assertThat(line.toComplete()).as(line.calendar().structure().name())
                        .isEqualTo(file.toComplete().stream().map(FilePart::part).toList());
                assertThat(line.done()).isEqualTo(file.doneCount());
            }
        }
    }

    private String token(String username) throws Exception {
        String body = mvc.perform(post("/api/v1/tokens").with(users.as(username)).with(csrf()).contentType("application/json")
                .content("{\"label\":\"api\"}")).andReturn().getResponse().getContentAsString();
        return body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    private MockHttpServletResponse call(String path, String token) throws Exception {
        return mvc.perform(get(path).header("Authorization", "Bearer " + token)).andReturn().getResponse();
    }
}
