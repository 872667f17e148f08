package fr.maillon.framework;

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

/** Objectives aimed at effects, questions under criteria, a structure's own criterion; nothing across structures. */
@SpringBootTest
@AutoConfigureMockMvc
class ObjectivePagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Test
    void objectivesAndQuestionsFrameTheEvaluation() throws Exception {
        long conserverie = jdbc.sql("SELECT min(id) FROM evaluation WHERE title = 'Conserverie Mobile et Solidaire'")
                .query(Long.class).single();
        long effect = jdbc.sql("SELECT id FROM chain_element WHERE evaluation_id = :e AND name LIKE 'Compétences%'")
                .param("e", conserverie).query(Long.class).single();
        assertThat(as("coope", post("/evaluations/{e}/objectives/new", conserverie).param("target", "HABITANTS")
                .param("title", "Renforcer le pouvoir d'agir des habitants").param("effectIds", String.valueOf(effect)))
                .getRedirectedUrl()).endsWith("/framework");
        long objective = jdbc.sql("SELECT id FROM objective WHERE evaluation_id = :e AND title LIKE 'Renforcer%'")
                .param("e", conserverie)
                .query(Long.class).single();
        String invalid = as("coope", post("/evaluations/{e}/objectives/new", conserverie).param("target", "HABITANTS")
                .param("title", "X").param("effectIds", "999999")).getContentAsString();
        assertThat(invalid).contains("Choisissez des effets de cette évaluation.");

        long efficacite = jdbc.sql("SELECT id FROM criterion WHERE code = 'efficacite' AND structure_id IS NULL")
                .query(Long.class).single();
        assertThat(as("coope", post("/evaluations/{e}/questions/new", conserverie)
                .param("criterionId", String.valueOf(efficacite))
                .param("text", "Les ateliers ont-ils renforcé les savoir-faire des participants ?")
                .param("objectiveIds", String.valueOf(objective))).getRedirectedUrl()).endsWith("#questions");
        as("coope", post("/evaluations/{e}/criteria", conserverie).param("label", "Coopération"));

        long question = jdbc.sql("SELECT id FROM evaluative_question WHERE evaluation_id = :e AND text LIKE 'Les ateliers ont-ils%'")
                .param("e", conserverie)
                .query(Long.class).single();
        long seances = jdbc.sql("SELECT id FROM indicator WHERE evaluation_id = :e AND code = 'seances'")
                .param("e", conserverie).query(Long.class).single();
        assertThat(as("coope", post("/evaluations/{e}/indicators/{i}/links", conserverie, seances)
                .param("questionIds", String.valueOf(question)).param("elementIds", String.valueOf(effect)))
                .getRedirectedUrl()).endsWith("/edit");
        assertThat(jdbc.sql("SELECT count(*) FROM indicator_question WHERE indicator_id = :i").param("i", seances)
                .query(Long.class).single()).isEqualTo(1);
        as("coope", post("/evaluations/{e}/indicators/{i}/links", conserverie, seances).param("questionIds", "987654"));
        assertThat(jdbc.sql("SELECT count(*) FROM indicator_question WHERE indicator_id = :i").param("i", seances)
                .query(Long.class).single()).as("a bad link changes nothing").isEqualTo(1);
        String edit = mvc.perform(get("/evaluations/{e}/indicators/{i}/edit", conserverie, seances)
                .with(users.as("coope"))).andReturn().getResponse().getContentAsString();
        assertThat(edit).contains("value=\"" + question + "\" checked=\"checked\"");

        String page = mvc.perform(get("/evaluations/{e}/framework", conserverie).with(users.as("coope"))).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("— 1 indicateur");
        assertThat(page).contains("Renforcer le pouvoir d&#39;agir des habitants")
                .contains("Compétences et pouvoir d&#39;agir des habitants")
                .contains("Les ateliers ont-ils renforcé les savoir-faire des participants ?").contains("Coopération")
                .contains("Pertinence").contains("Durabilité");
        String federation = mvc.perform(get("/evaluations/{e}/framework", conserverie).with(users.as("federation26")))
                .andReturn().getResponse().getContentAsString();
        assertThat(federation).contains("Renforcer le pouvoir").doesNotContain("/objectives/new");

        TestUsers.Created outsider = users.structureWithMember(Role.STRUCTURE_ADMIN);
        for (MockHttpServletRequestBuilder request : new MockHttpServletRequestBuilder[] {
                get("/evaluations/{e}/framework", conserverie),
                post("/evaluations/{e}/objectives/{o}/delete", conserverie, objective).with(csrf()),
                post("/evaluations/{e}/criteria", conserverie).with(csrf()).param("label", "Intrus") }) {
            assertThat(mvc.perform(request.with(users.as(outsider.username()))).andReturn().getResponse().getStatus())
                    .isEqualTo(404);
        }
        assertThat(mvc.perform(post("/evaluations/{e}/objectives/{o}/delete", conserverie, objective)
                .with(users.as("federation26")).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM objective WHERE id = :o").param("o", objective).query(Long.class)
                .single()).isEqualTo(1);
    }

    private MockHttpServletResponse as(String user, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(users.as(user)).with(csrf())).andReturn().getResponse();
    }
}
