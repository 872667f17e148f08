package fr.maillon.web;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import fr.maillon.TestSessions;
import fr.maillon.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Two small forms that answer with a redirect keep what was typed when it is refused: a reviewer's
 * name and date on a report, and a comment on an indicator's value. Nothing is written.
 */
@SpringBootTest
@AutoConfigureMockMvc
class RefusedTextKeptTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRefusedReviewerInvitationShowsItsNameAndDateAgain() throws Exception {
        long report = jdbc.sql("SELECT min(id) FROM report WHERE title LIKE 'Dossier d''agrément%'").query(Long.class)
                .single();
        int before = reviewers(report);
        MvcResult refused = mvc.perform(post("/reports/{id}/reviewers", report).with(users.as("coope")).with(csrf())
                .param("name", "Comité des habitants").param("expiresOn", "2001-01-01")).andReturn();
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/reports/" + report + "#review");
        assertThat(reviewers(report)).isEqualTo(before);
        String page = mvc.perform(get("/reports/{id}", report).with(TestSessions.with(TestSessions.cookie(refused))))
                .andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("id=\"reviewer-name\" name=\"name\" maxlength=\"120\" value=\"Comité des habitants\"")
                .contains("value=\"2001-01-01\"");
    }

    @Test
    void aRefusedCommentShowsAgainOnItsLine() throws Exception {
        Map<String, Object> line = jdbc.sql("""
                SELECT v.evaluation_id, v.indicator_id, v.period, v.category FROM data_value v
                JOIN evaluation e ON e.id = v.evaluation_id
                WHERE e.title = 'Conserverie Mobile et Solidaire' ORDER BY v.id LIMIT 1
                """).query().singleRow();
        String values = "/evaluations/" + line.get("evaluation_id") + "/indicators/" + line.get("indicator_id")
                + "/values";
        String tooLong = "Compté à l'assemblée générale. ".repeat(40);
        MvcResult refused = mvc.perform(post(values + "/comment").with(users.as("coope")).with(csrf())
                .param("period", (String) line.get("period")).param("category", (String) line.get("category"))
                .param("comment", tooLong)).andReturn();
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo(values);
        assertThat(jdbc.sql("SELECT count(*) FROM data_value WHERE comment = :c").param("c", tooLong.strip())
                .query(Integer.class).single()).isZero();
        String page = mvc.perform(get(values).with(TestSessions.with(TestSessions.cookie(refused)))).andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Compté à l&#39;assemblée générale. Compté à l&#39;assemblée générale.");
    }

    private int reviewers(long report) {
        return jdbc.sql("SELECT count(*) FROM report_reviewer WHERE report_id = :id").param("id", report)
                .query(Integer.class).single();
    }
}
