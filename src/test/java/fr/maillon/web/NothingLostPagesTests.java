package fr.maillon.web;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import fr.maillon.TestFiles;
import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.ObjectiveService;
import fr.maillon.framework.QuestionDraft;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * "Nothing typed is lost" (issue 16), on the server's side: an indicator's links are saved with it
 * from one form and kept when it is refused; error pages lead back to the page one came from (of
 * this site only); a refused upload or import shows its page again with the choices made, and says
 * the file must be chosen again.
 */
@SpringBootTest
@AutoConfigureMockMvc
class NothingLostPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    ObjectiveService objectives;

    @Autowired
    JdbcClient jdbc;

    TestUsers.Created editor;
    long evaluation;

    @BeforeEach
    void setUp() {
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Jardin partagé",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31), null));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theIndicatorsLinksAreSavedWithItFromOneFormAndKeptWhenRefused() throws Exception {
        long efficacite = jdbc.sql("SELECT id FROM criterion WHERE code = 'efficacite' AND structure_id IS NULL")
                .query(Long.class).single();
        long meet = objectives.addQuestion(evaluation, new QuestionDraft(efficacite,
                "Le jardin fait-il se rencontrer les voisins ?", List.of()));
        long learn = objectives.addQuestion(evaluation, new QuestionDraft(efficacite,
                "Les habitants apprennent-ils à jardiner ?", List.of()));
        SecurityContextHolder.clearContext();
        assertThat(as(indicator(post("/evaluations/{e}/indicators/new", evaluation), "Voisins rencontrés"))
                .getRedirectedUrl()).endsWith("/indicators");
        long indicator = jdbc.sql("SELECT id FROM indicator WHERE evaluation_id = :e AND code = 'voisins'")
                .param("e", evaluation).query(Long.class).single();
        String edit = "/evaluations/{e}/indicators/{i}/edit";

        // the page holds one form: the links sit inside the indicator's form, with both buttons
        String page = mvc.perform(get(edit, evaluation, indicator).with(users.as(editor.username()))).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).doesNotContain("/links\"");
        int form = page.indexOf("<form", page.indexOf("<main"));
        assertThat(page.indexOf("name=\"questionIds\"")).isGreaterThan(form)
                .isLessThan(page.indexOf("</form>", form));
        assertThat(page.split("<form", -1)).as("the sign-out form and the indicator's one").hasSize(3);

        // "Enregistrer les liens" saves what was typed as well as what was ticked, and comes back here
        MockHttpServletResponse saved = as(indicator(post(edit, evaluation, indicator), "Voisins qui se parlent")
                .param("version", version(indicator)).param("linksShown", "true")
                .param("questionIds", String.valueOf(meet)).param("then", "links"));
        assertThat(saved.getRedirectedUrl()).endsWith("/indicators/" + indicator + "/edit#links");
        assertThat(linked(indicator)).containsExactly(meet);
        assertThat(name(indicator)).isEqualTo("Voisins qui se parlent");

        // "Enregistrer" saves the ticks too (the case users lost), then goes to the list
        saved = as(indicator(post(edit, evaluation, indicator), "Voisins qui se parlent")
                .param("version", version(indicator)).param("linksShown", "true")
                .param("questionIds", String.valueOf(meet), String.valueOf(learn)));
        assertThat(saved.getRedirectedUrl()).endsWith("/evaluations/" + evaluation + "/indicators");
        assertThat(linked(indicator)).containsExactlyInAnyOrder(meet, learn);

        // refused (no name): nothing written, the page again with what was ticked
        String read = version(indicator);
        String refused = as(indicator(post(edit, evaluation, indicator), "").param("version", read)
                .param("linksShown", "true").param("questionIds", String.valueOf(learn))).getContentAsString();
        assertThat(linked(indicator)).containsExactlyInAnyOrder(meet, learn);
        assertThat(version(indicator)).isEqualTo(read);
        assertThat(refused).contains("value=\"" + learn + "\" checked=\"checked\"")
                .doesNotContain("value=\"" + meet + "\" checked=\"checked\"");

        // a form without the links (a page made before, a script) leaves them as they are
        as(indicator(post(edit, evaluation, indicator), "Voisins rencontrés").param("version", read));
        assertThat(linked(indicator)).containsExactlyInAnyOrder(meet, learn);

        // the links alone, refused (a question of no evaluation of this one): the page again, ticks kept
        String alone = as(post("/evaluations/{e}/indicators/{i}/links", evaluation, indicator)
                .param("questionIds", String.valueOf(meet), "987654321")).getContentAsString();
        assertThat(alone).contains("Choisissez des questions de cette évaluation.")
                .contains("value=\"" + meet + "\" checked=\"checked\"")
                .doesNotContain("value=\"" + learn + "\" checked=\"checked\"");
        assertThat(linked(indicator)).containsExactlyInAnyOrder(meet, learn);
    }

    @Test
    void theErrorPageLeadsBackToThePageOfThisSiteOneCameFrom() throws Exception {
        String missing = "/evaluations/987654321";
        assertThat(back(get(missing).header(HttpHeaders.REFERER, "http://localhost/evaluations/" + evaluation
                + "/imports?kind=VALUES"))).isEqualTo("/evaluations/" + evaluation + "/imports?kind=VALUES");
        // another site, a look-alike, a scheme-relative path, the error page itself: home
        for (String foreign : List.of("https://evil.example/evaluations/1", "http://localhost.evil.example/x",
                "http://localhost:8081/x", "http://localhost//evil.example/", "javascript:alert(1)",
                "http://localhost/error", "http://user@localhost/x", "not a url")) {
            assertThat(back(get(missing).header(HttpHeaders.REFERER, foreign))).as(foreign).isEqualTo("/");
        }
        assertThat(back(get(missing))).isEqualTo("/");
        String page = mvc.perform(get(missing).with(users.as(editor.username())).header(HttpHeaders.REFERER,
                "http://localhost/evaluations/" + evaluation)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Retour à la page précédente").contains("Retour à l&#39;accueil");

        // a refusal (a rule broken by a hand-made request) and the 413 of a body too large
        MockHttpServletResponse tooLarge = mvc.perform(post("/login").contentType("application/x-www-form-urlencoded")
                .content(new byte[20 * 1024]).header(HttpHeaders.REFERER, "http://localhost/login?error").with(csrf()))
                .andReturn().getResponse();
        assertThat(tooLarge.getStatus()).isEqualTo(413);
        assertThat(tooLarge.getContentAsString()).contains("<a id=\"back\" href=\"/login?error\">");
        MockHttpServletResponse upload = mvc.perform(post("/login")
                .contentType("multipart/form-data; boundary=maillon").content(new byte[20 * 1024])
                .header(HttpHeaders.REFERER, "http://localhost/evaluations/" + evaluation + "/imports").with(csrf()))
                .andReturn().getResponse();
        assertThat(upload.getStatus()).as("a file sent to a page open to anyone: 16 KB at most").isEqualTo(413);
        assertThat(upload.getContentAsString()).contains("choisissez un fichier plus léger")
                .contains("href=\"/evaluations/" + evaluation + "/imports\"");
    }

    @Test
    void aRefusedUploadOrImportShowsItsPageAgainWithTheChoicesMade() throws Exception {
        String start = mvc.perform(multipart("/evaluations/{e}/imports", evaluation).file(new MockMultipartFile(
                "file", "vide.csv", "text/csv", new byte[0])).param("kind", "VALUES")
                .with(users.as(editor.username())).with(csrf())).andReturn().getResponse().getContentAsString();
        assertThat(start).contains("Le fichier est vide.").contains("id=\"choose-again\"")
                .contains("le fichier doit être choisi de nouveau");

        // a table whose indicator is unknown: the job refuses it, and leads back to the preview with the choices
        byte[] table = "indicateur;periode;valeur;note\ninconnu;2024;12;bien\n".getBytes();
        String preview = mvc.perform(multipart("/evaluations/{e}/imports", evaluation).file(new MockMultipartFile(
                "file", "valeurs.csv", "text/csv", table)).param("kind", "VALUES").with(users.as(editor.username()))
                .with(csrf())).andReturn().getResponse().getRedirectedUrl();
        assertThat(preview).startsWith("/imports/");
        String job = as(post(preview).param("layout", "LONG").param("indicator", "0").param("period", "1")
                .param("value", "2").param("category", "3").param("comment", "-1").param("addUp", "true"))
                .getRedirectedUrl();
        assertThat(job).startsWith("/imports/jobs/");
        String result = "";
        for (int i = 0; i < 100 && !result.contains("id=\"refused\""); i++) {
            Thread.sleep(100);
            result = mvc.perform(get(job).with(users.as(editor.username()))).andReturn().getResponse()
                    .getContentAsString();
        }
        assertThat(result).contains("id=\"refused\"");
        Matcher back = Pattern.compile("id=\"back\"[^>]*href=\"([^\"]+)\"").matcher(result);
        assertThat(back.find()).as("the way back on the job's page").isTrue();
        String again = back.group(1).replace("&amp;", "&");
        assertThat(again).startsWith(preview + "?").contains("category=3").contains("addUp=true");
        String shown = mvc.perform(get(again).with(users.as(editor.username()))).andReturn().getResponse()
                .getContentAsString();
        assertThat(select(shown, "category")).contains("value=\"3\" selected=\"selected\"");
        assertThat(select(shown, "comment")).doesNotContain("selected=\"selected\"");
        assertThat(shown).contains("id=\"addUp\" name=\"addUp\" value=\"true\" checked=\"checked\"");

        // a DHIS2 file sent without its mapping: the preview again (not a redirect), saying why
        byte[] dhis2 = Files.readAllBytes(TestFiles.FIXTURES.resolve("dhis2/dataValueSetB.xml"));
        String dhis2Preview = mvc.perform(multipart("/evaluations/{e}/imports", evaluation).file(
                new MockMultipartFile("file", "b.xml", "application/xml", dhis2)).param("kind", "VALUES")
                .with(users.as(editor.username())).with(csrf())).andReturn().getResponse().getRedirectedUrl();
        MockHttpServletResponse refused = as(post(dhis2Preview));
        assertThat(refused.getStatus()).isEqualTo(200);
        assertThat(refused.getContentAsString()).contains("id=\"run-refused\"");
    }

    @Test
    void refusedCriteriaAndReportsShowTheirPageAgainWithWhatWasTyped() throws Exception {
        String label = "Coopération ".repeat(12);
        MockHttpServletResponse criterion = as(post("/evaluations/{e}/criteria", evaluation).param("label", label));
        assertThat(criterion.getStatus()).isEqualTo(200);
        assertThat(criterion.getContentAsString()).contains("value=\"" + label + "\"")
                .contains("id=\"criterion-label-error\"").contains("aria-invalid=\"true\"");

        String title = "Dossier\u0007 pour la CAF";
        MockHttpServletResponse report = as(post("/evaluations/{e}/reports", evaluation).param("title", title)
                .param("audience", "PARTENAIRES"));
        assertThat(report.getStatus()).isEqualTo(200);
        assertThat(report.getContentAsString()).contains("id=\"new-refused\"").contains("value=\"Dossier")
                .contains("value=\"PARTENAIRES\" selected=\"selected\"");
        assertThat(jdbc.sql("SELECT count(*) FROM report WHERE evaluation_id = :e").param("e", evaluation)
                .query(Long.class).single()).isZero();
    }

    private MockHttpServletRequestBuilder indicator(MockHttpServletRequestBuilder request, String name) {
        return request.param("name", name).param("code", "voisins").param("measure", "COUNT").param("unit", "")
                .param("source", "MANUAL").param("frequency", "YEAR").param("aggregation", "SUM")
                .param("direction", "INCREASE");
    }

    private List<Long> linked(long indicator) {
        return jdbc.sql("SELECT question_id FROM indicator_question WHERE indicator_id = :i").param("i", indicator)
                .query(Long.class).list();
    }

    private String name(long indicator) {
        return jdbc.sql("SELECT name FROM indicator WHERE id = :i").param("i", indicator).query(String.class)
                .single();
    }

    private String version(long indicator) {
        return String.valueOf(jdbc.sql("SELECT version FROM indicator WHERE id = :i").param("i", indicator)
                .query(Integer.class).single());
    }

    /** Where the error page's way back leads. */
    private String back(MockHttpServletRequestBuilder request) throws Exception {
        String page = mvc.perform(request.with(users.as(editor.username()))).andReturn().getResponse()
                .getContentAsString();
        Matcher back = Pattern.compile("<a id=\"back\" href=\"([^\"]*)\"").matcher(page);
        assertThat(back.find()).as("a way back on " + page).isTrue();
        return back.group(1).replace("&amp;", "&");
    }

    private static String select(String page, String id) {
        int from = page.indexOf("<select id=\"" + id + "\"");
        return page.substring(from, page.indexOf("</select>", from));
    }

    private MockHttpServletResponse as(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(users.as(editor.username())).with(csrf())).andReturn().getResponse();
    }
}
