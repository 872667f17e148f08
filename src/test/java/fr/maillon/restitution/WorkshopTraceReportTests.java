package fr.maillon.restitution;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import fr.maillon.TestClock;
import fr.maillon.TestUsers;
import fr.maillon.chain.ActivityType;
import fr.maillon.chain.ChainElementDraft;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.EffectTarget;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.Role;
import fr.maillon.workshop.Card;
import fr.maillon.workshop.CardDraft;
import fr.maillon.workshop.CardKind;
import fr.maillon.workshop.JoinedParticipant;
import fr.maillon.workshop.ParticipantRole;
import fr.maillon.workshop.Workshop;
import fr.maillon.workshop.WorkshopDraft;
import fr.maillon.workshop.WorkshopService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * « Comment la chaîne a été construite »: a report tells the evaluation's workshops (day, length, who took part by
 * role, cards posted and kept, what came from inhabitants) on its page, in its PDF and its workbook; a hidden card's
 * text never reaches it; a version finalised before the workshops were kept still reads.
 */
@SpringBootTest
@AutoConfigureMockMvc
class WorkshopTraceReportTests {

    private static final String HIDDEN = "Texte masqué à ne jamais imprimer";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    TestClock clock;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    ChainService chains;

    @Autowired
    WorkshopService workshops;

    @Autowired
    ReportService reports;

    @Autowired
    ReportFiles files;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    TestUsers.Created editor;
    long evaluation;

