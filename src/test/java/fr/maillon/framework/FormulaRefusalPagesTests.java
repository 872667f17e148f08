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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Issue 16, helpful refusals: the indicator form suggests the fix of a formula and of a code. */
@SpringBootTest
@AutoConfigureMockMvc
class FormulaRefusalPagesTests {

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
                .param("scope", "PROJET_SOCIAL").param("periodStart", "2024-01-01").param("periodEnd", "2024-12-31"))
                .getRedirectedUrl();
        evaluation = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertThat(indicator("heures_benevoles", "Heures de bénévolat", "MANUAL", "").getRedirectedUrl()).isNotNull();
        assertThat(indicator("taux_horaire", "Taux horaire", "MANUAL", "").getRedirectedUrl()).isNotNull();
    }

    @Test
    void anXIsOfferedAsAStarAndTheCorrectedFormulaIsSavedInOneClick() throws Exception {
        MockHttpServletResponse refused = indicator("valorisation", "Valorisation", "FORMULA",
                "heures_benevoles x taux_horaire");
        assertThat(refused.getStatus()).isEqualTo(200);
        assertThat(refused.getContentAsString()).contains("La multiplication s&#39;écrit * (et non « x »).")
                .contains("Formule corrigée : heures_benevoles * taux_horaire")
                .contains("name=\"suggestedFormula\" value=\"heures_benevoles * taux_horaire\"")
                .contains("Utiliser : heures_benevoles * taux_horaire")
                .contains("value=\"heures_benevoles x taux_horaire\"");
        assertThat(formula("valorisation")).isZero();

        MockHttpServletResponse used = as(request("valorisation", "Valorisation", "FORMULA",
                "heures_benevoles x taux_horaire").param("suggestedFormula", "heures_benevoles * taux_horaire"));
        assertThat(used.getRedirectedUrl()).isEqualTo("/evaluations/" + evaluation + "/indicators");
        assertThat(jdbc.sql("SELECT formula FROM indicator WHERE evaluation_id = :e AND code = 'valorisation'")
                .param("e", evaluation).query(String.class).single()).isEqualTo("heures_benevoles * taux_horaire");
    }

    @Test
    void anUnknownCodeIsAnsweredWithTheClosestCodes() throws Exception {
        String refused = indicator("valorisation", "Valorisation", "FORMULA", "heures_benevole * taux_horair")
                .getContentAsString();
        assertThat(refused).contains("La formule cite des codes inconnus : heures_benevole, taux_horair.")
                .contains("« heures_benevole » n&#39;est pas un code de l&#39;évaluation ; le plus proche : heures_benevoles.")
                .contains("« taux_horair » n&#39;est pas un code de l&#39;évaluation ; le plus proche : taux_horaire.")
                .contains("Utiliser : heures_benevoles * taux_horaire");
        assertThat(formula("valorisation")).isZero();
    }

    @Test
    void anAccentedCodeIsRefusedNamingItsCharacterWithTheFoldedCode() throws Exception {
        MockHttpServletResponse refused = indicator("heures_bénévoles_2", "Heures", "MANUAL", "");
        assertThat(refused.getStatus()).isEqualTo(200);
        assertThat(refused.getContentAsString()).contains("Le caractère « é » (le 9e) n&#39;est pas permis dans un code")
                .contains("Proposition : heures_benevoles_2");
        assertThat(formula("heures_benevoles_2") + formula("heures_bénévoles_2")).isZero();
    }

    private long formula(String code) {
        return jdbc.sql("SELECT count(*) FROM indicator WHERE evaluation_id = :e AND code = :code")
                .param("e", evaluation).param("code", code).query(Long.class).single();
    }

    private MockHttpServletResponse indicator(String code, String name, String source, String formula) throws Exception {
        return as(request(code, name, source, formula));
    }

    private MockHttpServletRequestBuilder request(String code, String name, String source, String formula) {
        return post("/evaluations/{e}/indicators/new", evaluation).param("code", code).param("name", name)
                .param("measure", "COUNT").param("source", source).param("formula", formula)
                .param("frequency", "YEAR").param("aggregation", "SUM").param("direction", "INCREASE");
    }

    private MockHttpServletResponse as(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(users.as(editor.username())).with(csrf())).andReturn().getResponse();
    }
}
