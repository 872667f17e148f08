package fr.maillon.web;

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

import fr.maillon.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Issue 18, point 3: the federation opens every box of a shared diagram on a read-only page, finds
 * its library in the menu, and its summary opens on the latest year with figures.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ReaderPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    long evaluation;
    long federation;

    @BeforeEach
    void demo() {
        evaluation = jdbc.sql("""
                SELECT e.id FROM evaluation e JOIN organisation o ON o.id = e.structure_id
                WHERE e.title = 'Conserverie Mobile et Solidaire' AND o.name = 'La Coopération'
                """).query(Long.class).single();
        federation = jdbc.sql("SELECT id FROM organisation WHERE name = 'Fédération des centres sociaux de la Drôme'")
                .query(Long.class).single();
    }

    @Test
    void theDiagramsBoxesLeadReadersToReadOnlyPagesAndEditorsToTheirForms() throws Exception {
        String svg = page("/evaluations/" + evaluation + "/diagram", "federation26");
        assertThat(svg).doesNotContain("/edit\"");
        Matcher element = Pattern.compile("href=\"(/evaluations/" + evaluation + "/elements/\\d+)\"").matcher(svg);
        assertThat(element.find()).isTrue();
        Matcher stakeholder = Pattern.compile("href=\"(/evaluations/" + evaluation + "/stakeholders/\\d+)\"")
                .matcher(svg);
        assertThat(stakeholder.find()).isTrue();

        String read = page(element.group(1), "federation26");
        assertThat(read).contains("Liens dans la chaîne").contains("Indicateurs rattachés")
                .doesNotContain("<form method=\"post\"").doesNotContain("<textarea").doesNotContain("id=\"element-edit\"");
        assertThat(page(stakeholder.group(1), "federation26")).contains("Fiche d&#39;identité")
                .doesNotContain("Modifier la fiche");
        assertThat(page(element.group(1), "caf26")).contains("Liens dans la chaîne");

        assertThat(page("/evaluations/" + evaluation + "/diagram", "coope")).contains("/elements/")
                .contains("/edit\"");
        assertThat(page(element.group(1), "coope")).contains("id=\"element-edit\"");

        TestUsers.Created stranger = users.structureWithMember(fr.maillon.organisation.Role.STRUCTURE_ADMIN);
        assertThat(mvc.perform(get(element.group(1)).with(users.as(stranger.username()))).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
    }

    @Test
    void theFederationsMenuLeadsToItsLibraryAndTheCafsDoesNot() throws Exception {
        assertThat(page("/", "federation26")).contains("href=\"/organisations/" + federation + "/library\"")
                .contains("Bibliothèque d&#39;indicateurs");
        assertThat(page("/organisations/" + federation + "/library", "federation26")).contains("Bibliothèque");
        assertThat(page("/", "caf26")).doesNotContain("/library\"");
    }

    @Test
    void theSummaryOpensOnTheLatestYearWithFiguresAndLinksTheOtherYears() throws Exception {
        String home = page("/networks/" + federation, "federation26");
        Matcher year = Pattern.compile("/networks/" + federation + "/summary\\?year=(\\d{4})").matcher(home);
        assertThat(year.find()).isTrue();
        String summary = page("/networks/" + federation + "/summary", "federation26");
        assertThat(summary).contains("Synthèse annuelle " + year.group(1)).contains("id=\"summary-years\"")
                .contains("aria-current=\"page\">" + year.group(1) + "<");
        String table = summary.substring(summary.indexOf("<table id=\"summary\""));
        assertThat(table).containsPattern("<td[^>]*>\\s*\\d");
        int masked = table.split("masqué", -1).length - 1;
        int rows = table.split("<tr", -1).length - 2;
        assertThat(masked).as("not every figure is hidden").isLessThan(rows);
        assertThat(page("/api/v1/networks/" + federation + "/summary", "federation26"))
                .contains("\"year\":" + year.group(1));
    }

    private String page(String url, String username) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(url).with(users.as(username))).andReturn().getResponse();
        assertThat(response.getStatus()).as(url).isEqualTo(200);
        return response.getContentAsString();
    }
}
