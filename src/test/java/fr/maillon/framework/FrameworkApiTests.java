package fr.maillon.framework;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import fr.maillon.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/** The stable results call, and values through the API with refused cells at their place. */
@SpringBootTest
@AutoConfigureMockMvc
class FrameworkApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDemoResultsAndValuesThroughTheApi() throws Exception {
        long conserverie = jdbc.sql("SELECT min(id) FROM evaluation WHERE title = 'Conserverie Mobile et Solidaire'")
                .query(Long.class).single();
        String results = mvc.perform(get("/api/v1/evaluations/{id}/results", conserverie).with(users.as("coope")))
                .andReturn().getResponse().getContentAsString();
        assertThat(results).contains("\"code\":\"valeur_benevolat\"").contains("\"value\":8892")
                .contains("\"percentOfTarget\":100").contains("\"formula\":\"heures_benevoles * taux_horaire\"")
                .doesNotContain("E+");
        assertThat(mvc.perform(get("/api/v1/evaluations/{id}/results", conserverie).param("frequency", "QUARTER")
                .with(users.as("coope"))).andReturn().getResponse().getContentAsString())
                .contains("\"reason\":\"NO_DATA\"");
        assertThat(mvc.perform(get("/api/v1/evaluations/{id}/results", conserverie).with(users.as("federation26")))
                .andReturn().getResponse().getStatus()).isEqualTo(200);

