package fr.maillon.chain;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import fr.maillon.TestUsers;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Issue 16, helpful refusals of the chain: the workshop box numbers its lines and quotes a refused
 * one, points to the links the method draws and names the tags it accepts; a refused link says
 * which links its source allows and offers the nearest, down to an output created in one click.
 */
@SpringBootTest
@AutoConfigureMockMvc
class HelpfulRefusalsTests {

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
        String location = as(post("/structures/{id}/evaluations/new", editor.structureId()).param("title", "Quartier")
                .param("scope", "PROJET_SOCIAL").param("periodStart", "2024-01-01").param("periodEnd", "2024-12-31"))
                .getRedirectedUrl();
        evaluation = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void theWorkshopNumbersItsLinesQuotesTheRefusedOneAndLinksToTheAllowedLinks() throws Exception {
        String empty = as(get("/evaluations/{e}/workshop", evaluation)).getContentAsString();
        assertThat(empty).contains("id=\"text-gutter\"").contains("<span>1</span>").contains("<span>8</span>")
                .contains("id=\"allowed-links\"")
                .contains("D&#39;une activité de soutien vers une activité principale, une réalisation ou un effet.")
                .doesNotContain("href=\"#allowed-links\"");

        String text = "A: Crèche\nA: Épicerie solidaire\nCrèche -> Épicerie solidaire : les familles y vont";
        MockHttpServletResponse refused = as(post("/evaluations/{e}/workshop", evaluation).param("text", text));
        assertThat(refused.getStatus()).isEqualTo(200);
        assertThat(refused.getContentAsString())
                .contains("Ligne 3 : La méthode ne prévoit pas de lien « Crèche » → « Épicerie solidaire ». "
                        + "Liens possibles depuis « Crèche » : D&#39;une activité principale vers une réalisation ou un effet."
                        + " (ligne : « Crèche -&gt; Épicerie solidaire : les familles y vont »)")
                .contains("Ligne 3 : Deux activités principales ne se lient pas directement")
                .contains("<span class=\"refused\">3</span>")
                .contains("<a href=\"#allowed-links\">Voir les liens possibles</a>");
        assertThat(count("SELECT count(*) FROM chain_element WHERE evaluation_id = " + evaluation)).isZero();
    }

    @Test
    void anUnknownOrMissingStakeholderTagIsRefusedWithTheAcceptedTags() throws Exception {
        String page = as(get("/evaluations/{e}/workshop", evaluation)).getContentAsString();
        assertThat(page).contains("Les étiquettes acceptées")
                .contains("#etat #collectivite #association #entreprise #recherche #habitants #financeur #membre #communaute")
                .contains("#salarie #benevolat #financier #materiel #savoir #relation");

        String text = "P: Équipe salariée #membre\nP: Mairie #mairie\nR: Local #cuisine\nA: Jardin #potager";
        String refused = as(post("/evaluations/{e}/workshop", evaluation).param("text", text)).getContentAsString();
        assertThat(refused)
                .contains("Ligne 1 : indiquez le type de « Équipe salariée » par une étiquette : #etat, #collectivite, "
                        + "#association, #entreprise, #recherche, #habitants, #financeur ; ajoutez #membre si elle fait "
                        + "partie de la communauté d&#39;action.")
                .contains("Ligne 2 : étiquette #mairie inconnue pour une partie prenante ; étiquettes acceptées : "
                        + "#etat, #collectivite, #association, #entreprise, #recherche, #habitants, #financeur, #membre, "
                        + "#communaute.")
                .contains("Ligne 3 : étiquette #cuisine inconnue pour une ressource ; étiquettes acceptées : #salarie")
                .contains("Ligne 4 : une activité principale ne prend pas d&#39;étiquette (#potager).");
        assertThat(count("SELECT count(*) FROM stakeholder WHERE evaluation_id = " + evaluation)).isZero();

        assertThat(as(post("/evaluations/{e}/workshop", evaluation).param("text",
                "P: Équipe salariée #association #membre\nP: Voisins #habitants")).getRedirectedUrl()).isNotNull();
        assertThat(jdbc.sql("SELECT type || ' ' || community_member FROM stakeholder WHERE evaluation_id = :e ORDER BY type")
                .param("e", evaluation).query(String.class).list()).containsExactly("ASSOCIATION true", "HABITANTS false");
    }

