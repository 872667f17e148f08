package fr.maillon.framework;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

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
}
