package fr.maillon.chain;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestUsers;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Issue 16, identity cards: each stakeholder has its page, reached from the lists of stakeholders. */
@SpringBootTest
@AutoConfigureMockMvc
class StakeholderPageTests {

    private static final String PRESENTATION = "Une trentaine de producteurs certifiés bio qui donnent leurs surplus";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    long evaluation;
    long producers;
    String page;

    @BeforeEach
    void demo() {
        evaluation = jdbc.sql("SELECT min(id) FROM evaluation WHERE title = 'Conserverie Mobile et Solidaire'")
                .query(Long.class).single();
        producers = jdbc.sql("SELECT id FROM stakeholder WHERE evaluation_id = :e AND name = 'Producteurs bio locaux'")
                .param("e", evaluation).query(Long.class).single();
        page = "/evaluations/" + evaluation + "/stakeholders/" + producers;
    }

    @Test
    void aStakeholdersPageShowsItsCardItsInteractionsAndItsResources() throws Exception {
        MockHttpServletResponse response = mvc.perform(get(page).with(users.as("coope"))).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        String html = response.getContentAsString();
        assertThat(html).contains("<h1>Producteurs bio locaux</h1>").contains("Fiche d&#39;identité")
                .contains(PRESENTATION).contains("Agriculture biologique de la Drôme des collines.")
                .contains("Contraintes").contains("Non renseigné").contains("communauté d&#39;action")
                .contains("Ses interactions").contains("Au total, ce qu&#39;elle apporte")
                .contains("href=\"" + page + "/edit\"").contains("Modifier la fiche");
        long interactions = jdbc.sql("SELECT count(*) FROM interaction WHERE stakeholder_id = :s")
                .param("s", producers).query(Long.class).single();
        assertThat(interactions).isPositive();
        assertThat(html.split("<th scope=\"row\">", -1)).as("one row per interaction").hasSize((int) interactions + 1);

        String english = mvc.perform(get(page).with(users.as("coope")).param("lang", "en")).andReturn().getResponse()
                .getContentAsString();
        assertThat(english).contains("Identity card").contains("Its interactions");
    }

    @Test
    void theListsOfStakeholdersLeadToTheirPages() throws Exception {
        String evaluationPage = mvc.perform(get("/evaluations/" + evaluation).with(users.as("coope"))).andReturn()
                .getResponse().getContentAsString();
        assertThat(evaluationPage).contains("<a href=\"" + page + "\">Producteurs bio locaux</a>")
                .contains("class=\"card-summary\">" + PRESENTATION);
        String balance = mvc.perform(get("/evaluations/" + evaluation + "/balance").with(users.as("coope")))
                .andReturn().getResponse().getContentAsString();
        assertThat(balance).contains("<a href=\"" + page + "\">Producteurs bio locaux</a>").contains(PRESENTATION);
        String resources = mvc.perform(get("/evaluations/" + evaluation + "/resources").with(users.as("coope")))
                .andReturn().getResponse().getContentAsString();
        assertThat(resources).containsPattern("<a href=\"/evaluations/" + evaluation + "/stakeholders/\\d+\">");
    }

    @Test
    void aViewerReadsTheCardWithoutEditing() throws Exception {
        long structure = jdbc.sql("SELECT structure_id FROM evaluation WHERE id = :e").param("e", evaluation)
                .query(Long.class).single();
        String viewer = users.newUsername("lectrice");
        users.addMember(structure, users.newUser(viewer), Role.STRUCTURE_VIEWER);
        String html = mvc.perform(get(page).with(users.as(viewer))).andReturn().getResponse().getContentAsString();
        assertThat(html).contains(PRESENTATION).doesNotContain("Modifier la fiche").doesNotContain(page + "/edit");
    }

    @Test
    void anotherStructureGets404AndThoseItIsSharedWithReadTheCardsWithoutForms() throws Exception {
        TestUsers.Created stranger = users.structureWithMember(Role.STRUCTURE_ADMIN);
        assertThat(mvc.perform(get(page).with(users.as(stranger.username()))).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        MockHttpServletResponse federation = mvc.perform(get(page).with(users.as("federation26"))).andReturn()
                .getResponse();
        assertThat(federation.getStatus()).as("since issue 18, the federation reads the card, without its forms")
                .isEqualTo(200);
        assertThat(federation.getContentAsString()).contains(PRESENTATION).doesNotContain("Modifier la fiche")
                .doesNotContain(page + "/edit");
        String shared = mvc.perform(get("/evaluations/" + evaluation).with(users.as("federation26"))).andReturn()
                .getResponse().getContentAsString();
        assertThat(shared).contains("Producteurs bio locaux").contains("href=\"" + page + "\"");

        String location = mvc.perform(post("/structures/{id}/evaluations/new", stranger.structureId())
                .with(users.as(stranger.username())).with(csrf()).param("title", "Épicerie").param("scope", "PROJET_SOCIAL")
                .param("periodStart", "2024-01-01").param("periodEnd", "2024-12-31")).andReturn().getResponse()
                .getRedirectedUrl();
        long strangers = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        mvc.perform(post("/evaluations/{id}/stakeholders/new", strangers).with(users.as(stranger.username()))
                .with(csrf()).param("name", "Mairie").param("type", "COLLECTIVITE")).andReturn();
        long other = jdbc.sql("SELECT id FROM stakeholder WHERE evaluation_id = :e").param("e", strangers)
                .query(Long.class).single();
        assertThat(mvc.perform(get("/evaluations/" + strangers + "/stakeholders/" + other)
                .with(users.as(stranger.username()))).andReturn().getResponse().getContentAsString())
                .as("a card left empty says so").contains("Non renseigné").contains("Aucune interaction pour l&#39;instant");
        assertThat(mvc.perform(get("/evaluations/" + evaluation + "/stakeholders/" + other).with(users.as("coope")))
                .andReturn().getResponse().getStatus()).as("a stakeholder of another evaluation").isEqualTo(404);
        assertThat(mvc.perform(get("/evaluations/" + evaluation + "/stakeholders/99999999").with(users.as("coope")))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
    }
}