    @Test
    void twoPrimaryActivitiesAreOfferedAnOutputOfTheSourceCreatedInOneClick() throws Exception {
        long creche = element("ACTIVITY", "Crèche", "activityType", "PRIMARY");
        long grocery = element("ACTIVITY", "Épicerie solidaire", "activityType", "PRIMARY");
        MockHttpServletResponse refused = as(post("/evaluations/{e}/links/new", evaluation)
                .param("sourceId", String.valueOf(creche)).param("targetId", String.valueOf(grocery)));
        assertThat(refused.getStatus()).isEqualTo(200);
        String page = refused.getContentAsString();
        assertThat(page).contains("La méthode ne prévoit pas de lien « Crèche » → « Épicerie solidaire ».")
                .contains("D&#39;une activité principale vers une réalisation ou un effet.")
                .contains("ce que « Crèche » fait pour « Épicerie solidaire » est une réalisation de « Crèche »")
                .contains("id=\"output-offer\"")
                .contains("value=\"Personnes orientées vers Épicerie solidaire\"")
                .contains("value=\"Ce que « Crèche » apporte à l&#39;activité « Épicerie solidaire »\"")
                .contains("<a href=\"#allowed-links\">Voir les liens possibles</a>").contains("id=\"allowed-links\"")
                .doesNotContain("id=\"reverse-offer\"");
        assertThat(count("SELECT count(*) FROM chain_link WHERE evaluation_id = " + evaluation)).isZero();

        MockHttpServletResponse created = as(post("/evaluations/{e}/links/new/output", evaluation)
                .param("sourceId", String.valueOf(creche)).param("targetId", String.valueOf(grocery))
                .param("name", "Familles orientées vers Épicerie solidaire")
                .param("rationale", "Ce que « Crèche » apporte à l'activité « Épicerie solidaire »"));
        long output = count("SELECT id FROM chain_element WHERE kind = 'OUTPUT' AND evaluation_id = " + evaluation);
        assertThat(created.getRedirectedUrl()).isEqualTo("/evaluations/" + evaluation + "#element-" + output);
        assertThat(jdbc.sql("SELECT name FROM chain_element WHERE id = :id").param("id", output).query(String.class)
                .single()).isEqualTo("Familles orientées vers Épicerie solidaire");
        assertThat(jdbc.sql("SELECT source_id || ' ' || target_id || ' ' || rationale FROM chain_link "
                + "WHERE evaluation_id = :e").param("e", evaluation).query(String.class).single())
                .isEqualTo(creche + " " + output + " Ce que « Crèche » apporte à l'activité « Épicerie solidaire »");

        String again = as(post("/evaluations/{e}/links/new/output", evaluation)
                .param("sourceId", String.valueOf(creche)).param("targetId", String.valueOf(grocery))
                .param("name", " ").param("rationale", "")).getContentAsString();
        assertThat(again).contains("id=\"output-offer\"").contains("id=\"offer-error\"");
        assertThat(count("SELECT count(*) FROM chain_element WHERE evaluation_id = " + evaluation)).isEqualTo(3);
    }

    @Test
    void otherRefusedPairsNameThePlaceToGoThroughOrOfferTheLinkReversed() throws Exception {
        long room = element("RESOURCE", "Local", "resourceKind", "MATERIAL");
        long workshop = element("ACTIVITY", "Ateliers", "activityType", "PRIMARY");
        long meals = element("OUTPUT", "Repas partagés");
        String through = as(post("/evaluations/{e}/links/new", evaluation).param("sourceId", String.valueOf(room))
                .param("targetId", String.valueOf(meals))).getContentAsString();
        assertThat(through).contains("D&#39;une ressource vers une activité (de soutien ou principale) qui l&#39;utilise.")
                .contains("Passez par une activité : « Local » → une activité → « Repas partagés ».")
                .doesNotContain("id=\"output-offer\"");

        String reversed = as(post("/evaluations/{e}/links/new", evaluation).param("sourceId", String.valueOf(meals))
                .param("targetId", String.valueOf(workshop)).param("rationale", "les repas")).getContentAsString();
        assertThat(reversed).contains("Dans la méthode, ce lien va dans l&#39;autre sens : « Ateliers » → « Repas partagés ».")
                .contains("id=\"reverse-offer\"").contains("Créer le lien « Ateliers » → « Repas partagés »");
        assertThat(as(post("/evaluations/{e}/links/new", evaluation).param("sourceId", String.valueOf(workshop))
                .param("targetId", String.valueOf(meals)).param("rationale", "les repas")).getRedirectedUrl())
                .endsWith("#links");
    }

    private long element(String kind, String name, String... fields) throws Exception {
        MockHttpServletRequestBuilder request = post("/evaluations/{e}/elements/new", evaluation).param("kind", kind)
                .param("name", name);
        for (int i = 0; i < fields.length; i += 2) {
            request.param(fields[i], fields[i + 1]);
        }
        assertThat(as(request).getRedirectedUrl()).isNotNull();
        return jdbc.sql("SELECT id FROM chain_element WHERE evaluation_id = :e AND name = :name")
                .param("e", evaluation).param("name", name).query(Long.class).single();
    }

    private MockHttpServletResponse as(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(users.as(editor.username())).with(csrf())).andReturn().getResponse();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
