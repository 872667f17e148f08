package fr.maillon.chain;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestFiles;
import fr.maillon.TestUsers;
import fr.maillon.exchange.ExchangeService;
import fr.maillon.organisation.Role;
import fr.maillon.restitution.ReportAudience;
import fr.maillon.restitution.ReportContent;
import fr.maillon.restitution.ReportService;
import fr.maillon.web.RuleViolationException;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The framing of an evaluation (the method's "Cadrer"): kept by the service within its bounds, carried by the exchange
 * format and the demo, told by the report's context, and absent without harm from report versions kept before it.
 */
@SpringBootTest
@AutoConfigureMockMvc
class EvaluationFramingTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    ExchangeService exchange;

    @Autowired
    ReportService reports;

    @Autowired
    JsonMapper json;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theServiceKeepsTheFramingStrippedBlankAsNothingAndRefusesWhatIsTooLong() {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        long id = evaluations.create(editor.structureId(), draft("  Préparer l'agrément.\r\nEt apprendre.  ", "  ",
                null, "Un comité de pilotage."));
        Evaluation evaluation = evaluations.evaluation(id);
        assertThat(evaluation.purpose()).isEqualTo("Préparer l'agrément.\nEt apprendre.");
        assertThat(evaluation.audiences()).isNull();
        assertThat(evaluation.means()).isNull();
        assertThat(evaluation.framed()).isTrue();

        assertThatThrownBy(() -> evaluations.update(id, draft("x".repeat(2001), "a\u0000b", null, null)))
                .isInstanceOf(RuleViolationException.class)
                .satisfies(ex -> assertThat(((RuleViolationException) ex).violations())
                        .extracting(RuleViolationException.Violation::field).containsExactly("purpose", "audiences"));
        assertThat(evaluations.evaluation(id).purpose()).isEqualTo("Préparer l'agrément.\nEt apprendre.");
        // the database holds the same bound
        assertThatThrownBy(() -> jdbc.sql("UPDATE evaluation SET steering = repeat('x', 2001) WHERE id = :id")
                .param("id", id).update()).hasMessageContaining("steering");
    }

    @Test
    void theDemoIsFramedAndItsFramingTravelsInTheExchangeDocument() throws Exception {
        long conserverie = jdbc.sql("SELECT id FROM evaluation WHERE title = 'Conserverie Mobile et Solidaire' "
                + "AND structure_id = (SELECT id FROM organisation WHERE name = 'La Coopération')")
                .query(Long.class).single();
        String exported = mvc.perform(get("/api/v1/evaluations/{id}/export", conserverie).with(users.as("coope")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(exported).contains("\"purpose\":\"Préparer le renouvellement de l'agrément")
                .contains("\"audiences\":\"La CAF, la fédération").contains("\"means\":\"Deux jours par mois")
                .contains("\"steering\":\"Un comité de pilotage avec des habitants");

        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        long imported = exchange.importEvaluation(editor.structureId(), exported.getBytes(StandardCharsets.UTF_8));
        Evaluation evaluation = evaluations.evaluation(imported);
        assertThat(evaluation.framed()).isTrue();
        assertThat(evaluation.means()).startsWith("Deux jours par mois de la coordinatrice");

        // a document without framing (as any version 1 document) imports unframed
        ObjectNode document = (ObjectNode) json.readTree(TestFiles.demoDocument());
        ObjectNode part = (ObjectNode) document.get("evaluation");
        part.remove("purpose");
        part.remove("audiences");
        part.remove("means");
        part.remove("steering");
        long unframed = exchange.importEvaluation(editor.structureId(), json.writeValueAsBytes(document));
        assertThat(evaluations.evaluation(unframed).framed()).isFalse();
        assertThat(evaluations.evaluation(unframed).purpose()).isNull();
    }

    @Test
    void theReportsContextTellsWhyForWhomAndWhoSteeredAndOlderVersionsReadWithout() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        long evaluation = exchange.importEvaluation(editor.structureId(), TestFiles.demoDocument());
        long report = reports.create(evaluation, ReportAudience.CAF, "Dossier CAF");
        ReportContent content = reports.content(report, 0);
        assertThat(content.framing()).isNotNull();
        assertThat(content.framing().purpose()).startsWith("Préparer le renouvellement de l'agrément");
        assertThat(content.framing().steering()).startsWith("Un comité de pilotage");

        // a version kept before the framing was: its stored JSON has none, and reads as none
        ObjectNode stored = (ObjectNode) json.valueToTree(content);
        stored.remove("framing");
        assertThat(json.treeToValue(stored, ReportContent.class).framing()).isNull();
        SecurityContextHolder.clearContext();

        String page = mvc.perform(get("/reports/{id}", report).with(users.as(editor.username()))).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"framing-purpose\"").contains("Pourquoi évaluer")
                .contains("Qui a piloté").contains("Un comité de pilotage avec des habitants");
    }

    private static EvaluationDraft draft(String purpose, String audiences, String means, String steering) {
        return new EvaluationDraft("Épicerie", EvaluationScope.PROJET_SOCIAL, null, java.time.LocalDate.of(2024, 1, 1),
                java.time.LocalDate.of(2024, 12, 31), EvaluationStatus.FRAMING, null, null, null, purpose, audiences,
                means, steering);
    }
}
