package fr.maillon.chain;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;

import fr.maillon.TestUsers;
import fr.maillon.framework.ObjectiveDraft;
import fr.maillon.framework.ObjectiveService;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.StructureDraft;
import fr.maillon.organisation.StructureKind;
import fr.maillon.restitution.ContributionDraft;
import fr.maillon.restitution.ContributionService;
import fr.maillon.restitution.ReportAudience;
import fr.maillon.restitution.ReportContent;
import fr.maillon.restitution.ReportService;
import fr.maillon.restitution.Strength;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The three targets' names per evaluation (issue 16, point 5): a Territoire zéro chômeur gets its own three
 * targets, a centre social may rename its targets, and every page, the diagram, the workshop entry, the reports and
 * the exchange format show the evaluation's names; unchanged names follow the page's language.
 */
@SpringBootTest
@AutoConfigureMockMvc
class TargetNamesTests {

    private static final String USERS = "Usagers des activités";
    private static final String EMPLOYEES = "Salariés de l'entreprise à but d'emploi";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OrganisationService organisations;

    @Autowired
    ChainService chains;

    @Autowired
    ObjectiveService objectives;

    @Autowired
    ContributionService contributions;

    @Autowired
    ReportService reports;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aTerritoireZeroChomeurCreatedFromScratchGetsItsOwnThreeTargets() throws Exception {
        TestUsers.Created editor = member(StructureKind.TERRITOIRE_ZERO_CHOMEUR);

        // the creation form proposes the kind's names, and keeping them stores no name of its own
        String form = page(get("/structures/{id}/evaluations/new", editor.structureId()), editor);
        assertThat(form).contains("value=\"" + USERS + "\"").contains("value=\"Territoire\"")
                .contains("value=\"" + EMPLOYEES + "\"")
                .contains("Les trois cibles des effets").contains("aria-describedby=\"target-names-help\"");
        long evaluation = createThroughThePage(editor, USERS, "Territoire", EMPLOYEES);
        assertThat(storedNames(evaluation)).containsExactly(null, null, null);

        // the effect form offers the three targets by their names; the list shows the effect's target
        String effectForm = page(get("/evaluations/{id}/elements/new", evaluation).param("kind", "EFFECT"), editor);
        assertThat(options(effectForm)).contains("HABITANTS=" + USERS, "TERRITOIRE=Territoire",
                "COMMUNAUTE_ACTION=" + EMPLOYEES);
        assertThat(effectForm).doesNotContain("Communauté d'action");
        MockHttpServletResponse added = mvc.perform(post("/evaluations/{id}/elements/new", evaluation)
                .param("kind", "EFFECT").param("name", "Emploi durable").param("target", "COMMUNAUTE_ACTION")
                .with(users.as(editor.username())).with(csrf())).andReturn().getResponse();
        assertThat(added.getRedirectedUrl()).startsWith("/evaluations/" + evaluation);
        assertThat(page(get("/evaluations/{id}", evaluation), editor))
                .contains("<span class=\"badge\">" + EMPLOYEES + "</span>");

        // the workshop entry takes the evaluation's names as tags, and lists them
        String workshop = page(get("/evaluations/{id}/workshop", evaluation), editor);
        assertThat(workshop).contains(USERS + " : #habitants, #usagers")
                .contains(EMPLOYEES + " : #communaute, #salaries");
        MockHttpServletResponse typed = mvc.perform(post("/evaluations/{id}/workshop", evaluation)
                .param("text", "E: Mobilité retrouvée #usagers\nE: Revenu stable #salariés\nE: Emplois utiles #Territoire")
                .with(users.as(editor.username())).with(csrf())).andReturn().getResponse();
        assertThat(typed.getStatus()).as(typed.getContentAsString()).isEqualTo(302);
        assertThat(targetOf(evaluation, "Mobilité retrouvée")).isEqualTo("HABITANTS");
        assertThat(targetOf(evaluation, "Revenu stable")).isEqualTo("COMMUNAUTE_ACTION");
        assertThat(targetOf(evaluation, "Emplois utiles")).isEqualTo("TERRITOIRE");

        // the diagram heads the effects with the names
        String svg = page(get("/api/v1/evaluations/{id}/diagram.svg", evaluation), editor);
        assertThat(svgText(svg)).contains(USERS).contains(EMPLOYEES).doesNotContain("Communauté d'action");

        // a report: objectives by target, the contribution analysis, the PDF and the workbook
        String report = report(editor, evaluation, EffectTarget.COMMUNAUTE_ACTION);
        assertThat(report).contains(EMPLOYEES + " — Des salariés en emploi durable")
                .contains("Emploi durable (" + EMPLOYEES + ")").doesNotContain("Communauté d'action");

        // in English, unchanged names are the kind's English ones
        String english = page(get("/evaluations/{id}/elements/new", evaluation).param("kind", "EFFECT")
                .param("lang", "en"), editor);
        assertThat(options(english)).contains("HABITANTS=Users of the activities", "TERRITOIRE=Territory",
                "COMMUNAUTE_ACTION=Employees of the job-creating company (entreprise à but d'emploi)");
    }

