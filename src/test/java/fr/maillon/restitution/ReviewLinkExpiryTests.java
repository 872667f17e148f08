package fr.maillon.restitution;

import java.time.Clock;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestUsers;
import fr.maillon.account.Secrets;
import fr.maillon.web.RuleViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A review link lasts until a day chosen when it is made (30 days by default), which the structure
 * sees; past it, the link shows a French page saying so (410) and takes no opinion.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ReviewLinkExpiryTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    ReportService reports;

    @Autowired
    ReviewService reviews;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aReviewLinkExpiresOnItsChosenDayAndThenTakesNoOpinion() throws Exception {
        long report = draft();
        LocalDate today = LocalDate.now(clock);
        String link = mvc.perform(post("/reports/{id}/reviewers", report).param("name", "Une partenaire")
                .param("expiresOn", today.plusDays(3).toString()).with(users.as("coope")).with(csrf())).andReturn()
                .getFlashMap().get("newLink").toString();
        String token = link.substring(link.lastIndexOf('/') + 1);
        assertThat(expiry(token)).isEqualTo(today.plusDays(3));
        // the structure sees until when
        assertThat(mvc.perform(get("/reports/{id}", report).with(users.as("coope"))).andReturn().getResponse()
                .getContentAsString()).contains("lien valable jusqu&#39;au " + String.format("%02d/%02d/%d",
                        today.plusDays(3).getDayOfMonth(), today.plusDays(3).getMonthValue(), today.plusDays(3).getYear()));
        assertThat(mvc.perform(get("/review/{t}", token)).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(mvc.perform(post("/review/{t}", token).param("section", "CONTEXT").param("opinion", "AGREE"))
                .andReturn().getResponse().getStatus()).isEqualTo(302);

        // its last day past
        jdbc.sql("UPDATE report_reviewer SET expires_on = :day WHERE token_hash = :hash")
                .param("day", java.sql.Date.valueOf(today.minusDays(1))).param("hash", Secrets.sha256(token)).update();
        assertThat(expiry(token)).isEqualTo(today.minusDays(1));
        MockHttpServletResponse expired = mvc.perform(get("/review/{t}", token)).andReturn().getResponse();
        assertThat(expired.getStatus()).isEqualTo(410);
        assertThat(expired.getContentAsString()).contains("Ce lien de relecture a expiré").doesNotContain("Une partenaire");
        long comments = comments(report);
        MockHttpServletResponse refused = mvc.perform(post("/review/{t}", token).param("section", "CONTEXT")
                .param("opinion", "COMMENT").param("text", "Trop tard")).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(410);
        assertThat(comments(report)).isEqualTo(comments);
        assertThat(mvc.perform(get("/reports/{id}", report).with(users.as("coope"))).andReturn().getResponse()
                .getContentAsString()).contains("lien expiré");
    }

    @Test
    void aReviewLinkLastsThirtyDaysByDefaultAndNoLongerThanAYear() {
        long report = draft();
        users.signIn("coope");
        String token = reviews.invite(report, "Par défaut");
        assertThat(expiry(token)).isEqualTo(LocalDate.now(clock).plusDays(30));
        for (LocalDate wrong : new LocalDate[] { LocalDate.now(clock).minusDays(1), LocalDate.now(clock).plusYears(2) }) {
            assertThatThrownBy(() -> reviews.invite(report, "Hors limites", wrong))
                    .isInstanceOfSatisfying(RuleViolationException.class, ex -> assertThat(ex.violations().get(0)
                            .code()).isEqualTo("restitution.review.expiry"));
        }
    }

    private long draft() {
        users.signIn("coope");
        long conserverie = jdbc.sql("SELECT min(id) FROM evaluation WHERE title = 'Conserverie Mobile et Solidaire'")
                .query(Long.class).single();
        long report = reports.create(conserverie, ReportAudience.ASSEMBLEE, "Relecture à durée limitée");
        SecurityContextHolder.clearContext();
        return report;
    }

    private LocalDate expiry(String token) {
        return jdbc.sql("SELECT expires_on FROM report_reviewer WHERE token_hash = :hash")
                .param("hash", Secrets.sha256(token)).query(LocalDate.class).single();
    }

    private long comments(long report) {
        return jdbc.sql("SELECT count(*) FROM review_comment WHERE report_id = :r").param("r", report)
                .query(Long.class).single();
    }
}
