package fr.maillon.framework;

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

/** Indicators, the grid and the results through the pages. */
@SpringBootTest
@AutoConfigureMockMvc
class FrameworkPagesTests {

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
        String location = as(post("/structures/{id}/evaluations/new", editor.structureId()).param("title", "Cadre")
                .param("scope", "PROJET_SOCIAL").param("periodStart", "2018-01-01").param("periodEnd", "2020-12-31"))
                .getRedirectedUrl();
        evaluation = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void indicatorsAreEnteredInTheGridAndComputedInTheResults() throws Exception {
        indicator("participants", "Participants", "COUNT", "MANUAL", "");
        indicator("participants_qpv", "Participants des QPV", "COUNT", "MANUAL", "");
        indicator("share_qpv", "Part des QPV", "PERCENTAGE", "FORMULA", "participants_qpv / participants * 100");
        String cyclic = as(post("/evaluations/{e}/indicators/new", evaluation).param("code", "a").param("name", "A")
                .param("measure", "COUNT").param("source", "FORMULA").param("formula", "a + 1")).getContentAsString();
        assertThat(cyclic).contains("La formule tourne en rond : a → a.");

        long participants = id("participants");
        long qpv = id("participants_qpv");
        MockHttpServletResponse refused = as(post("/evaluations/{e}/data", evaluation)
                .param("cell_" + participants + "_2018", "80").param("cell_" + participants + "_2019", "beaucoup")
                .param("cell_" + qpv + "_2018", "-3"));
        assertThat(refused.getStatus()).isEqualTo(200);
        assertThat(refused.getContentAsString()).contains("2 cellules sont refusées")
                .contains("Participants, 2019 : nombre attendu").contains("Participants des QPV, 2018 : valeur hors des limites")
                .contains("value=\"beaucoup\"");
        assertThat(jdbc.sql("SELECT count(*) FROM data_value WHERE evaluation_id = :e").param("e", evaluation)
                .query(Long.class).single()).isZero();

        assertThat(as(post("/evaluations/{e}/data", evaluation).param("cell_" + participants + "_2018", "80")
                .param("cell_" + participants + "_2019", "0").param("cell_" + qpv + "_2018", "52")
                .param("cell_" + qpv + "_2019", "0")).getRedirectedUrl()).contains("/data?frequency=YEAR");
        String results = mvc.perform(get("/evaluations/{e}/results", evaluation).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsString();
        assertThat(results).contains("Part des QPV").contains("<span>65\u00a0%</span>")
                .contains("Moyenne depuis le début")
                .contains("pas de valeur : division par zéro").contains("pas de donnée");
        String grid = mvc.perform(get("/evaluations/{e}/data", evaluation).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsString();
        assertThat(grid).contains("value=\"80\"").doesNotContain("Part des QPV");
    }

    @Test
    void othersCannotReachTheFramework() throws Exception {
        indicator("sessions", "Séances", "COUNT", "MANUAL", "");
        TestUsers.Created outsider = users.structureWithMember(Role.STRUCTURE_ADMIN);
        for (String path : new String[] { "/evaluations/{e}/indicators", "/evaluations/{e}/data",
                "/evaluations/{e}/results" }) {
            assertThat(mvc.perform(get(path, evaluation).with(users.as(outsider.username()))).andReturn().getResponse()
                    .getStatus()).isEqualTo(404);
        }
        assertThat(mvc.perform(post("/evaluations/{e}/data", evaluation).with(users.as(outsider.username()))
                .with(csrf()).param("cell_" + id("sessions") + "_2018", "5")).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM data_value WHERE evaluation_id = :e").param("e", evaluation)
                .query(Long.class).single()).isZero();
    }

    private void indicator(String code, String name, String measure, String source, String formula) throws Exception {
        MockHttpServletResponse response = as(post("/evaluations/{e}/indicators/new", evaluation).param("code", code)
                .param("name", name).param("measure", measure).param("source", source).param("formula", formula)
                .param("frequency", "YEAR").param("aggregation", "SUM").param("direction", "INCREASE"));
        assertThat(response.getRedirectedUrl()).as(response.getContentAsString()).isNotNull();
    }

    private long id(String code) {
        return jdbc.sql("SELECT id FROM indicator WHERE evaluation_id = :e AND code = :code").param("e", evaluation)
                .param("code", code).query(Long.class).single();
    }

    private MockHttpServletResponse as(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(users.as(editor.username())).with(csrf())).andReturn().getResponse();
    }
}