    @Test
    void aCentreSocialRenamesATargetAndSeesTheNewNameEverywhere() throws Exception {
        TestUsers.Created editor = member(StructureKind.CENTRE_SOCIAL);
        long evaluation = createThroughThePage(editor, "Habitants", "Territoire", "Communauté d'action");
        assertThat(storedNames(evaluation)).containsExactly(null, null, null);

        String edit = page(get("/evaluations/{id}/edit", evaluation), editor);
        assertThat(edit).contains("value=\"Habitants\"").contains("value=\"Territoire\"")
                .contains("value=\"Communauté d'action\"");
        MockHttpServletResponse saved = mvc.perform(post("/evaluations/{id}/edit", evaluation)
                .param("title", "Projet social").param("scope", "PROJET_SOCIAL").param("periodStart", "2024-01-01")
                .param("periodEnd", "2027-12-31").param("status", "FRAMING").param("version", "0")
                .param("targetNameHabitants", "  Familles du quartier ").param("targetNameTerritoire", "Territoire")
                .param("targetNameCommunauteAction", "Communauté d'action")
                .with(users.as(editor.username())).with(csrf())).andReturn().getResponse();
        assertThat(saved.getRedirectedUrl()).as(saved.getContentAsString()).isEqualTo("/evaluations/" + evaluation);
        assertThat(storedNames(evaluation)).containsExactly("Familles du quartier", null, null);

        users.signIn(editor.username());
        long effect = chains.addElement(evaluation, effect("Parents plus sûrs d'eux", EffectTarget.HABITANTS));
        chains.addElement(evaluation, effect("Rue animée", EffectTarget.TERRITOIRE));
        SecurityContextHolder.clearContext();

        assertThat(options(page(get("/evaluations/{id}/elements/{e}/edit", evaluation, effect), editor)))
                .contains("HABITANTS=Familles du quartier", "TERRITOIRE=Territoire",
                        "COMMUNAUTE_ACTION=Communauté d'action");
        assertThat(page(get("/evaluations/{id}", evaluation), editor))
                .contains("<span class=\"badge\">Familles du quartier</span>");
        assertThat(svgText(page(get("/api/v1/evaluations/{id}/diagram.svg", evaluation), editor)))
                .contains("Familles du quartier").doesNotContain("Habitants");
        assertThat(page(get("/evaluations/{id}/framework", evaluation), editor))
                .contains("<h3>Familles du quartier</h3>").contains("<h3>Territoire</h3>");
        String report = report(editor, evaluation, EffectTarget.HABITANTS);
        assertThat(report).contains("Familles du quartier — Des salariés en emploi durable")
                .contains("Emploi durable (Familles du quartier)");

        // the renamed target keeps its name in English; the others take their English default
        String english = page(get("/evaluations/{id}/elements/{e}/edit", evaluation, effect).param("lang", "en"),
                editor);
        assertThat(options(english)).contains("HABITANTS=Familles du quartier", "TERRITOIRE=Territory",
                "COMMUNAUTE_ACTION=Community of action");

        // a workshop tag of the new name
        MockHttpServletResponse typed = mvc.perform(post("/evaluations/{id}/workshop", evaluation)
                .param("text", "E: Sorties en famille #familles")
                .with(users.as(editor.username())).with(csrf())).andReturn().getResponse();
        assertThat(typed.getStatus()).isEqualTo(302);
        assertThat(targetOf(evaluation, "Sorties en famille")).isEqualTo("HABITANTS");
    }