        long seances = jdbc.sql("SELECT id FROM indicator WHERE evaluation_id = :e AND code = 'seances'")
                .param("e", conserverie).query(Long.class).single();
        MockHttpServletResponse refused = mvc.perform(put("/api/v1/evaluations/{id}/values", conserverie)
                .with(users.as("coope")).with(org.springframework.security.test.web.servlet.request
                        .SecurityMockMvcRequestPostProcessors.csrf())
                .contentType("application/json").content("[{\"indicatorId\":" + seances
                        + ",\"period\":\"2019\",\"value\":\"33\"},{\"indicatorId\":" + seances
                        + ",\"period\":\"2019Q2\",\"value\":\"trente\"}]")).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(refused.getContentAsString()).contains("\"path\":\"$[1].value\"").contains("nombre attendu");
        assertThat(mvc.perform(put("/api/v1/evaluations/{id}/values", conserverie).with(users.as("federation26"))
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .contentType("application/json").content("[]")).andReturn().getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void theWholeFrameworkThroughTheApiAndNotAcrossStructures() throws Exception {
        TestUsers.Created editor = users.structureWithMember(fr.maillon.organisation.Role.STRUCTURE_EDITOR);
        TestUsers.Created stranger = users.structureWithMember(fr.maillon.organisation.Role.STRUCTURE_ADMIN);
        String location = send(post("/api/v1/structures/{id}/evaluations", editor.structureId()), editor,
                "{\"title\":\"Projet\",\"scope\":\"PROJET_SOCIAL\",\"periodStart\":\"2022-01-01\","
                        + "\"periodEnd\":\"2025-12-31\"}").getHeader("Location");
        long evaluation = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        String base = "/api/v1/evaluations/" + evaluation;

        String objective = send(post(base + "/objectives"), editor,
                "{\"target\":\"HABITANTS\",\"title\":\"Rompre l'isolement\"}").getContentAsString();
        long objectiveId = Long.parseLong(objective.replaceAll("\\D", ""));
        String overview = mvc.perform(get(base + "/framework").with(users.as(editor.username()))).andReturn()
                .getResponse().getContentAsString();
        long efficacite = jdbc.sql("SELECT id FROM criterion WHERE structure_id IS NULL AND code = 'efficacite'")
                .query(Long.class).single();
        assertThat(overview).contains("Rompre l'isolement").contains("\"code\":\"efficacite\"");
        MockHttpServletResponse question = send(post(base + "/questions"), editor, "{\"criterionId\":" + efficacite
                + ",\"text\":\"Les personnes isolées viennent-elles ?\",\"objectiveIds\":[" + objectiveId + "]}");
        assertThat(question.getStatus()).isEqualTo(201);
        assertThat(send(post(base + "/questions"), editor, "{\"criterionId\":" + efficacite + ",\"text\":\"\"}")
                .getContentAsString()).contains("$.text");

        String libraries = mvc.perform(get(base + "/libraries").with(users.as(editor.username()))).andReturn()
                .getResponse().getContentAsString();
        assertThat(libraries).contains("\"code\":\"socle\"").contains("\"code\":\"caf\"");
        long benevoles = jdbc.sql("""
                SELECT entry.id FROM library_indicator entry JOIN indicator_library library ON library.id = entry.library_id
                WHERE library.organisation_id IS NULL AND library.code = 'socle' AND entry.code = 'benevoles'
                """).query(Long.class).single();
        assertThat(send(post(base + "/libraries/copy"), editor, "{\"entryIds\":[" + benevoles + "]}")
                .getContentAsString()).contains("\"added\":[\"Bénévoles actifs\"]");
        long copied = jdbc.sql("SELECT id FROM indicator WHERE evaluation_id = :e AND code = 'benevoles'")
                .param("e", evaluation).query(Long.class).single();
        assertThat(send(put(base + "/values"), editor, "[{\"indicatorId\":" + copied + ",\"period\":\"2022\","
                + "\"category\":\"Femmes\",\"value\":\"7\",\"comment\":\"Compté à l'AG\"},{\"indicatorId\":" + copied
                + ",\"period\":\"2022\",\"category\":\"Hommes\",\"value\":\"5\"}]").getStatus()).isEqualTo(200);
        assertThat(mvc.perform(get(base + "/values").with(users.as(editor.username()))).andReturn().getResponse()
                .getContentAsString()).contains("\"category\":\"\",\"value\":12").contains("Compté à l'AG")
                .contains("\"source\":\"MANUAL\"");
        assertThat(send(post(base + "/periods"), editor, "{\"label\":\"Saison\",\"start\":\"2022-09-01\","
                + "\"end\":\"2023-06-30\"}").getStatus()).isEqualTo(201);
        assertThat(send(post(base + "/periods"), editor, "{\"label\":\"Trop tard\",\"start\":\"2025-09-01\","
                + "\"end\":\"2026-06-30\"}").getContentAsString()).contains("$.end");
        assertThat(send(post(base + "/disaggregations"), editor, "{\"name\":\"Quartier\",\"categories\":"
                + "[\"Centre\",\"Les Balmes\"]}").getStatus()).isEqualTo(201);
        assertThat(mvc.perform(get(base + "/results/renewal").with(users.as(editor.username()))).andReturn()
                .getResponse().getStatus()).isEqualTo(200);

        // another structure's admin neither reads nor writes any of it
        for (String path : List.of("/framework", "/values", "/libraries", "/periods", "/disaggregations",
                "/results/renewal")) {
            assertThat(mvc.perform(get(base + path).with(users.as(stranger.username()))).andReturn().getResponse()
                    .getStatus()).as(path).isEqualTo(404);
        }
        assertThat(send(post(base + "/objectives"), stranger, "{\"target\":\"HABITANTS\",\"title\":\"Intrus\"}")
                .getStatus()).isEqualTo(404);
        assertThat(send(post(base + "/libraries/copy"), stranger, "{\"entryIds\":[" + benevoles + "]}").getStatus())
                .isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM objective WHERE evaluation_id = :e").param("e", evaluation)
                .query(Long.class).single()).isEqualTo(1);
    }

    private MockHttpServletResponse send(MockHttpServletRequestBuilder request, TestUsers.Created user, String json)
            throws Exception {
        return mvc.perform(request.with(users.as(user.username())).with(csrf()).contentType("application/json")
                .content(json)).andReturn().getResponse();
    }
}
