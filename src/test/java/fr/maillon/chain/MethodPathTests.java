package fr.maillon.chain;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import fr.maillon.chain.StepProgress.StepAction;
import fr.maillon.exchange.ExchangeService;
import fr.maillon.organisation.Role;
import fr.maillon.restitution.ReportAudience;
import fr.maillon.restitution.ReportService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The path through the method on an evaluation's page: each step's state read from the real data (the demo's, a new
 * evaluation's), one primary action each for those who may edit, and the home page that starts an evaluation.
 */
@SpringBootTest
@AutoConfigureMockMvc
class MethodPathTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MethodPathService path;

    @Autowired
    ExchangeService exchange;

    @Autowired
    ReportService reports;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theDemoEvaluationHasWalkedTheWholePath() throws Exception {
        // a copy of the demo's Conserverie: other tests add questions to the demo's own
        TestUsers.Created director = users.structureWithMember(Role.STRUCTURE_ADMIN);
        users.signIn(director.username());
        long conserverie = exchange.importEvaluation(director.structureId(), TestFiles.demoDocument());
        // as the demo does, a dossier for the CAF is finalised (the document carries no report)
        reports.finalise(reports.create(conserverie, ReportAudience.CAF, "Dossier d'agrément"));
        SecurityContextHolder.clearContext();
        String page = mvc.perform(get("/evaluations/{id}", conserverie).with(users.as(director.username())))
                .andReturn().getResponse().getContentAsString();

        for (MethodStep step : MethodStep.values()) {
            assertThat(stepClass(page, step)).as(step.name()).contains("step-done");
        }
        assertThat(page).doesNotContain("aria-current=\"step\"").contains("6 étapes faites sur 6");
        String chain = text(step(page, MethodStep.CHAIN));
        assertThat(chain).contains("11 parties prenantes, 8 ressources, 4 activités principales et 4 activités de "
                + "soutien.").contains("7 effets");
        assertThat(text(step(page, MethodStep.FRAMEWORK))).containsPattern("\\d+ objectifs, 5 questions évaluatives");
        assertThat(text(step(page, MethodStep.COLLECTION))).contains("1 enquête").contains("réponses reçues")
                .contains("4 témoignages ou documents, dont 3 diffusables.");
        assertThat(text(step(page, MethodStep.ANALYSIS))).contains("5 questions jugées sur 5.");
        assertThat(text(step(page, MethodStep.RESTITUTION))).containsPattern("\\d+ rapports?, dont 1 finalisé.");
        // the demo was made today: the steps dated by the database say so
        assertThat(text(step(page, MethodStep.RESTITUTION))).containsPattern("fait le \\d\\d/\\d\\d/\\d{4}");
        // every secondary action is still reachable, under its step
        assertThat(step(page, MethodStep.CHAIN)).contains("/workshop\"").contains("/diagram\"");
        assertThat(step(page, MethodStep.COLLECTION)).contains("/imports\"").contains("/surveys\"")
                .contains("/evidence\"").contains("/data\"");
        assertThat(step(page, MethodStep.ANALYSIS)).contains("/dashboard\"").contains("/verdicts\"")
                .contains("/balance\"").contains("/resources\"").contains("/contributions\"");
        assertThat(step(page, MethodStep.RESTITUTION)).contains("/reports\"");
        assertThat(page).contains("/export.json\"");
    }

    @Test
    void aNewEvaluationIsFramedOnceItSaysWhyAndWhoStepsAndNextDescribesItsChain() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        long evaluation = newEvaluation(editor);
        String page = mvc.perform(get("/evaluations/{id}", evaluation).with(users.as(editor.username()))).andReturn()
                .getResponse().getContentAsString();

        // scope and period alone: the framing is started, its action completes it on the evaluation's form
        assertThat(stepClass(page, MethodStep.FRAMING)).contains("step-started").contains("step-current");
        assertThat(text(step(page, MethodStep.FRAMING)))
                .contains("Évaluation du projet social, du 01/01/2024 au 31/12/2024.")
                .contains("Pourquoi évaluer : à écrire ; pour qui : à écrire ; moyens : à écrire ; pilotage : à écrire.")
                .contains("Compléter le cadrage");
        assertThat(step(page, MethodStep.FRAMING)).contains("id=\"action-FRAMING\"")
                .contains("href=\"/evaluations/" + evaluation + "/edit#framing\"");
        assertThat(page).contains("0 étape faite sur 6").doesNotContain("id=\"framing-purpose\"");
        String form = mvc.perform(get("/evaluations/{id}/edit", evaluation).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsString();
        assertThat(form).contains("name=\"purpose\"").contains("name=\"audiences\"").contains("name=\"means\"")
                .contains("name=\"steering\"").contains("Exemple dans la démo : un comité de pilotage avec des habitants");

        // the why and the steering written: the step is done, the page shows the framing, the chain comes next
        frame(editor, evaluation, "Montrer à la CAF ce que l'épicerie change.", "Le comité de pilotage : trois "
                + "habitantes, la directrice.");
        page = mvc.perform(get("/evaluations/{id}", evaluation).with(users.as(editor.username()))).andReturn()
                .getResponse().getContentAsString();
        assertThat(stepClass(page, MethodStep.FRAMING)).contains("step-done").doesNotContain("step-current");
        assertThat(text(step(page, MethodStep.FRAMING)))
                .contains("Pourquoi évaluer : écrit ; pour qui : à écrire ; moyens : à écrire ; pilotage : écrit.")
                .contains("Modifier le cadrage");
        assertThat(text(page)).contains("Pourquoi évaluer ? Montrer à la CAF ce que l&#39;épicerie change.")
                .contains("Qui pilote ? Le comité de pilotage : trois habitantes, la directrice.");
        assertThat(page).contains("id=\"framing-purpose\"").contains("id=\"framing-steering\"")
                .doesNotContain("id=\"framing-means\"");
        assertThat(stepClass(page, MethodStep.CHAIN)).contains("step-todo").contains("step-current");
        assertThat(step(page, MethodStep.CHAIN)).contains("aria-current=\"step\"").contains("Vous êtes ici")
                .contains("id=\"action-CHAIN\"").contains("/evaluations/" + evaluation + "/stakeholders/new\"");
        for (MethodStep step : List.of(MethodStep.FRAMEWORK, MethodStep.COLLECTION, MethodStep.ANALYSIS,
                MethodStep.RESTITUTION)) {
            assertThat(stepClass(page, step)).as(step.name()).contains("step-todo").doesNotContain("step-current");
            assertThat(step(page, step)).as(step.name()).contains("Rien pour l&#39;instant.");
        }
        assertThat(page).contains("1 étape faite sur 6").doesNotContain("(s)");
        // the empty lists say what goes there, with the demo's example
        assertThat(page).contains("Exemple dans la démo : les habitants des quartiers")
                .contains("Exemple dans la démo : les bocaux produits");
    }

    @Test
    void aFramingTextTooLongOrWithControlCharactersIsRefusedAndWhatWasTypedStays() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        long evaluation = newEvaluation(editor);
        String page = mvc.perform(post("/evaluations/{id}/edit", evaluation).param("title", "Épicerie")
                .param("scope", "PROJET_SOCIAL").param("periodStart", "2024-01-01").param("periodEnd", "2024-12-31")
                .param("status", "FRAMING").param("purpose", "x".repeat(2001)).param("audiences", "La CAF")
                .param("means", "Deux jours\u0007").param("steering", "Le comité")
                .with(users.as(editor.username())).with(csrf())).andReturn().getResponse().getContentAsString();
        assertThat(text(page)).contains("Ce texte compte 2 001 caractères : 2 000 au plus. Raccourcissez-le.");
        assertThat(page).contains("id=\"means-error\"").contains("caractères de contrôle")
                .contains("name=\"audiences\">La CAF</textarea>").contains("name=\"steering\">Le comit");
        assertThat(jdbc.sql("SELECT count(*) FROM evaluation WHERE id = :id AND purpose IS NULL AND steering IS NULL")
                .param("id", evaluation).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theChainStepAsksForWhatIsMissingInTheMethodsOrder() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        long evaluation = newEvaluation(editor);
        users.signIn(editor.username());
        assertThat(chainStep(evaluation).next().path()).endsWith("/stakeholders/new");
        jdbc.sql("INSERT INTO stakeholder (structure_id, evaluation_id, name, type, position) VALUES (:s, :e, "
                + "'Habitants', 'HABITANTS', 1)").param("s", editor.structureId()).param("e", evaluation).update();
        assertThat(chainStep(evaluation).state()).isEqualTo(StepState.STARTED);
        assertThat(chainStep(evaluation).next().path()).endsWith("/elements/new?kind=ACTIVITY&activityType=PRIMARY");
        long activity = element(editor, evaluation, "ACTIVITY", "Ateliers");
        assertThat(chainStep(evaluation).next().path()).endsWith("/elements/new?kind=OUTPUT");
        long output = element(editor, evaluation, "OUTPUT", "Bocaux");
        assertThat(chainStep(evaluation).next().path()).endsWith("/elements/new?kind=EFFECT");
        long effect = element(editor, evaluation, "EFFECT", "Savoir-faire");
        assertThat(chainStep(evaluation).next().path()).endsWith("/links/new?sourceId=" + activity);
        link(editor, evaluation, activity, output);
        assertThat(chainStep(evaluation).next().path()).endsWith("/links/new?sourceId=" + output);
        link(editor, evaluation, output, effect);
        assertThat(chainStep(evaluation).state()).isEqualTo(StepState.DONE);
        assertThat(chainStep(evaluation).next().path()).endsWith("/interactions/new");
        assertThat(path.progress(evaluation).current()).isEqualTo(MethodStep.FRAMING);
        frame(editor, evaluation, "Préparer l'agrément.", "Un comité de pilotage.");
        users.signIn(editor.username());
        assertThat(path.progress(evaluation).current()).isEqualTo(MethodStep.FRAMEWORK);
    }

    @Test
    void collectingIsDoneByAnyOfItsMeansAndTheOtherStepsByAllOfTheirs() {
        LocalDate monday = LocalDate.of(2025, 3, 3);
        LocalDate friday = LocalDate.of(2025, 3, 7);
        StepAction values = new StepAction(StepText.of("framework.path.enterValues"), "/data");
        StepAction surveys = new StepAction(StepText.of("survey.path.show"), "/surveys");
        StepProgress combined = MethodPathService.combine(MethodStep.COLLECTION, List.of(
                new StepProgress(MethodStep.COLLECTION, StepState.TODO, List.of(), values, null),
                new StepProgress(MethodStep.COLLECTION, StepState.DONE, List.of(StepText.of("a")), surveys, friday),
                new StepProgress(MethodStep.COLLECTION, StepState.DONE, List.of(StepText.of("b")), null, monday)));
        assertThat(combined.state()).isEqualTo(StepState.DONE);
        assertThat(combined.doneOn()).isEqualTo(monday);
        assertThat(combined.done()).extracting(StepText::messageKey).containsExactly("a", "b");
        assertThat(combined.next()).isEqualTo(values);

        StepProgress partly = MethodPathService.combine(MethodStep.ANALYSIS, List.of(
                new StepProgress(MethodStep.ANALYSIS, StepState.DONE, List.of(), null, monday),
                new StepProgress(MethodStep.ANALYSIS, StepState.TODO, List.of(), surveys, null)));
        assertThat(partly.state()).isEqualTo(StepState.STARTED);
        assertThat(partly.doneOn()).isNull();
        assertThat(MethodPathService.combine(MethodStep.RESTITUTION, List.of()).state()).isEqualTo(StepState.TODO);
    }

    @Test
    void aReaderSeesTheStepsButNoActionToEdit() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        long evaluation = newEvaluation(editor);
        String viewer = users.newUsername("viewer");
        users.addMember(editor.structureId(), users.newUser(viewer), Role.STRUCTURE_VIEWER);
        String page = mvc.perform(get("/evaluations/{id}", evaluation).with(users.as(viewer))).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("Vous êtes ici").doesNotContain("primary-action").doesNotContain("/workshop\"")
                .doesNotContain("/imports\"").contains("/diagram\"");
    }

    @Test
    void theHomePageStartsAnEvaluationWhereOneMayEditAndSaysHowToGetAStructureOtherwise() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        String home = mvc.perform(get("/").with(users.as(editor.username()))).andReturn().getResponse()
                .getContentAsString();
        assertThat(home).contains("href=\"/structures/" + editor.structureId() + "/evaluations/new\"")
                .contains("Nouvelle évaluation").contains("Une évaluation suit la méthode en six étapes");

        TestUsers.Created viewer = users.structureWithMember(Role.STRUCTURE_VIEWER);
        String read = mvc.perform(get("/").with(users.as(viewer.username()))).andReturn().getResponse()
                .getContentAsString();
        assertThat(read).doesNotContain("/evaluations/new\"");

        String newcomer = users.newUsername("newcomer");
        users.newUser(newcomer);
        String nothing = mvc.perform(get("/").with(users.as(newcomer))).andReturn().getResponse()
                .getContentAsString();
        assertThat(nothing).contains("id=\"no-structure\"").doesNotContain("id=\"create-structure\"");
    }

    private long newEvaluation(TestUsers.Created editor) throws Exception {
        String location = mvc.perform(post("/structures/{id}/evaluations/new", editor.structureId())
                .param("title", "Épicerie").param("scope", "PROJET_SOCIAL").param("periodStart", "2024-01-01")
                .param("periodEnd", "2024-12-31").with(users.as(editor.username()))
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                        .csrf()))
                .andReturn().getResponse().getRedirectedUrl();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private void frame(TestUsers.Created editor, long evaluation, String purpose, String steering) throws Exception {
        String location = mvc.perform(post("/evaluations/{id}/edit", evaluation).param("title", "Épicerie")
                .param("scope", "PROJET_SOCIAL").param("periodStart", "2024-01-01").param("periodEnd", "2024-12-31")
                .param("status", "FRAMING").param("purpose", purpose).param("audiences", " ").param("means", "")
                .param("steering", steering).with(users.as(editor.username())).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(location).isEqualTo("/evaluations/" + evaluation);
    }

    private StepProgress chainStep(long evaluation) {
        return path.progress(evaluation).steps().get(MethodStep.CHAIN.ordinal());
    }

    private long element(TestUsers.Created editor, long evaluation, String kind, String name) {
        return jdbc.sql("""
                INSERT INTO chain_element (structure_id, evaluation_id, kind, name, activity_type, target, position)
                VALUES (:s, :e, :kind, :name, :activityType, :target, 1)
                RETURNING id""").param("s", editor.structureId()).param("e", evaluation).param("kind", kind)
                .param("name", name).param("activityType", kind.equals("ACTIVITY") ? "PRIMARY" : null)
                .param("target", kind.equals("EFFECT") ? "HABITANTS" : null).query(Long.class).single();
    }

    private void link(TestUsers.Created editor, long evaluation, long source, long target) {
        jdbc.sql("INSERT INTO chain_link (structure_id, evaluation_id, source_id, target_id) VALUES (:s, :e, :a, :b)")
                .param("s", editor.structureId()).param("e", evaluation).param("a", source).param("b", target)
                .update();
    }

    private static String step(String page, MethodStep step) {
        Matcher matcher = Pattern.compile("<li id=\"step-" + step + "\"[\\s\\S]*?</li>").matcher(page);
        assertThat(matcher.find()).as("step " + step + " on the page").isTrue();
        return matcher.group();
    }

    private static String stepClass(String page, MethodStep step) {
        Matcher matcher = Pattern.compile("<li id=\"step-" + step + "\"\\s+class=\"([^\"]*)\"").matcher(page);
        assertThat(matcher.find()).as("step " + step + " on the page").isTrue();
        return matcher.group(1);
    }

    private static String text(String html) {
        return html.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").replace('\u202f', ' ').replace('\u00a0', ' ');
    }
}