    @Test
    void refusedNamesSayWhyAndChangeNothing() throws Exception {
        TestUsers.Created editor = member(StructureKind.CENTRE_SOCIAL);
        String tooLong = "x".repeat(81);
        String page = refused(editor, tooLong, "Territoire", "Salariés\u0000");
        assertThat(page).contains("Ce nom de cible est trop long : 80 caractères au plus.")
                .contains("caractères de contrôle invisibles").contains("value=\"" + tooLong + "\"")
                .contains("aria-describedby=\"targetNameHabitants-error\"")
                .contains("aria-describedby=\"targetNameCommunauteAction-error\"");
        assertThat(refused(editor, "Habitants", " habitants ", "Communauté d'action"))
                .contains("Une autre cible s'appelle déjà « habitants » : donnez à chaque cible un nom différent.")
                .contains("aria-describedby=\"targetNameTerritoire-error\"");
        assertThat(jdbc.sql("SELECT count(*) FROM evaluation WHERE structure_id = :s")
                .param("s", editor.structureId()).query(Long.class).single()).isZero();
    }

    private String refused(TestUsers.Created editor, String habitants, String territoire, String communaute)
            throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/structures/{id}/evaluations/new", editor.structureId())
                .param("title", "Projet social").param("scope", "PROJET_SOCIAL").param("periodStart", "2024-01-01")
                .param("periodEnd", "2027-12-31").param("status", "FRAMING").param("targetNameHabitants", habitants)
                .param("targetNameTerritoire", territoire).param("targetNameCommunauteAction", communaute)
                .with(users.as(editor.username())).with(csrf())).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return HtmlUtils.htmlUnescape(response.getContentAsString(StandardCharsets.UTF_8));
    }

    @Test
    void theExchangeKeepsTheNamesAndAnOldDocumentTakesTheKindsDefaults() throws Exception {
        TestUsers.Created centre = member(StructureKind.CENTRE_SOCIAL);
        long evaluation = createThroughThePage(centre, "Familles du quartier", "Territoire", "Partenaires du projet");
        String exported = page(get("/api/v1/evaluations/{id}/export", evaluation), centre);
        assertThat(exported).contains("\"targets\":{\"HABITANTS\":\"Familles du quartier\","
                + "\"COMMUNAUTE_ACTION\":\"Partenaires du projet\"}");

        // into a Territoire zéro chômeur: the names travel, the unnamed target takes the kind's default
        TestUsers.Created tzc = member(StructureKind.TERRITOIRE_ZERO_CHOMEUR);
        long imported = importInto(tzc, exported);
        assertThat(storedNames(imported)).containsExactly("Familles du quartier", null, "Partenaires du projet");
        assertThat(page(get("/api/v1/evaluations/{id}/export", imported), tzc)).contains(
                "\"targets\":{\"HABITANTS\":\"Familles du quartier\",\"COMMUNAUTE_ACTION\":\"Partenaires du projet\"}");

        // a version 1 document, and a version 2 one without names: the kind's defaults
        String version1 = new ClassPathResource("exchange/conserverie-mobile-v1.json")
                .getContentAsString(StandardCharsets.UTF_8);
        long old = importInto(tzc, version1);
        assertThat(storedNames(old)).containsExactly(null, null, null);
        assertThat(options(page(get("/evaluations/{id}/elements/new", old).param("kind", "EFFECT"), tzc)))
                .contains("HABITANTS=" + USERS, "COMMUNAUTE_ACTION=" + EMPLOYEES);
        String demo = new ClassPathResource("demo/conserverie-mobile.json").getContentAsString(StandardCharsets.UTF_8);
        assertThat(demo).doesNotContain("\"targets\": {");
        long demoCopy = importInto(centre, demo);
        assertThat(storedNames(demoCopy)).containsExactly(null, null, null);
        assertThat(page(get("/api/v1/evaluations/{id}/export", demoCopy), centre)).doesNotContain("\"targets\":{");

        // a bad name is refused with its path, and nothing is written
        MockHttpServletResponse refused = mvc.perform(post("/api/v1/structures/{id}/evaluations/import",
                centre.structureId()).with(users.as(centre.username())).with(csrf()).contentType("application/json")
                .content(exported.replace("Partenaires du projet", "Familles du quartier"))).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(refused.getContentAsString()).contains("\"path\":\"$.evaluation.targets.COMMUNAUTE_ACTION\"")
                .contains("Une autre cible s'appelle déjà « Familles du quartier »");
    }

    // --- helpers ------------------------------------------------------------------------------

    private TestUsers.Created member(StructureKind kind) {
        long structure = organisations.createStructureUnchecked(new StructureDraft("Structure " + users.newUsername(
                kind.name()), kind, "76", "Montivilliers", null, null, null, null, false, null, null));
        String username = users.newUsername("editor");
        long user = users.newUser(username);
        users.addMember(structure, user, Role.STRUCTURE_EDITOR);
        return new TestUsers.Created(structure, username, user);
    }

    private long createThroughThePage(TestUsers.Created editor, String habitants, String territoire,
            String communaute) throws Exception {
        MockHttpServletResponse created = mvc.perform(post("/structures/{id}/evaluations/new", editor.structureId())
                .param("title", "Projet social").param("scope", "PROJET_SOCIAL").param("periodStart", "2024-01-01")
                .param("periodEnd", "2027-12-31").param("status", "FRAMING").param("targetNameHabitants", habitants)
                .param("targetNameTerritoire", territoire).param("targetNameCommunauteAction", communaute)
                .with(users.as(editor.username())).with(csrf())).andReturn().getResponse();
        assertThat(created.getRedirectedUrl()).as(created.getContentAsString()).matches("/evaluations/\\d+");
        return Long.parseLong(created.getRedirectedUrl().replaceAll("\\D", ""));
    }

    private long importInto(TestUsers.Created editor, String document) throws Exception {
        MockHttpServletResponse imported = mvc.perform(post("/api/v1/structures/{id}/evaluations/import",
                editor.structureId()).with(users.as(editor.username())).with(csrf()).contentType("application/json")
                .content(document)).andReturn().getResponse();
        assertThat(imported.getStatus()).as(imported.getContentAsString()).isEqualTo(201);
        return Long.parseLong(imported.getContentAsString().replaceAll("\\D", ""));
    }

    private String page(MockHttpServletRequestBuilder request, TestUsers.Created editor) throws Exception {
        MockHttpServletResponse response = mvc.perform(request.with(users.as(editor.username()))).andReturn()
                .getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return HtmlUtils.htmlUnescape(response.getContentAsString(StandardCharsets.UTF_8));
    }

    private List<String> storedNames(long evaluation) {
        return jdbc.sql("""
                SELECT target_name_habitants, target_name_territoire, target_name_communaute_action
                FROM evaluation
                WHERE id = :id
                """).param("id", evaluation).query((rs, row) -> {
                    List<String> names = new ArrayList<>();
                    for (int i = 1; i <= 3; i++) {
                        names.add(rs.getString(i));
                    }
                    return names;
                }).single();
    }

    private String targetOf(long evaluation, String effect) {
        return jdbc.sql("SELECT target FROM chain_element WHERE evaluation_id = :e AND name = :name")
                .param("e", evaluation).param("name", effect).query(String.class).single();
    }

    /** The target select's options, as "VALUE=text", unescaped. */
    private static List<String> options(String html) {
        int select = html.indexOf("name=\"target\"");
        assertThat(select).as("a target select").isPositive();
        String part = html.substring(select, html.indexOf("</select>", select));
        List<String> options = new ArrayList<>();
        Matcher option = Pattern.compile("<option value=\"([A-Z_]+)\"[^>]*>([^<]*)</option>").matcher(part);
        while (option.find()) {
            options.add(option.group(1) + "=" + HtmlUtils.htmlUnescape(option.group(2)));
        }
        return options;
    }

    /** The diagram's texts, each line of a wrapped label joined to the next by a space, unescaped. */
    private static String svgText(String svg) {
        StringBuilder text = new StringBuilder();
        Matcher node = Pattern.compile(">([^<>]+)<").matcher(svg);
        while (node.find()) {
            if (!node.group(1).isBlank()) {
                text.append(HtmlUtils.htmlUnescape(node.group(1).strip())).append(' ');
            }
        }
        return text.toString();
    }

    /**
     * A report for the federation with an objective on the target and a contribution analysis of "Emploi durable"
     * aimed at it: its content, page, PDF and workbook texts, one after the other.
     */
    private String report(TestUsers.Created editor, long evaluation, EffectTarget target) throws Exception {
        users.signIn(editor.username());
        long effect = chains.chain(evaluation).elements(ElementKind.EFFECT).stream()
                .filter(element -> element.name().equals("Emploi durable")).findFirst().map(ChainElement::id)
                .orElseGet(() -> chains.addElement(evaluation, effect("Emploi durable", target)));
        objectives.addObjective(evaluation, new ObjectiveDraft(target, "Des salariés en emploi durable", null,
                List.of(effect)));
        contributions.save(evaluation, effect, new ContributionDraft("Le travail stabilise les revenus.", null,
                Strength.MODERATE, null));
        // the report for the body that follows the structure: its federation, or a TZC's comité local pour l'emploi
        boolean territory = jdbc.sql("SELECT s.kind FROM evaluation e JOIN structure s ON s.id = e.structure_id "
                + "WHERE e.id = :id").param("id", evaluation).query(String.class).single().equals("TERRITOIRE_ZERO_CHOMEUR");
        long report = reports.create(evaluation, territory ? ReportAudience.COMITE_LOCAL : ReportAudience.FEDERATION,
                "Bilan");
        ReportContent content = reports.content(report, 0);
        SecurityContextHolder.clearContext();
        StringBuilder all = new StringBuilder();
        content.objectives().forEach(line -> all.append(line.target()).append(" — ").append(line.title()).append('\n'));
        content.contributions().forEach(block -> all.append(block.effect()).append(" (").append(block.target())
                .append(")\n"));
        String html = page(get("/reports/{id}", report), editor);
        assertThat(html).contains(content.contributions().get(0).target());
        byte[] pdf = mvc.perform(get("/reports/{id}/report.pdf", report).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains(content.contributions().get(0).target());
        }
        byte[] xlsx = mvc.perform(get("/reports/{id}/report.xlsx", report).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsByteArray();
        StringBuilder cells = new StringBuilder();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : book) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        cells.append(cell.toString()).append(' ');
                    }
                }
            }
        }
        assertThat(cells.toString()).contains(content.contributions().get(0).target());
        return all.toString();
    }

    private static ChainElementDraft effect(String name, EffectTarget target) {
        return new ChainElementDraft(ElementKind.EFFECT, name, null, null, null, null, null, null, null, null, target,
                null);
    }
}