    @BeforeEach
    void setUp() {
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Jardin partagé",
                EvaluationScope.ACTION, "Jardin", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), null));
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        clock.reset();
    }

    /**
     * A workshop of 1 h 30 on 12 March 2026: 3 inhabitants, 1 volunteer; 6 cards posted (one hidden), 4 kept, 3 of
     * them from inhabitants (one merged into a placed card).
     */
    private Workshop runWorkshop() {
        clock.set(Instant.parse("2026-03-12T17:00:00Z"));
        Workshop workshop = workshops.open(evaluation, new WorkshopDraft("Atelier du 12 mars", 120, 5));
        List<JoinedParticipant> inhabitants = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            inhabitants.add(workshops.join(workshop.code(), ParticipantRole.HABITANT));
        }
        JoinedParticipant volunteer = workshops.join(workshop.code(), ParticipantRole.BENEVOLE);
        post(workshop, inhabitants.get(0), CardKind.ACTIVITY, null, "Cuisiner ensemble");
        post(workshop, inhabitants.get(1), CardKind.ACTIVITY, null, "Faire la cuisine tous ensemble");
        post(workshop, inhabitants.get(2), CardKind.EFFECT, EffectTarget.HABITANTS, "Je sors de chez moi");
        post(workshop, inhabitants.get(2), CardKind.RESOURCE, null, HIDDEN);
        post(workshop, volunteer, CardKind.RESOURCE, null, "Mon temps le mercredi");
        post(workshop, volunteer, CardKind.ACTIVITY, null, "Un potager");
        List<Card> cards = workshops.cards(workshop.id());
        workshops.placeCard(workshop.id(), cards.get(0).id(), element(ElementKind.ACTIVITY, "Ateliers cuisine"));
        workshops.mergeCards(workshop.id(), cards.get(0).id(), cards.get(1).id());
        workshops.placeCard(workshop.id(), cards.get(2).id(), element(ElementKind.EFFECT, "Moins d'isolement"));
        workshops.hideCard(workshop.id(), cards.get(3).id(), true);
        workshops.placeCard(workshop.id(), cards.get(4).id(), element(ElementKind.RESOURCE, "Temps bénévole"));
        clock.set(Instant.parse("2026-03-12T18:30:00Z"));
        workshops.close(workshop.id());
        clock.set(Instant.parse("2026-04-01T10:00:00Z"));
        return workshop;
    }

    private void post(Workshop workshop, JoinedParticipant participant, CardKind kind, EffectTarget target,
            String text) {
        workshops.post(workshop.code(), participant.secret(), UUID.randomUUID(), new CardDraft(kind, target, text,
                false));
    }

    private static ChainElementDraft element(ElementKind kind, String name) {
        return new ChainElementDraft(kind, name, null,
                kind == ElementKind.RESOURCE ? fr.maillon.chain.ResourceKind.VOLUNTEER_TIME : null, null, null, null, null,
                kind == ElementKind.ACTIVITY ? ActivityType.PRIMARY : null, null, null, null);
    }

    @Test
    void theReportTellsHowTheChainWasBuiltOnItsPageItsPdfAndItsWorkbook() throws Exception {
        runWorkshop();
        long report = reports.create(evaluation, ReportAudience.PARTENAIRES, "Pour nos partenaires");
        ReportContent content = reports.content(report, 0);
        assertThat(content.layout()).contains(ReportAudience.Section.WORKSHOPS);
        assertThat(content.workshops()).singleElement().satisfies(line -> {
            assertThat(line.title()).isEqualTo("Atelier du 12 mars");
            assertThat(line.date()).isEqualTo(LocalDate.of(2026, 3, 12));
            assertThat(line.durationMinutes()).isEqualTo(90);
            assertThat(line.participants()).extracting(ReportContent.RoleCount::role, ReportContent.RoleCount::count)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("HABITANT", 3),
                            org.assertj.core.groups.Tuple.tuple("BENEVOLE", 1));
            assertThat(line.cardsPosted()).isEqualTo(6);
            assertThat(line.cardsKept()).isEqualTo(4);
            assertThat(line.keptFromInhabitants()).isEqualTo(3);
            assertThat(line.elementsFromInhabitants()).containsExactly("Ateliers cuisine", "Moins d'isolement");
        });

        String page = mvc.perform(get("/reports/{id}", report).with(users.as(editor.username()))).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("id=\"section-WORKSHOPS\"").contains("Comment la chaîne a été construite")
                .contains("La chaîne a été construite en 1 atelier, avec 4 participants en tout, dont 3 habitants")
                .contains("12/03/2026").contains("1 h 30").contains("Habitant ou habitante")
                .contains("3 cartes d&#39;habitants ont été gardées dans la chaîne.").contains("Moins d&#39;isolement")
                .doesNotContain(HIDDEN);

        byte[] pdf = mvc.perform(get("/reports/{id}/report.pdf", report).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsByteArray();
        String text = pdftotext(pdf);
        assertThat(text).contains("Comment la chaîne a été construite").contains("Atelier du 12 mars")
                .contains("12/03/2026").contains("1 h 30").contains("Ateliers cuisine").contains("Moins d'isolement")
                .contains("masquées").doesNotContain(HIDDEN);

        byte[] xlsx = mvc.perform(get("/reports/{id}/report.xlsx", report).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheet("Ateliers");
            assertThat(sheet).isNotNull();
            assertThat(cells(sheet.getRow(0))).containsExactly("Atelier", "Date", "Durée (minutes)", "Participants",
                    "Participants : Habitant ou habitante", "Participants : Bénévole",
                    "Cartes postées (masquées comprises)", "Cartes gardées dans la chaîne",
                    "Cartes gardées venant d'habitants", "Éléments de la chaîne venant des habitants");
            assertThat(cells(sheet.getRow(1))).containsExactly("Atelier du 12 mars", "2026-03-12", "90", "4", "3",
                    "1", "6", "4", "3", "Ateliers cuisine ; Moins d'isolement");
            assertThat(cells(sheet.getRow(2)).get(0)).isEqualTo("Tous les ateliers");
            for (Sheet any : book) {
                for (Row row : any) {
                    assertThat(cells(row)).noneMatch(cell -> cell.contains(HIDDEN));
                }
            }
        }
    }

    @Test
    void theInhabitantsReportSaysItInPlainWords() throws Exception {
        runWorkshop();
        long report = reports.create(evaluation, ReportAudience.HABITANTS, "Ce que nous avons fait");
        String text = pdftotext(mvc.perform(get("/reports/{id}/report.pdf", report).with(users.as(
                editor.username()))).andReturn().getResponse().getContentAsByteArray());
        assertThat(text).contains("Comment nous avons construit la chaîne ensemble")
                .contains("Nous avons tenu 1 atelier avec 4 personnes, dont 3 habitants.")
                .contains("3 idées des habitants sont dans la chaîne").contains("Ateliers cuisine")
                .doesNotContain(HIDDEN);
    }

    @Test
    void aReportWithoutWorkshopsLeavesTheSectionOutOnceFinalised() {
        long report = reports.create(evaluation, ReportAudience.PARTENAIRES, "Pour nos partenaires");
        assertThat(reports.content(report, 0).workshops()).isEmpty();
        assertThat(ReportChecks.empty(reports.content(report, 0), ReportAudience.Section.WORKSHOPS)).isTrue();
    }

    @Test
    void aFinalisedVersionKeepsItsWorkshopsAndOneKeptBeforeReadsWithout() throws Exception {
        runWorkshop();
        long report = reports.create(evaluation, ReportAudience.PARTENAIRES, "Pour nos partenaires");
        reports.finalise(report);
        // a later workshop does not change the version kept
        clock.set(Instant.parse("2026-05-01T10:00:00Z"));
        workshops.join(workshops.open(evaluation, new WorkshopDraft("Atelier de mai", 60, 5)).code(),
                ParticipantRole.HABITANT);
        assertThat(reports.content(report, 1).workshops()).hasSize(1);
        assertThat(reports.content(report, 0).workshops()).hasSize(2);

        ObjectNode stored = (ObjectNode) json.readTree(jdbc.sql("SELECT content::text FROM report_version WHERE "
                + "report_id = :r AND version = 1").param("r", report).query(String.class).single());
        assertThat(stored.get("workshops").size()).isEqualTo(1);
        assertThat(stored.toString()).doesNotContain(HIDDEN);
        stored.remove("workshops");
        ReportContent old = json.readValue(stored.toString(), ReportContent.class);
        assertThat(old.workshops()).isEmpty();
        assertThat(old.workshopParticipantCount()).isZero();
        assertThat(pdftotext(files.pdf(old, "http://localhost"))).contains("Pour nos partenaires")
                .doesNotContain("Comment la chaîne a été construite");
        assertThat(files.workbook(old)).isNotEmpty();
    }

    private static List<String> cells(Row row) {
        DataFormatter formatter = new DataFormatter(java.util.Locale.ROOT);
        List<String> cells = new ArrayList<>();
        row.forEach(cell -> cells.add(formatter.formatCellValue(cell)));
        return cells;
    }

    /** What a reader of the PDF sees, as pdftotext reads it. */
    private static String pdftotext(byte[] pdf) throws Exception {
        Path file = Files.createTempFile("workshops", ".pdf");
        Path text = Files.createTempFile("workshops", ".txt");
        try {
            Files.write(file, pdf);
            Process process = new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.toString(), text.toString())
                    .redirectErrorStream(true).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("pdftotext finished").isTrue();
            // lines joined: a table's cell may wrap
            return Files.readString(text).replace('\u2019', '\'').replaceAll("\\s+", " ");
        }
        finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(text);
        }
    }
}
