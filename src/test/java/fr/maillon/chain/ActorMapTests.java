package fr.maillon.chain;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import fr.maillon.TestUsers;
import fr.maillon.chain.ActorMap.Actor;
import fr.maillon.organisation.Role;
import fr.maillon.restitution.ReportContent;
import fr.maillon.restitution.ReportFiles;
import fr.maillon.restitution.internal.Pictures;
import fr.maillon.web.Decimals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Issue 17, the actor map: the stakeholders in rings with what each brings and receives, the
 * complementarities between them, as a page, an SVG, through the API and in the reports.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ActorMapTests {

    private static final char NBSP = Decimals.BEFORE_UNIT;
    private static final char THOUSANDS = Decimals.THOUSANDS;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ActorMapService maps;

    @Autowired
    ReportFiles files;

    @Autowired
    JsonMapper json;

    long demo;

    @BeforeEach
    void demo() {
        demo = jdbc.sql("SELECT min(id) FROM evaluation WHERE title = 'Conserverie Mobile et Solidaire'")
                .query(Long.class).single();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theDemosStakeholdersLandInTheirRings() {
        users.signIn("coope");
        ActorMap map = maps.map(demo);
        assertThat(names(map, ActorRing.COMMUNITY)).containsExactly(
                "Habitants des quartiers des Ors, Saint-Nicolas et la Monnaie", "Bénévoles de la Conserverie",
                "Producteurs bio locaux", "Membres de l'Accorderie",
                "La Coopération (équipes et conseils des trois maisons)", "Fédération des centres sociaux de la Drôme");
        assertThat(names(map, ActorRing.PARTNERS)).containsExactly("Valence Romans Agglo", "CAF de la Drôme",
                "Fondation Bonduelle", "Programme LEADER (fonds européen pour le rural)", "La Fonda");
        assertThat(names(map, ActorRing.TERRITORY)).as("every inhabitant of the demo is a member").isEmpty();
        // by type, outside the communauté d'action
        assertThat(ActorRing.of(stakeholder(StakeholderType.HABITANTS, false))).isEqualTo(ActorRing.TERRITORY);
        assertThat(ActorRing.of(stakeholder(StakeholderType.HABITANTS, true))).isEqualTo(ActorRing.COMMUNITY);
        for (StakeholderType type : List.of(StakeholderType.ETAT, StakeholderType.COLLECTIVITE,
                StakeholderType.ASSOCIATION, StakeholderType.ENTREPRISE, StakeholderType.RECHERCHE,
                StakeholderType.FINANCEUR)) {
            assertThat(ActorRing.of(stakeholder(type, false))).as(type.name()).isEqualTo(ActorRing.PARTNERS);
        }
    }

    @Test
    void whatEachBringsAndReceivesComesFromItsInteractions() throws Exception {
        users.signIn("coope");
        ActorMap map = maps.map(demo);
        Actor inhabitants = actor(map, "Habitants des quartiers des Ors, Saint-Nicolas et la Monnaie");
        assertThat(inhabitants.balance().interactions()).isEqualTo(2);
        assertThat(inhabitants.balance().brings()).containsExactly("Du temps en atelier (Ateliers de mise en bocaux)",
                "Achat de bocaux en euros ou en monnaie-temps (Ventes et échanges de bocaux)");
        assertThat(figures(inhabitants, true)).isEqualTo("600" + NBSP + "heures");
        assertThat(figures(inhabitants, false)).isEqualTo("900" + NBSP + "bocaux");
        Actor producers = actor(map, "Producteurs bio locaux");
        assertThat(figures(producers, true)).isEqualTo("1" + THOUSANDS + "800" + NBSP + "kg");
        assertThat(figures(producers, false)).isEqualTo("3" + THOUSANDS + "000" + NBSP + "€");
        assertThat(figures(actor(map, "Bénévoles de la Conserverie"), true))
                .isEqualTo("1" + THOUSANDS + "600" + NBSP + "heures");
        assertThat(figures(actor(map, "Fondation Bonduelle"), true)).isEqualTo("20" + THOUSANDS + "000" + NBSP + "€");
        assertThat(figures(actor(map, "CAF de la Drôme"), true)).isEqualTo("non chiffré");
        // the same sums as the interactions' rows, stakeholder by stakeholder
        Map<String, Object> sums = jdbc.sql("""
                SELECT sum(i.cost_quantity) FILTER (WHERE i.cost_unit = 'heures') AS hours,
                       sum(i.cost_value_eur) AS eur
                FROM interaction i
                JOIN stakeholder s ON s.id = i.stakeholder_id
                WHERE i.evaluation_id = :e
                  AND s.name = 'Bénévoles de la Conserverie'
                """).param("e", demo).query().singleRow();
        assertThat(((java.math.BigDecimal) sums.get("hours")).intValue()).isEqualTo(1600);
        assertThat(sums.get("eur")).isNull();

        String page = mvc.perform(get("/evaluations/{e}/actors", demo).with(users.as("coope"))).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("<h1>Carte des acteurs</h1>")
                .contains("Communauté d&#39;action — 6 parties prenantes").contains("Partenaires — 5 parties prenantes")
                .contains("Territoire — 0 partie prenante")
                .contains("Du temps en atelier (Ateliers de mise en bocaux)")
                .contains("1" + THOUSANDS + "800" + NBSP + "kg")
                .contains("Fondation Bonduelle et Programme LEADER (fonds européen pour le rural) agissent ensemble : "
                        + "« Recherche de financements »")
                .contains("Ce que Fondation Bonduelle apporte profite à Producteurs bio locaux : « Recherche de "
                        + "financements », qui soutient « Ateliers de mise en bocaux »");
        String english = mvc.perform(get("/evaluations/{e}/actors", demo).param("lang", "en")
                .with(users.as("coope"))).andReturn().getResponse().getContentAsString();
        assertThat(english).contains("<h1>Actor map</h1>").contains("Partners — 5 stakeholders")
                .contains("What Fondation Bonduelle brings benefits Producteurs bio locaux");
        assertThat(mvc.perform(get("/evaluations/{e}", demo).with(users.as("coope"))).andReturn().getResponse()
                .getContentAsString()).contains("href=\"/evaluations/" + demo + "/actors\"");
        assertThat(mvc.perform(get("/evaluations/{e}/balance", demo).with(users.as("coope"))).andReturn()
                .getResponse().getContentAsString()).contains("href=\"/evaluations/" + demo + "/actors\"");
    }

    @Test
    void aComplementarityJoinsWhoBringsToWhoReceivesThroughTheChain() throws Exception {
        Api api = api();
        long school = api.id(api.call(post("/api/v1/evaluations/{e}/stakeholders", api.evaluation),
                "{\"name\":\"École Jean Moulin\",\"type\":\"COLLECTIVITE\",\"communityMember\":true}"));
        long parents = api.id(api.call(post("/api/v1/evaluations/{e}/stakeholders", api.evaluation),
                "{\"name\":\"Parents du quartier\",\"type\":\"HABITANTS\",\"communityMember\":false}"));
        long funder = api.id(api.call(post("/api/v1/evaluations/{e}/stakeholders", api.evaluation),
                "{\"name\":\"Fondation locale\",\"type\":\"FINANCEUR\"}"));
        long alone = api.id(api.call(post("/api/v1/evaluations/{e}/stakeholders", api.evaluation),
                "{\"name\":\"Bailleur social\",\"type\":\"ENTREPRISE\"}"));
        long homework = api.id(api.call(post("/api/v1/evaluations/{e}/elements", api.evaluation),
                "{\"kind\":\"ACTIVITY\",\"name\":\"Aide aux devoirs\",\"activityType\":\"PRIMARY\"}"));
        long funding = api.id(api.call(post("/api/v1/evaluations/{e}/elements", api.evaluation),
                "{\"kind\":\"ACTIVITY\",\"name\":\"Recherche de fonds\",\"activityType\":\"SUPPORT\","
                        + "\"supportCategory\":\"FINANCEMENT\"}"));
        assertThat(api.call(post("/api/v1/evaluations/{e}/links", api.evaluation),
                "{\"sourceId\":" + funding + ",\"targetId\":" + homework + "}").getStatus()).isEqualTo(201);
        api.id(api.call(post("/api/v1/evaluations/{e}/interactions", api.evaluation), "{\"stakeholderId\":" + school
                + ",\"activityId\":" + homework + ",\"cost\":\"Une salle de classe\",\"costQuantity\":40,"
                + "\"costUnit\":\"heures\",\"benefit\":\"Des élèves plus assidus\"}"));
        api.id(api.call(post("/api/v1/evaluations/{e}/interactions", api.evaluation), "{\"stakeholderId\":" + parents
                + ",\"activityId\":" + homework + ",\"cost\":\"Un goûter\",\"benefit\":\"Un soutien scolaire\","
                + "\"benefitQuantity\":30,\"benefitUnit\":\"séances\"}"));
        api.id(api.call(post("/api/v1/evaluations/{e}/interactions", api.evaluation), "{\"stakeholderId\":" + funder
                + ",\"activityId\":" + funding + ",\"cost\":\"Une subvention\",\"costValueEur\":5000,"
                + "\"benefit\":\"Un projet à valoriser\"}"));

        users.signIn(api.username);
        ActorMap map = maps.map(api.evaluation);
        assertThat(names(map, ActorRing.COMMUNITY)).containsExactly("École Jean Moulin");
        assertThat(names(map, ActorRing.PARTNERS)).containsExactly("Fondation locale", "Bailleur social");
        assertThat(names(map, ActorRing.TERRITORY)).containsExactly("Parents du quartier");
        assertThat(map.lines()).hasSize(3).extracting(line -> line.fromId() + (line.shared() ? "=" : line.oneWay()
                ? ">" : "~") + line.toId()).containsExactlyInAnyOrder(school + "=" + parents, funder + ">" + school,
                        funder + ">" + parents);
        assertThat(map.lines()).noneMatch(line -> line.fromId() == alone || line.toId() == alone);
        assertThat(maps.describe(map, java.util.Locale.FRENCH)).containsExactlyInAnyOrder(
                "École Jean Moulin et Parents du quartier agissent ensemble : « Aide aux devoirs »",
                "Ce que Fondation locale apporte profite à École Jean Moulin : « Recherche de fonds », qui soutient "
                        + "« Aide aux devoirs »",
                "Ce que Fondation locale apporte profite à Parents du quartier : « Recherche de fonds », qui soutient "
                        + "« Aide aux devoirs »");

        String svg = api.call(get("/api/v1/evaluations/{e}/actors.svg", api.evaluation), null).getContentAsString();
        Document document = parse(svg);
        NodeList lines = document.getElementsByTagName("line");
        long shared = 0;
        long support = 0;
        for (int i = 0; i < lines.getLength(); i++) {
            Element line = (Element) lines.item(i);
            if (line.getAttribute("class").equals("complementarity shared")) {
                shared++;
                assertThat(List.of(line.getAttribute("data-from"), line.getAttribute("data-to")))
                        .containsExactlyInAnyOrder("s" + school, "s" + parents);
            }
            if (line.getAttribute("class").equals("complementarity support")) {
                support++;
                assertThat(line.getAttribute("data-from")).isEqualTo("s" + funder);
                assertThat(line.getAttribute("marker-end")).isEqualTo("url(#arrow-actor)");
                assertThat(line.getAttribute("stroke-dasharray")).isNotEmpty();
            }
        }
        assertThat(shared).isEqualTo(1);
        assertThat(support).isEqualTo(2);
        assertThat(svg).contains("Apporte : 40" + NBSP + "heures").contains("Reçoit : 30" + NBSP + "séances")
                .contains("Apporte : 5" + THOUSANDS + "000" + NBSP + "€")
                .contains(">Même activité</text>").contains(">Par une activité de soutien</text>")
                .contains("data-ring=\"TERRITORY\"").contains("<a href=\"/evaluations/" + api.evaluation
                        + "/stakeholders/" + parents + "\"");
        assertThat(Pictures.safe(svg.replaceAll("</?a\\b[^>]*>", ""))).as("a report would accept it").isTrue();
    }

    @Test
    void theSvgParsesAndEscapesAHostileName() throws Exception {
        Api api = api();
        String hostile = "<script>alert(\"x\")</script> & 'Les Amis' " + "x".repeat(500);
        MockHttpServletResponse refused = api.call(post("/api/v1/evaluations/{e}/stakeholders", api.evaluation),
                "{\"name\":" + json.writeValueAsString(hostile) + ",\"type\":\"ASSOCIATION\"}");
        assertThat(refused.getStatus()).as("a name has at most 200 characters").isEqualTo(422);
        String name = hostile.substring(0, 200);
        long id = api.id(api.call(post("/api/v1/evaluations/{e}/stakeholders", api.evaluation),
                "{\"name\":" + json.writeValueAsString(name) + ",\"type\":\"ASSOCIATION\"}"));
        String svg = api.call(get("/api/v1/evaluations/{e}/actors.svg", api.evaluation), null).getContentAsString();
        assertThat(svg).doesNotContain("<script").contains("&lt;script&gt;").contains("&amp;").contains("&quot;")
                .contains("&#39;Les Amis&#39;");
        Document document = parse(svg);
        assertThat(document.getElementsByTagName("script").getLength()).isZero();
        Element actor = (Element) document.getElementsByTagName("g").item(indexOfActor(document, "s" + id));
        assertThat(actor.getElementsByTagName("title").item(0).getTextContent()).startsWith(name + " (Association)");
        NodeList texts = actor.getElementsByTagName("text");
        assertThat(texts.getLength()).as("three lines of the name, its type, what it brings and receives").isEqualTo(6);
        assertThat(texts.item(2).getTextContent()).endsWith("…");
        assertThat(Pictures.safe(svg.replaceAll("</?a\\b[^>]*>", ""))).isTrue();

        // the renderer alone, with a name of 500 characters as a file from elsewhere could hold
        String page = mvc.perform(get("/evaluations/{e}/actors", api.evaluation).with(users.as(api.username)))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).doesNotContain("<script>alert").contains("&lt;script&gt;alert");
        fr.maillon.chain.internal.ActorMapRenderer renderer = new fr.maillon.chain.internal.ActorMapRenderer();
        String drawn = renderer.render(List.of(new fr.maillon.chain.internal.ActorMapRenderer.ActorNode(1,
                ActorRing.TERRITORY, hostile, "<b>type</b>", "Apporte : <i>", "Reçoit : &", hostile, null)), List.of(),
                new fr.maillon.chain.internal.ActorMapRenderer.ActorLabels("<title>", Map.of(ActorRing.COMMUNITY, "a",
                        ActorRing.PARTNERS, "b", ActorRing.TERRITORY, "c"), "d", "e", "f & g", "none"));
        Document alone = parse(drawn);
        assertThat(alone.getElementsByTagName("title").item(1).getTextContent()).isEqualTo(hostile);
        assertThat(Pictures.safe(drawn)).isTrue();
    }

    @Test
    void theReportsChainAnnexHoldsTheMapOnThePageAndInThePdf() throws Exception {
        long report = jdbc.sql("SELECT min(id) FROM report WHERE title LIKE 'Dossier d''agrément%'").query(Long.class)
                .single();
        String page = mvc.perform(get("/reports/{id}", report).param("version", "0").with(users.as("coope")))
                .andReturn().getResponse().getContentAsString();
        String annex = page.substring(page.indexOf("id=\"section-CHAIN\""));
        assertThat(annex).contains("La carte des acteurs").contains("class=\"figure actor-map\"><svg ")
                .contains("Partenaires — 5 parties prenantes").doesNotContain("/stakeholders/");
        byte[] pdf = mvc.perform(get("/reports/{id}/report.pdf", report).with(users.as("coope"))).andReturn()
                .getResponse().getContentAsByteArray();
        String text = Normalizer.normalize(pdfText(pdf), Normalizer.Form.NFKC).replaceAll("\\s+", " ");
        String annexes = text.substring(text.lastIndexOf("Annexes"));
        assertThat(annexes).contains("La carte des acteurs").contains("Communauté d'action — 6 parties prenantes")
                .contains("Partenaires — 5 parties prenantes").contains("Fondation Bonduelle")
                .contains("Apporte : 20 000 €").contains("Complémentarités")
                .contains("Ce que Fondation Bonduelle apporte profite à Producteurs bio locaux");

        // a version kept before the map reads without it
        ObjectNode stored = (ObjectNode) json.readTree(jdbc.sql("SELECT content::text FROM report_version WHERE "
                + "report_id = :r AND version = 1").param("r", report).query(String.class).single());
        assertThat(stored.has("actorMap")).as("the finalised version keeps the map").isTrue();
        stored.remove("actorMap");
        ReportContent old = json.readValue(stored.toString(), ReportContent.class);
        assertThat(old.actorMap()).isNull();
        String oldText = pdfText(files.pdf(old, "http://localhost"));
        assertThat(oldText).contains("Annexes").doesNotContain("La carte des acteurs");
    }

    @Test
    void theMapOfAFinalisedVersionTravelsInTheExchangeFormat() throws Exception {
        String exported = mvc.perform(get("/api/v1/evaluations/{e}/export", demo).with(users.as("coope")))
                .andReturn().getResponse().getContentAsString();
        assertThat(exported).contains("\"actorMap\":{\"svg\":\"<svg ").contains("\"ring\":\"PARTNERS\"");
        Api api = api();
        MockHttpServletResponse imported = api.call(post("/api/v1/structures/{id}/evaluations/import",
                api.structure), exported);
        assertThat(imported.getStatus()).as(imported.getContentAsString()).isEqualTo(201);
        String hostile = exported.replaceFirst("\"actorMap\":\\{\"svg\":\"<svg ",
                "\"actorMap\":{\"svg\":\"<svg onload=\\\\\"alert(1)\\\\\" ");
        assertThat(hostile).isNotEqualTo(exported);
        MockHttpServletResponse refused = api.call(post("/api/v1/structures/{id}/evaluations/import",
                api.structure), hostile);
        assertThat(refused.getStatus()).isIn(400, 422);
        assertThat(refused.getContentAsString()).contains("content");
    }

    @Test
    void anotherStructureIsRefusedAndThoseItIsSharedWithReadTheStakeholdersPages() throws Exception {
        TestUsers.Created stranger = users.structureWithMember(Role.STRUCTURE_ADMIN);
        for (String path : List.of("/evaluations/{e}/actors", "/evaluations/{e}/actors.svg",
                "/api/v1/evaluations/{e}/actors.svg")) {
            int status = mvc.perform(get(path, demo).with(users.as(stranger.username()))).andReturn().getResponse()
                    .getStatus();
            assertThat(status).as(path).isIn(403, 404);
        }
        MockHttpServletResponse shared = mvc.perform(get("/evaluations/{e}/actors", demo)
                .with(users.as("federation26"))).andReturn().getResponse();
        assertThat(shared.getStatus()).isEqualTo(200);
        // since issue 18, those it is shared with read the stakeholders' pages (without their forms): the links lead there
        assertThat(shared.getContentAsString()).contains("Fondation Bonduelle").contains("/stakeholders/")
                .doesNotContain("/edit\"");
        String svg = mvc.perform(get("/evaluations/{e}/actors.svg", demo).with(users.as("federation26"))).andReturn()
                .getResponse().getContentAsString();
        assertThat(svg).contains("Fondation Bonduelle").contains("<a href=\"/evaluations/" + demo + "/stakeholders/");
        String members = mvc.perform(get("/evaluations/{e}/actors.svg", demo).with(users.as("coope"))).andReturn()
                .getResponse().getContentAsString();
        assertThat(members).contains("<a href=\"/evaluations/" + demo + "/stakeholders/");
    }

    @Test
    void anEvaluationWithoutStakeholdersSaysHowToStart() throws Exception {
        Api api = api();
        String page = mvc.perform(get("/evaluations/{e}/actors", api.evaluation).with(users.as(api.username)))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Aucune partie prenante pour l&#39;instant")
                .contains("Ajouter les parties prenantes").doesNotContain("<svg");
        String svg = api.call(get("/api/v1/evaluations/{e}/actors.svg", api.evaluation), null).getContentAsString();
        assertThat(parse(svg).getElementsByTagName("circle").getLength()).isEqualTo(3);
        assertThat(svg).contains("Aucune partie prenante dans ce cercle.");
    }

    // --- helpers -----------------------------------------------------------------------------

    private String figures(Actor actor, boolean brings) {
        StakeholderBalance balance = actor.balance();
        return brings ? maps.figures(balance.bringsAmounts(), balance.bringsEur(), java.util.Locale.FRENCH)
                : maps.figures(balance.getsAmounts(), balance.getsEur(), java.util.Locale.FRENCH);
    }

    private static List<String> names(ActorMap map, ActorRing ring) {
        return map.ring(ring).stream().map(actor -> actor.stakeholder().name()).toList();
    }

    private static Actor actor(ActorMap map, String name) {
        return map.actors().stream().filter(actor -> actor.stakeholder().name().equals(name)).findFirst().orElseThrow();
    }

    private static Stakeholder stakeholder(StakeholderType type, boolean member) {
        return new Stakeholder(1, 1, "x", type, member, null, null, null, null, 0, 0);
    }

    private static int indexOfActor(Document document, String dataId) {
        NodeList groups = document.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            if (dataId.equals(((Element) groups.item(i)).getAttribute("data-id"))) {
                return i;
            }
        }
        throw new AssertionError("no actor " + dataId);
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static String pdfText(byte[] pdf) throws Exception {
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(document);
        }
    }

    /** A new structure with an editor, her API token and an empty evaluation. */
    private Api api() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        // from her signed-in session: no password to check, so no other class's sign-in failures count
        String body = mvc.perform(post("/api/v1/tokens").with(users.as(editor.username())).with(csrf())
                .contentType("application/json").content("{\"label\":\"api\"}")).andReturn().getResponse()
                .getContentAsString();
        Api api = new Api(body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1"), editor.username());
        api.structure = editor.structureId();
        api.evaluation = api.id(api.call(post("/api/v1/structures/{id}/evaluations", editor.structureId()),
                "{\"title\":\"Carte\",\"scope\":\"PROJET_SOCIAL\",\"periodStart\":\"2024-01-01\","
                        + "\"periodEnd\":\"2024-12-31\"}"));
        return api;
    }

    private final class Api {

        final String token;
        final String username;
        long structure;
        long evaluation;

        Api(String token, String username) {
            this.token = token;
            this.username = username;
        }

        MockHttpServletResponse call(MockHttpServletRequestBuilder request, String body) throws Exception {
            request.header("Authorization", "Bearer " + token);
            if (body != null) {
                request.contentType("application/json").content(body);
            }
            return mvc.perform(request).andReturn().getResponse();
        }

        long id(MockHttpServletResponse response) throws Exception {
            assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
            return Long.parseLong(response.getContentAsString().replaceAll("\\D", ""));
        }
    }
}
