package fr.maillon.agrement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import fr.maillon.TestUsers;
import fr.maillon.chain.ActivityType;
import fr.maillon.chain.ChainElementDraft;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.ElementKind;
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
import fr.maillon.workshop.ParticipantRole;
import fr.maillon.workshop.Workshop;
import fr.maillon.workshop.WorkshopDraft;
import fr.maillon.workshop.WorkshopService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The dossier d'agrément: each part present or flagged missing with what to do, filled in as the evaluation
 * grows; "sans objet" for the projet familles of an EVS or of a centre social that says it has no ACF; read by a
 * CAF it was shared with, not by anyone else; the note for the commission; hostile texts refused.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AgrementFileTests {

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
    WorkshopService workshops;

    @Autowired
    AgrementFileService files;

    @Autowired
    JdbcClient jdbc;

    long structure;
    String editor;
    long evaluation;

    @BeforeEach
    void setUp() {
        structure = organisations.createStructureUnchecked(new StructureDraft("Centre social des Mûriers",
                StructureKind.CENTRE_SOCIAL, "07", "Annonay", LocalDate.of(2023, 1, 1), LocalDate.of(2026, 12, 31),
                null, null, false, null, null));
        editor = users.newUsername("agrement");
        users.addMember(structure, users.newUser(editor), Role.STRUCTURE_EDITOR);
        users.signIn(editor);
        evaluation = evaluations.create(structure, new EvaluationDraft("Projet social 2023-2026",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2023, 1, 1), LocalDate.of(2026, 12, 31), null));
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void anEmptyEvaluationFlagsEveryPartMissingWithWhatToDo() {
        AgrementFile file = files.file(evaluation);
        assertThat(file.complete()).isFalse();
        assertThat(file.parts()).extracting(FilePart::part).containsExactly(AgrementPart.values());
        assertThat(file.parts()).allSatisfy(part -> {
            assertThat(part.state()).isEqualTo(PartState.MISSING);
            assertThat(part.toDo()).isNotEmpty();
            assertThat(part.toDo()).allSatisfy(text -> assertThat(text.path()).startsWith("/evaluations/" + evaluation));
        });
    }

    @Test
    void participationIsMissingWithoutWorkshopNorInhabitantsAndPresentOnceInhabitantsTakePart() {
        FilePart before = files.file(evaluation).part(AgrementPart.PARTICIPATION);
        assertThat(before.state()).isEqualTo(PartState.MISSING);
        assertThat(before.toDo()).extracting(text -> text.messageKey())
                .containsExactly("agrement.participation.todo.workshop", "agrement.participation.todo.stakeholder");

        Workshop workshop = workshops.open(evaluation, new WorkshopDraft("Atelier diagnostic", 120, 5));
        workshops.join(workshop.code(), ParticipantRole.SALARIE);
        FilePart staffOnly = files.file(evaluation).part(AgrementPart.PARTICIPATION);
        assertThat(staffOnly.state()).isEqualTo(PartState.PARTIAL);

        workshops.join(workshop.code(), ParticipantRole.HABITANT);
        workshops.join(workshop.code(), ParticipantRole.HABITANT);
        AgrementFile file = files.file(evaluation);
        FilePart after = file.part(AgrementPart.PARTICIPATION);
        assertThat(after.state()).isEqualTo(PartState.PRESENT);
        assertThat(after.toDo()).isEmpty();
        assertThat(after.filledBy()).first().satisfies(text -> {
            assertThat(text.messageKey()).isEqualTo("agrement.participation.workshops");
            assertThat(text.arguments()).containsExactly(1, 3, 2);
            assertThat(text.path()).isEqualTo("/evaluations/" + evaluation + "/workshops");
        });
        assertThat(file.results().participation().inhabitants()).isEqualTo(2);
    }

    @Test
    void anInhabitantStakeholderAlsoMakesParticipationPresent() {
        chains.addStakeholder(evaluation, new StakeholderDraft("Habitants du quartier", StakeholderType.HABITANTS,
                true, null, null, null, null));
        assertThat(files.file(evaluation).part(AgrementPart.PARTICIPATION).state()).isEqualTo(PartState.PRESENT);
    }

    @Test
    void theDiagnosticAndTheFamiliesProjectFillInAsTheChainGrows() {
        chains.addStakeholder(evaluation, new StakeholderDraft("Mairie d'Annonay", StakeholderType.COLLECTIVITE,
                false, null, null, null, null));
        assertThat(files.file(evaluation).part(AgrementPart.DIAGNOSTIC).state()).isEqualTo(PartState.PARTIAL);
        chains.addElement(evaluation, new ChainElementDraft(ElementKind.RESOURCE, "Temps bénévole", null,
                fr.maillon.chain.ResourceKind.VOLUNTEER_TIME, null, null, null, null, null, null, null, null));
        jdbc.sql("UPDATE evaluation SET purpose = 'Renouveler le projet', steering = 'Comité de pilotage' WHERE id = :id")
                .param("id", evaluation).update();
        assertThat(files.file(evaluation).part(AgrementPart.DIAGNOSTIC).state()).isEqualTo(PartState.PRESENT);

        assertThat(files.file(evaluation).part(AgrementPart.FAMILIES).state()).isEqualTo(PartState.MISSING);
        chains.addElement(evaluation, new ChainElementDraft(ElementKind.ACTIVITY, "Sorties Familles", null, null,
                null, null, null, null, ActivityType.PRIMARY, null, null, null));
        FilePart families = files.file(evaluation).part(AgrementPart.FAMILIES);
        assertThat(families.state()).isEqualTo(PartState.PRESENT);
        assertThat(families.filledBy()).first().satisfies(text -> assertThat(text.arguments())
                .containsExactly(1, "Sorties Familles"));
    }

    @Test
    void aCentreSocialWithoutAcfMarksItsFamiliesProjectNotApplicable() {
        files.saveNote(evaluation, AgrementPart.FAMILIES, "Pas d'agrément ACF à ce jour.", true);
        FilePart families = files.file(evaluation).part(AgrementPart.FAMILIES);
        assertThat(families.state()).isEqualTo(PartState.NOT_APPLICABLE);
        assertThat(families.markedNotApplicable()).isTrue();
        assertThat(families.note()).isEqualTo("Pas d'agrément ACF à ce jour.");
        files.saveNote(evaluation, AgrementPart.FAMILIES, "  ", false);
        assertThat(files.file(evaluation).part(AgrementPart.FAMILIES).state()).isEqualTo(PartState.MISSING);
        assertThat(jdbc.sql("SELECT count(*) FROM agrement_note WHERE evaluation_id = :id").param("id", evaluation)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void anEspaceDeVieSocialeHasNoFamiliesProject() {
        long evs = organisations.createStructureUnchecked(new StructureDraft("EVS du Plateau",
                StructureKind.ESPACE_VIE_SOCIALE, "07", "Lamastre", null, null, null, null, false, null, null));
        String member = users.newUsername("evs");
        users.addMember(evs, users.newUser(member), Role.STRUCTURE_EDITOR);
        users.signIn(member);
        long projet = evaluations.create(evs, new EvaluationDraft("Projet social EVS", EvaluationScope.PROJET_SOCIAL,
                null, LocalDate.of(2024, 1, 1), LocalDate.of(2027, 12, 31), null));
        FilePart families = files.file(projet).part(AgrementPart.FAMILIES);
        assertThat(families.state()).isEqualTo(PartState.NOT_APPLICABLE);
        assertThat(families.toDo()).isEmpty();
        assertThat(families.filledBy()).extracting(text -> text.messageKey()).containsExactly("agrement.families.evs");
    }

    @Test
    void anActionsEvaluationHasNoFile() throws Exception {
        long action = evaluations.create(structure, new EvaluationDraft("Jardin", EvaluationScope.ACTION, "Jardin",
                LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), null));
        mvc.perform(get("/evaluations/{id}/agrement", action).with(users.as(editor))).andExpect(status().isNotFound());
    }

    @Test
    void theStructuresMembersSeeItFromTheMethodPath() throws Exception {
        String page = mvc.perform(get("/evaluations/{id}", evaluation).with(users.as(editor)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"agrement-file-link\"", "/evaluations/" + evaluation + "/agrement");
        String file = mvc.perform(get("/evaluations/{id}/agrement", evaluation).with(users.as(editor)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(file).contains("Dossier d&#39;agrément", "5 parties à compléter sur 5.", "manquant",
                "/evaluations/" + evaluation + "/agrement/participation/edit", "Tenez un atelier avec des habitants");
    }

    @Test
    void aCafMemberWithAShareReadsTheFileReadOnlyAndOthersGetNotFound() throws Exception {
        long caf = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(OrganisationType.CAF,
                "CAF de l'Ardèche " + users.newUsername("n"), List.of("07")));
        String conseiller = users.newUsername("caf");
        users.addMember(caf, users.newUser(conseiller), Role.CAF_MEMBER);
        long otherCaf = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.CAF, "CAF voisine " + users.newUsername("n"), List.of("07")));
        String outsider = users.newUsername("caf-other");
        users.addMember(otherCaf, users.newUser(outsider), Role.CAF_MEMBER);
        TestUsers.Created stranger = users.structureWithMember(Role.STRUCTURE_ADMIN);

        // no share yet: the CAF does not see it
        mvc.perform(get("/evaluations/{id}/agrement", evaluation).with(users.as(conseiller)))
                .andExpect(status().isNotFound());
        organisations.shareUnchecked(structure, evaluation, caf, users.newUser(users.newUsername("x")));

        String page = mvc.perform(get("/evaluations/{id}/agrement", evaluation).with(users.as(conseiller)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Vous lisez ce dossier").doesNotContain("/agrement/participation/edit")
                .doesNotContain("Ajouter un texte");
        mvc.perform(get("/evaluations/{id}/agrement/participation/edit", evaluation).with(users.as(conseiller)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/evaluations/{id}/agrement/participation/edit", evaluation).with(users.as(conseiller))
                .with(csrf()).param("text", "écrit par la CAF")).andExpect(status().isForbidden());
        mvc.perform(get("/evaluations/{id}/agrement/note.pdf", evaluation).with(users.as(conseiller)))
                .andExpect(status().isOk());

        for (String nobody : List.of(outsider, stranger.username())) {
            mvc.perform(get("/evaluations/{id}/agrement", evaluation).with(users.as(nobody)))
                    .andExpect(status().isNotFound());
            mvc.perform(get("/evaluations/{id}/agrement/note.pdf", evaluation).with(users.as(nobody)))
                    .andExpect(status().isNotFound());
            mvc.perform(post("/evaluations/{id}/agrement/diagnostic/edit", evaluation).with(users.as(nobody))
                    .with(csrf()).param("text", "intrus")).andExpect(status().isNotFound());
        }

        // the CAF's calendar of files leads to it, and says it is not complete
        String network = mvc.perform(get("/networks/{id}/agrement", caf).with(users.as(conseiller)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(network).contains("Centre social des Mûriers", "/evaluations/" + evaluation + "/agrement",
                "5 parties à compléter", "0 dossier complet sur 1.");
        mvc.perform(get("/networks/{id}/agrement", caf).with(users.as(outsider))).andExpect(status().isNotFound());
        mvc.perform(get("/networks/{id}/agrement", caf).with(users.as(editor))).andExpect(status().isNotFound());
        String calendar = mvc.perform(get("/networks/{id}/calendar", caf).with(users.as(conseiller)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(calendar).contains("/networks/" + caf + "/agrement");
        assertThat(jdbc.sql("SELECT count(*) FROM agrement_note WHERE evaluation_id = :id").param("id", evaluation)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void theNoteForTheCommissionHoldsThePartsTheFlagsAndTheFigures() throws Exception {
        chains.addStakeholder(evaluation, new StakeholderDraft("Habitants du quartier", StakeholderType.HABITANTS,
                true, null, null, null, null));
        files.saveNote(evaluation, AgrementPart.DIAGNOSTIC, "Diagnostic mené avec 120 habitants en 2025.", false);
        MvcResult result = mvc.perform(get("/evaluations/{id}/agrement/note.pdf", evaluation).with(users.as(editor)))
                .andExpect(status().isOk()).andReturn();
        assertThat(result.getResponse().getContentType()).isEqualTo("application/pdf");
        assertThat(result.getResponse().getHeader("Content-Disposition")).contains("note-commission-");
        byte[] pdf = result.getResponse().getContentAsByteArray();
        Files.write(Path.of("target", "agrement-note.pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isBetween(1, 4);
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("Note pour la commission d'action sociale", "Centre social des Mûriers",
                    "Centre social", "Annonay (07)", "du 01/01/2023 au 31/12/2026",
                    "4 parties à compléter sur 5.", "Diagnostic partagé : à compléter",
                    "Participation des habitants — présent", "Objectifs et plan d'action : manquant",
                    "Diagnostic mené avec 120 habitants en 2025.", "1 partie prenante de type habitants",
                    "Aucun indicateur n'a encore de valeur.");
            for (PDFont font : fonts(document)) {
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
            }
        }
    }

    @Test
    void hostileTextsAreRefusedWithAClearMessageAndChangeNothing() throws Exception {
        String form = "/evaluations/" + evaluation + "/agrement/diagnostic/edit";
        String control = mvc.perform(post(form).with(users.as(editor)).with(csrf()).param("text", "avant\u0000après"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(control).contains("caractères de contrôle invisibles");
        String longText = mvc.perform(post(form).with(users.as(editor)).with(csrf()).param("text", "a".repeat(2001)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(longText).contains("Ce texte fait 2\u202f001 caractères : raccourcissez-le à 2\u202f000 au plus.");
        String notApplicable = mvc.perform(post(form).with(users.as(editor)).with(csrf()).param("text", "ok")
                .param("notApplicable", "true")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(notApplicable).contains("Seul le projet familles peut être sans objet");
        String garbage = mvc.perform(post("/evaluations/" + evaluation + "/agrement/families/edit")
                .with(users.as(editor)).with(csrf()).param("notApplicable", "peut-être")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(garbage).contains("Valeur invalide");
        mvc.perform(post("/evaluations/" + evaluation + "/agrement/budget/edit").with(users.as(editor)).with(csrf())
                .param("text", "x")).andExpect(status().isNotFound());
        mvc.perform(post("/evaluations/999999999/agrement/diagnostic/edit").with(users.as(editor)).with(csrf())
                .param("text", "x")).andExpect(status().isNotFound());
        assertThat(jdbc.sql("SELECT count(*) FROM agrement_note WHERE evaluation_id = :id").param("id", evaluation)
                .query(Integer.class).single()).isZero();

        mvc.perform(post(form).with(users.as(editor)).with(csrf()).param("text", "<script>alert(1)</script>\r\nfin"))
                .andExpect(status().is3xxRedirection());
        String page = mvc.perform(get("/evaluations/{id}/agrement", evaluation).with(users.as(editor)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
        users.signIn(editor);
        assertThat(files.file(evaluation).part(AgrementPart.DIAGNOSTIC).note()).isEqualTo("<script>alert(1)</script>\nfin");
        try (PDDocument document = Loader.loadPDF(mvc.perform(get("/evaluations/{id}/agrement/note.pdf", evaluation)
                .with(users.as(editor))).andReturn().getResponse().getContentAsByteArray())) {
            assertThat(new PDFTextStripper().getText(document)).contains("<script>alert(1)</script>");
        }
    }

    @Test
    void laCooperationsFileInTheDemoAsTheCafReadsIt() throws Exception {
        long projetSocial = jdbc.sql("""
                SELECT e.id FROM evaluation e JOIN organisation o ON o.id = e.structure_id
                WHERE o.name = 'La Coopération' AND e.scope = 'PROJET_SOCIAL'
                ORDER BY e.id LIMIT 1
                """).query(Long.class).single();
        long caf = jdbc.sql("SELECT id FROM organisation WHERE name = 'CAF de la Drôme'").query(Long.class).single();
        users.signIn("caf26");
        AgrementFile file = files.file(projetSocial);
        assertThat(file.canEdit()).isFalse();
        assertThat(file.parts()).extracting(FilePart::state).containsExactly(PartState.PRESENT, PartState.PRESENT,
                PartState.PRESENT, PartState.PRESENT, PartState.MISSING);
        String network = mvc.perform(get("/networks/{id}/agrement", caf).with(users.as("caf26")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(network).contains("La Coopération", "/evaluations/" + projetSocial + "/agrement",
                "1 partie à compléter", "Évaluation du projet précédent", "Les Ateliers du Vercors");
        byte[] pdf = mvc.perform(get("/evaluations/{id}/agrement/note.pdf", projetSocial).with(users.as("caf26")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        Files.write(Path.of("target", "agrement-note-demo.pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isBetween(2, 4);
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("La Coopération", "Romans-sur-Isère (26)", "du 01/01/2021 au 31/12/2025",
                    "1 partie à compléter sur 5.", "Évaluation du projet précédent : manquant",
                    "Animation collective familles", "Les familles du quartier sont-elles moins isolées ?",
                    "pas encore jugée", "Bénévoles actifs");
        }
    }

    private static List<PDFont> fonts(PDDocument document) throws IOException {
        List<PDFont> fonts = new java.util.ArrayList<>();
        for (var page : document.getPages()) {
            for (var name : page.getResources().getFontNames()) {
                fonts.add(page.getResources().getFont(name));
            }
        }
        return fonts;
    }
}
