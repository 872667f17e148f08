package fr.maillon.restitution;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.organisation.Role;
import fr.maillon.web.RuleViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Finalising checks the report (issue 14, item 9): a placeholder text stops it, a section with
 * nothing to show is listed and left out of the version (no heading printed alone, no "À écrire…"),
 * and the draft's texts are saved from one form, all or nothing, keeping everything typed.
 */
@SpringBootTest
@AutoConfigureMockMvc
class FinaliseChecksTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    ReportService reports;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void tellsPlaceholdersFromRealTexts() {
        assertThat(ReportChecks.placeholder("À écrire par l'équipe et les parties prenantes.")).isNotNull();
        assertThat(ReportChecks.placeholder("a compléter")).isNotNull();
        assertThat(ReportChecks.placeholder("Les ateliers ont lieu le mardi. TODO : chiffres 2023")).isNotNull();
        assertThat(ReportChecks.placeholder("Bilan [à compléter avec la CAF]")).isNotNull();
        assertThat(ReportChecks.placeholder("XXX")).isNotNull();
        assertThat(ReportChecks.placeholder("…")).isNotNull();
        assertThat(ReportChecks.placeholder("Lorem ipsum dolor sit amet")).isNotNull();
        assertThat(ReportChecks.placeholder("Les ateliers ont réuni 40 habitants en 2023.")).isNull();
        assertThat(ReportChecks.placeholder("Une habitante : « c'était […] très utile ». À refaire au printemps."))
                .isNull();
        assertThat(ReportChecks.placeholder("Écrire ensemble le projet du XXIe siècle.")).isNull();
    }

    @Test
    void aPlaceholderStopsFinalisingAndEmptySectionsAreNotPrinted() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        long report = emptyCafReport(editor);
        reports.narrate(report, ReportAudience.Section.CONTEXT, "Le centre social a ouvert une épicerie solidaire.");
        reports.narrate(report, ReportAudience.Section.CHANGES, "À écrire par l'équipe et les parties prenantes.");

        assertThatThrownBy(() -> reports.finalise(report)).isInstanceOfSatisfying(RuleViolationException.class,
                ex -> assertThat(ex.violations()).singleElement().satisfies(violation -> {
                    assertThat(violation.field()).isEqualTo("narratives.CHANGES");
                    assertThat(violation.code()).isEqualTo("restitution.finalise.placeholder");
                }));
        String page = mvc.perform(get("/reports/{id}", report).with(users.as(editor.username()))).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("id=\"checklist-placeholders\"").contains("id=\"checklist-empty\"")
                .contains("id=\"finalise-blocked\"");
        assertThat(mvc.perform(post("/reports/{id}/finalise", report).with(users.as(editor.username())).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl()).endsWith("#checklist");
        assertThat(jdbc.sql("SELECT count(*) FROM report_version WHERE report_id = :r").param("r", report)
                .query(Integer.class).single()).isZero();

        // the author removes the placeholder: the empty sections are listed, not blocking, and left out
        users.signIn(editor.username());
        reports.narrate(report, ReportAudience.Section.CHANGES, "");
        ReportChecks.Checklist checklist = checklist(report);
        assertThat(checklist.ready()).isTrue();
        assertThat(checklist.empty()).containsExactlyInAnyOrder(ReportAudience.Section.CHAIN,
                ReportAudience.Section.FRAMEWORK, ReportAudience.Section.RESULTS, ReportAudience.Section.BALANCES, ReportAudience.Section.RENEWAL,
                ReportAudience.Section.SURVEYS, ReportAudience.Section.CONTRIBUTION,
                ReportAudience.Section.TESTIMONIES, ReportAudience.Section.CHANGES);
        // the draft still shows them to its authors, with the prompt of the last section
        String draft = ReviewTrailTests.pdfText(mvc.perform(get("/reports/{id}/report.pdf", report)
                .with(users.as(editor.username()))).andReturn().getResponse().getContentAsByteArray());
        assertThat(draft).contains("Ce que nous voulons changer").contains("À écrire par l'équipe");

        users.signIn(editor.username());
        int version = reports.finalise(report);
        String printed = ReviewTrailTests.pdfText(mvc.perform(get("/reports/{id}/report.pdf", report)
                .param("version", String.valueOf(version)).with(users.as(editor.username()))).andReturn()
                .getResponse().getContentAsByteArray());
        assertThat(printed).contains("Contexte et parties prenantes")
                .contains("Le centre social a ouvert une épicerie solidaire.")
                .doesNotContain("À écrire").doesNotContain("La chaîne de valeur")
                .doesNotContain("Méthode : le cadre d'évaluation").doesNotContain("Les réponses aux questions évaluatives")
                .doesNotContain("Annexes")
                .doesNotContain("Ce que chacun apporte et reçoit").doesNotContain("Le renouvellement des ressources")
                .doesNotContain("Ce que disent les enquêtes").doesNotContain("La contribution propre")
                .doesNotContain("Témoignages").doesNotContain("Ce que nous voulons changer");
        String versionPage = mvc.perform(get("/reports/{id}", report).param("version", String.valueOf(version))
                .with(users.as(editor.username()))).andReturn().getResponse().getContentAsString();
        assertThat(versionPage).contains("id=\"section-CONTEXT\"").doesNotContain("id=\"section-CHANGES\"")
                .doesNotContain("id=\"section-TESTIMONIES\"");
    }

    @Test
    void theTextsAreSavedTogetherAllOrNothingKeepingWhatWasTyped() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        long report = emptyCafReport(editor);
        String other = users.newUsername("other");
        users.addMember(editor.structureId(), users.newUser(other), Role.STRUCTURE_EDITOR);
        SecurityContextHolder.clearContext();
        String page = mvc.perform(get("/reports/{id}", report).with(users.as(editor.username()))).andReturn()
                .getResponse().getContentAsString();
        String emptyRead = NarrativeEdit.digest("");
        assertThat(page).contains("id=\"narratives-form\"").contains("value=\"" + emptyRead + "\"");

        // two boxes typed, one form sent: both saved
        assertThat(send(editor.username(), all(report, "CONTEXT", "Contexte tapé", "0", emptyRead, "CHANGES",
                "Ouvrir le samedi.", "0", emptyRead)).getRedirectedUrl()).startsWith("/reports/" + report);
        assertThat(narratives(report)).containsEntry("CONTEXT", "Contexte tapé")
                .containsEntry("CHANGES", "Ouvrir le samedi.");

        // someone saves CHANGES meanwhile; CONTEXT and CHANGES sent from the old page: nothing written, all kept
        users.signIn(other);
        reports.narrate(report, ReportAudience.Section.CHANGES, "Ouvrir le dimanche.", 1);
        SecurityContextHolder.clearContext();
        MockHttpServletResponse refused = send(editor.username(), all(report, "CONTEXT", "Contexte revu", "1",
                NarrativeEdit.digest("Contexte tapé"), "CHANGES", "Ouvrir le samedi matin.", "1",
                NarrativeEdit.digest("Ouvrir le samedi."), "TESTIMONIES", "Un témoignage tapé", "0", emptyRead));
        assertThat(refused.getStatus()).isEqualTo(200);
        String shown = refused.getContentAsString();
        assertThat(shown).contains("Contexte revu").contains("Ouvrir le samedi matin.").contains("Un témoignage tapé")
                .contains("Modifié entre-temps par Test " + other).contains("Ouvrir le dimanche.")
                .contains("id=\"narratives-refused\"");
        assertThat(narratives(report)).containsEntry("CONTEXT", "Contexte tapé")
                .containsEntry("CHANGES", "Ouvrir le dimanche.").doesNotContainKey("TESTIMONIES");

        // a box left as shown is not written, even if someone changed it meanwhile
        users.signIn(other);
        reports.narrate(report, ReportAudience.Section.CONTEXT, "Contexte d'une collègue", 1);
        SecurityContextHolder.clearContext();
        assertThat(send(editor.username(), all(report, "CONTEXT", "Contexte tapé", "1",
                NarrativeEdit.digest("Contexte tapé"), "TESTIMONIES", "Un témoignage tapé", "0", emptyRead))
                .getRedirectedUrl()).isNotNull();
        assertThat(narratives(report)).containsEntry("CONTEXT", "Contexte d'une collègue")
                .containsEntry("TESTIMONIES", "Un témoignage tapé");

        // a text too long: nothing written, the page again with what was typed and why
        String huge = "x".repeat(20_001);
        MockHttpServletResponse invalid = send(editor.username(), all(report, "CHANGES", "Ouvrir en août.", "2",
                NarrativeEdit.digest("Ouvrir le dimanche."), "SURVEYS", huge, "0", emptyRead));
        assertThat(invalid.getStatus()).isEqualTo(200);
        assertThat(invalid.getContentAsString()).contains("Ouvrir en août.").contains("id=\"narrative-SURVEYS-error\"");
        assertThat(narratives(report)).containsEntry("CHANGES", "Ouvrir le dimanche.").doesNotContainKey("SURVEYS");

        // a forged form: refused with a message, never a 500
        assertThat(send(editor.username(), post("/reports/{id}/narratives", report).param("section", "NOPE")
                .param("narrative", "x").param("version", "0")).getStatus()).isEqualTo(302);
        assertThat(send(editor.username(), post("/reports/{id}/narratives", report).param("section", "CONTEXT")
                .param("version", "abc")).getStatus()).isEqualTo(302);
    }

    private ReportChecks.Checklist checklist(long report) {
        return checks.checklist(reports.report(report), reports.content(report, 0));
    }

    @Autowired
    ReportChecks checks;

    private long emptyCafReport(TestUsers.Created editor) {
        users.signIn(editor.username());
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Nouvelle structure "
                + editor.structureId(), EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 12, 31), EvaluationStatus.FRAMING));
        return reports.create(evaluation, ReportAudience.CAF, "Dossier d'agrément 2024");
    }

    private static MockHttpServletRequestBuilder all(long report, String... fields) {
        MockHttpServletRequestBuilder request = post("/reports/{id}/narratives", report);
        for (int i = 0; i < fields.length; i += 4) {
            request.param("section", fields[i]).param("version", fields[i + 2]).param("read", fields[i + 3])
                    .param("narrative", fields[i + 1]);
        }
        return request;
    }

    private MockHttpServletResponse send(String username, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(users.as(username)).with(csrf())).andReturn().getResponse();
    }

    private java.util.Map<String, String> narratives(long report) {
        List<java.util.Map.Entry<String, String>> rows = jdbc.sql(
                "SELECT section, narrative FROM report_section WHERE report_id = :r").param("r", report)
                .query((rs, row) -> java.util.Map.entry(rs.getString(1), rs.getString(2))).list();
        return java.util.Map.ofEntries(rows.toArray(java.util.Map.Entry[]::new));
    }
}
