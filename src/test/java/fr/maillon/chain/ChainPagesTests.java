package fr.maillon.chain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import fr.maillon.TestSessions;
import fr.maillon.TestUsers;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** A chain built through the pages: forms, rules shown in French, delete confirmation, diagram, balance. */
@SpringBootTest
@AutoConfigureMockMvc
class ChainPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    TestUsers.Created editor;
    long evaluation;

    @BeforeEach
    void setUp() throws Exception {
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        String location = as(post("/structures/{id}/evaluations/new", editor.structureId()).param("title", "Épicerie")
                .param("scope", "PROJET_SOCIAL").param("periodStart", "2024-01-01").param("periodEnd", "2024-12-31"))
                .getRedirectedUrl();
        evaluation = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void buildsAChainThroughTheFormsAndDrawsIt() throws Exception {
        assertThat(as(post("/evaluations/{e}/stakeholders/new", evaluation).param("name", "Habitants du quartier")
                .param("type", "HABITANTS").param("communityMember", "true")).getRedirectedUrl())
                .endsWith("#stakeholders");
        as(post("/evaluations/{e}/stakeholders/new", evaluation).param("name", "Mairie").param("type", "COLLECTIVITE"));
        long inhabitants = id("SELECT id FROM stakeholder WHERE name = 'Habitants du quartier'");
        long city = id("SELECT id FROM stakeholder WHERE name = 'Mairie'");

        long hours = element("RESOURCE", "Heures de bénévolat", "resourceKind", "VOLUNTEER_TIME", "quantity", "1 200,5",
                "unit", "heures", "providerId", String.valueOf(inhabitants));
        long board = element("ACTIVITY", "Conseil d'administration", "activityType", "SUPPORT", "supportCategory",
                "GOUVERNANCE");
        long shop = element("ACTIVITY", "Épicerie solidaire", "activityType", "PRIMARY");
        long baskets = element("OUTPUT", "Paniers distribués");
        long dignity = element("EFFECT", "Alimentation digne", "target", "HABITANTS");

        link(hours, shop);
        link(board, shop);
        link(shop, baskets);
        link(baskets, dignity);
        link(dignity, hours);
        String refused = as(post("/evaluations/{e}/links/new", evaluation).param("sourceId", String.valueOf(shop))
                .param("targetId", String.valueOf(board))).getContentAsString();
        assertThat(refused).contains("La méthode ne prévoit pas de lien");

        assertThat(as(post("/evaluations/{e}/interactions/new", evaluation)
                .param("stakeholderId", String.valueOf(city)).param("activityId", String.valueOf(shop))
                .param("cost", "Prêt du local").param("costValueEur", "3000").param("benefit", "Lien social")
                .param("benefitQuantity", "40").param("benefitUnit", "familles")).getRedirectedUrl())
                .endsWith("#interactions");

        String page = mvc.perform(get("/evaluations/{e}", evaluation).with(users.as(editor.username()))).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("Habitants du quartier").contains("Heures de bénévolat").contains("1\u202f200,5\u00a0heures")
                .contains("Conseil d&#39;administration").contains("Paniers distribués")
                .contains("Heures de bénévolat → Épicerie solidaire").contains("Prêt du local");

        String confirm = mvc.perform(get("/evaluations/{e}/elements/{id}/delete", evaluation, shop)
                .with(users.as(editor.username()))).andReturn().getResponse().getContentAsString();
        assertThat(confirm).contains("Ces 3 liens seront supprimés aussi").contains("Mairie — Épicerie solidaire");

        MockHttpServletResponse svg = mvc.perform(get("/evaluations/{e}/diagram.svg", evaluation)
                .with(users.as(editor.username()))).andReturn().getResponse();
        assertThat(svg.getContentType()).startsWith("image/svg+xml");
        String drawing = svg.getContentAsString();
        for (String name : new String[] { "Habitants du quartier", "Mairie", "Heures de bénévolat",
                "Conseil d&#39;administration", "Épicerie solidaire", "Paniers distribués", "Alimentation digne" }) {
            assertThat(drawing).contains("<title>" + name + "</title>");
        }
        assertThat(count(drawing, "class=\"regeneration\"")).isEqualTo(1);
        assertThat(count(drawing, "class=\"link\"")).isEqualTo(4);
        assertThat(count(drawing, "class=\"participation\"")).isEqualTo(1);
        assertThat(drawing).contains("/evaluations/" + evaluation + "/elements/" + shop + "/edit");

        String balance = spaces(mvc.perform(get("/evaluations/{e}/balance", evaluation)
                .with(users.as(editor.username()))).andReturn().getResponse().getContentAsString());
        assertThat(balance).contains("Prêt du local (Épicerie solidaire)").contains("40 familles")
                .contains("3 000 €").doesNotContain("3 000,00 €");
        String resources = spaces(mvc.perform(get("/evaluations/{e}/resources", evaluation)
                .with(users.as(editor.username()))).andReturn().getResponse().getContentAsString());
        assertThat(resources).contains("14 261,94 €");

        assertThat(as(post("/evaluations/{e}/elements/{id}/delete", evaluation, shop)).getRedirectedUrl())
                .isEqualTo("/evaluations/" + evaluation);
        assertThat(id("SELECT count(*) FROM chain_link WHERE evaluation_id = " + evaluation)).isEqualTo(2);
        assertThat(id("SELECT count(*) FROM interaction WHERE evaluation_id = " + evaluation)).isZero();
    }

    @Test
    void formsShowRulesInFrenchAndKeepWhatWasTyped() throws Exception {
        String page = as(post("/evaluations/{e}/elements/new", evaluation).param("kind", "RESOURCE")
                .param("name", "Local du centre").param("quantity", "12,5").param("unit", "")
                .param("valueEur", "-3")).getContentAsString();
        assertThat(page).contains("Choisissez la nature de la ressource.").contains("Indiquez l&#39;unité")
                .contains("Indiquez un nombre positif").contains("value=\"Local du centre\"").contains("value=\"12,5\"");
        String letters = as(post("/evaluations/{e}/elements/new", evaluation).param("kind", "RESOURCE")
                .param("name", "X").param("quantity", "beaucoup")).getContentAsString();
        assertThat(letters).contains("Nombre attendu, par exemple 12,50.");
        assertThat(id("SELECT count(*) FROM chain_element WHERE evaluation_id = " + evaluation)).isZero();
    }

    @Test
    void theWorkshopEntryAddsLinesAllOrNothing() throws Exception {
        String text = """
                P: Habitants du quartier #habitants #membre
                P: Mairie #collectivite
                R: Temps bénévole #bénévolat
                S: Coordination #gouvernance
                A: Ateliers cuisine
                O: Repas partagés
                E: Lien social #territoire
                // une remarque
                Temps bénévole -> Ateliers cuisine : les bénévoles animent
                Coordination -> Ateliers cuisine
                Ateliers cuisine -> Repas partagés
                Repas partagés -> Lien social
                Lien social -> Temps bénévole
                Habitants du quartier ~ Ateliers cuisine : du temps / des repas
                """;
        MvcResult posted = mvc.perform(post("/evaluations/{e}/workshop", evaluation).param("text", text)
                .with(users.as(editor.username())).with(csrf())).andReturn();
        MockHttpServletResponse done = posted.getResponse();
        assertThat(done.getRedirectedUrl()).isEqualTo("/evaluations/" + evaluation + "/workshop");
        assertThat(id("SELECT count(*) FROM chain_element WHERE evaluation_id = " + evaluation)).isEqualTo(5);
        assertThat(id("SELECT count(*) FROM chain_link WHERE evaluation_id = " + evaluation)).isEqualTo(5);
        assertThat(id("SELECT count(*) FROM interaction WHERE evaluation_id = " + evaluation)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT resource_kind FROM chain_element WHERE name = 'Temps bénévole' AND evaluation_id = "
                + evaluation).query(String.class).single()).isEqualTo("VOLUNTEER_TIME");
        String page = mvc.perform(get("/evaluations/{e}/workshop", evaluation)
                .with(TestSessions.with(TestSessions.cookie(posted)))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<title>Lien social</title>").contains("Ajout à la chaîne : 2 parties prenantes");

        String again = "A: Ateliers cuisine\nA: Jardin\nJardin -> Inconnu\nR: Local #cuisine\nQuelque chose\nJardin -> Lien social";
        MockHttpServletResponse refused = as(post("/evaluations/{e}/workshop", evaluation).param("text", again));
        assertThat(refused.getStatus()).isEqualTo(200);
        assertThat(refused.getContentAsString()).contains("Ligne 3 : « Inconnu » n&#39;est ni dans la chaîne")
                .contains("Ligne 4 : étiquette #cuisine inconnue pour une ressource").contains("Ligne 5 : ligne illisible")
                .contains("Jardin -&gt; Inconnu");
        assertThat(id("SELECT count(*) FROM chain_element WHERE evaluation_id = " + evaluation)).isEqualTo(5);

        String hostile = "~:".repeat(400) + "x\nO: Temps bénévole\n" + "z".repeat(1200);
        String answer = as(post("/evaluations/{e}/workshop", evaluation).param("text", hostile)).getContentAsString();
        assertThat(answer).contains("Ligne 1 : ligne illisible").contains("Ligne 2 : « Temps bénévole » existe déjà")
                .contains("Ligne 3 : ligne trop longue");
        String repeated = "Repas partagés -> Lien social\nRepas partagés -> Lien social\n"
                + "Habitants du quartier ~ Ateliers cuisine : du temps / des repas";
        assertThat(as(post("/evaluations/{e}/workshop", evaluation).param("text", repeated)).getRedirectedUrl())
                .isNotNull();
        assertThat(id("SELECT count(*) FROM interaction WHERE evaluation_id = " + evaluation)).isEqualTo(1);
    }

    @Test
    void aStructureFilesEffectsUnderItsOwnReferential() throws Exception {
        String empty = as(post("/structures/{id}/referentials", editor.structureId()).param("name", "")
                .param("dimensions", " ")).getContentAsString();
        assertThat(empty).contains("Le nom est obligatoire").contains("Indiquez de 1 à 50 dimensions");
        assertThat(as(post("/structures/{id}/referentials", editor.structureId()).param("name", "Nos priorités")
                .param("dimensions", "Vivre ensemble\nSanté et alimentation\n\nVivre ensemble")).getRedirectedUrl())
                .endsWith("/referentials");
        assertThat(as(post("/structures/{id}/referentials", editor.structureId()).param("name", "Nos priorités")
                .param("dimensions", "X")).getContentAsString()).contains("Un référentiel porte déjà ce nom.");
        long own = id("SELECT d.id FROM referential_dimension d JOIN referential r ON r.id = d.referential_id "
                + "WHERE r.structure_id = " + editor.structureId() + " AND d.label = 'Santé et alimentation'");
        element("EFFECT", "Mieux manger", "target", "HABITANTS", "dimensionId", String.valueOf(own));
        String export = mvc.perform(get("/api/v1/evaluations/{e}/export", evaluation).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsString();
        assertThat(export).contains("{\"referential\":\"nos_priorites\",\"code\":\"sante_et_alimentation\"}");
        assertThat(id("SELECT count(*) FROM referential_dimension d JOIN referential r ON r.id = d.referential_id "
                + "WHERE r.structure_id = " + editor.structureId())).isEqualTo(2);

        TestUsers.Created other = users.structureWithMember(Role.STRUCTURE_EDITOR);
        long foreignDimension = own;
        MockHttpServletResponse refused = mvc.perform(post("/evaluations/{e}/elements/new", evaluation)
                .with(users.as(editor.username())).with(csrf()).param("kind", "EFFECT").param("name", "X")
                .param("target", "HABITANTS").param("dimensionId", String.valueOf(foreignDimension + 100000)))
                .andReturn().getResponse();
        assertThat(refused.getContentAsString()).contains("Choisissez une dimension d&#39;un référentiel proposé.");
        assertThat(mvc.perform(get("/structures/{id}/referentials", editor.structureId())
                .with(users.as(other.username()))).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void othersCannotTouchTheChain() throws Exception {
        long output = element("OUTPUT", "Séances");
        TestUsers.Created outsider = users.structureWithMember(Role.STRUCTURE_ADMIN);
        String viewer = users.newUsername("viewer");
        users.addMember(editor.structureId(), users.newUser(viewer), Role.STRUCTURE_VIEWER);
        assertThat(mvc.perform(get("/evaluations/{e}/diagram", evaluation).with(users.as(viewer))).andReturn()
                .getResponse().getStatus()).isEqualTo(200);
        assertThat(mvc.perform(get("/evaluations/{e}/elements/{id}/edit", evaluation, output).with(users.as(viewer)))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        for (MockHttpServletRequestBuilder request : new MockHttpServletRequestBuilder[] {
                get("/evaluations/{e}/diagram.svg", evaluation), get("/evaluations/{e}/balance", evaluation),
                get("/evaluations/{e}/elements/{id}/edit", evaluation, output),
                post("/evaluations/{e}/elements/{id}/delete", evaluation, output).with(csrf()),
                post("/evaluations/{e}/stakeholders/new", evaluation).with(csrf()).param("name", "Intrus")
                        .param("type", "ETAT") }) {
            MockHttpServletResponse response = mvc.perform(request.with(users.as(outsider.username()))).andReturn()
                    .getResponse();
            assertThat(response.getStatus()).isEqualTo(404);
            assertThat(response.getContentAsString()).doesNotContain("Séances");
        }
        assertThat(id("SELECT count(*) FROM chain_element WHERE evaluation_id = " + evaluation)).isEqualTo(1);
        assertThat(id("SELECT count(*) FROM stakeholder WHERE evaluation_id = " + evaluation)).isZero();
    }

    private long element(String kind, String name, String... fields) throws Exception {
        MockHttpServletRequestBuilder request = post("/evaluations/{e}/elements/new", evaluation).param("kind", kind)
                .param("name", name);
        for (int i = 0; i < fields.length; i += 2) {
            request.param(fields[i], fields[i + 1]);
        }
        MockHttpServletResponse response = as(request);
        assertThat(response.getRedirectedUrl()).as(response.getContentAsString()).isNotNull();
        return id("SELECT max(id) FROM chain_element WHERE evaluation_id = " + evaluation);
    }

    private void link(long source, long target) throws Exception {
        assertThat(as(post("/evaluations/{e}/links/new", evaluation).param("sourceId", String.valueOf(source))
                .param("targetId", String.valueOf(target)).param("rationale", "parce que")).getRedirectedUrl())
                .endsWith("#links");
    }

    private MockHttpServletResponse as(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(users.as(editor.username())).with(csrf())).andReturn().getResponse();
    }

    private long id(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /** French number formats group digits with narrow no-break spaces. */
    private static String spaces(String text) {
        return text.replace('\u202f', ' ').replace('\u00a0', ' ');
    }

    private static int count(String text, String needle) {
        Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
