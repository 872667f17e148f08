package fr.maillon.web;

import java.time.Duration;
import java.util.List;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, in Chromium on a 360 px phone, as the Drôme federation's delegate: the library from
 * the menu, the year's summary with figures, a box of La Coopération's shared diagram opened on its
 * read-only page, a comment left on the shared CAF report; La Coopération's director answers; the
 * federation reads the answer, and the report's trail shows both. axe-core on each new page: no
 * serious or critical violation.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class FederationJourneyBrowserTests {

    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ChromeDriver federation;
    ChromeDriver structure;

    @AfterEach
    void quit() {
        if (federation != null) {
            federation.quit();
        }
        if (structure != null) {
            structure.quit();
        }
    }

    @Test
    void theFederationReadsTheSharedEvaluationCommentsAndReadsTheAnswer() throws Exception {
        long evaluation = jdbc.sql("""
                SELECT e.id FROM evaluation e JOIN organisation o ON o.id = e.structure_id
                WHERE e.title = 'Conserverie Mobile et Solidaire' AND o.name = 'La Coopération'
                """).query(Long.class).single();
        long report = jdbc.sql("""
                SELECT min(r.id) FROM report r WHERE r.evaluation_id = :e
                AND EXISTS (SELECT 1 FROM report_version v WHERE v.report_id = r.id)
                """).param("e", evaluation).query(Long.class).single();

        federation = signIn("federation26");
        // the library, from the menu
        Browser.clickAndWait(federation, federation.findElement(By.linkText("Bibliothèque d'indicateurs")));
        assertThat(federation.getCurrentUrl()).matches(".*/organisations/\\d+/library");
        // the network's home, then its summary: it opens on a year with figures
        Browser.clickAndWait(federation, federation.findElement(
                By.linkText("Fédération des centres sociaux de la Drôme")));
        Browser.clickAndWait(federation, federation.findElement(By.linkText("Synthèse annuelle")));
        assertThat(federation.findElement(By.id("summary-years")).getText()).matches("(?s).*\\d{4}.*");
        String table = federation.findElement(By.id("summary")).getText();
        assertThat(table).containsPattern("\\d");
        assertThat(table.split("masqué", -1).length - 1).as("not every figure hidden")
                .isLessThan(federation.findElements(By.cssSelector("#summary tbody tr")).size());
        assertAccessible(federation, "summary");

        // a box of the shared diagram opens its read-only page
        federation.get(url("/evaluations/" + evaluation + "/diagram"));
        WebElement box = federation.findElement(By.cssSelector("svg a[href*='/elements/']"));
        String href = box.getAttribute("href");
        assertThat(href).doesNotContain("/edit");
        federation.executeScript("arguments[0].scrollIntoView({block: 'center'});"
                + "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, view: window}));",
                box);
        new WebDriverWait(federation, Duration.ofSeconds(20)).until(driver -> driver.getCurrentUrl()
                .matches(".*/evaluations/" + evaluation + "/elements/\\d+"));
        assertThat(federation.findElement(By.id("element-links")).getText()).isNotBlank();
        assertThat(federation.findElements(By.cssSelector("main form"))).isEmpty();
        assertAccessible(federation, "element");

        // a comment on the shared report, from its trail
        federation.get(url("/reports/" + report + "?version=1"));
        Browser.clickAndWait(federation, federation.findElement(By.id("annotations-link")));
        String comment = "Pouvez-vous joindre le compte rendu du comité de pilotage ?";
        // federation26 also runs the demo programme, which the Conserverie is shared with: she signs as the federation
        new Select(federation.findElement(By.id("annotation-organisation")))
                .selectByVisibleText("Fédération des centres sociaux de la Drôme");
        federation.findElement(By.id("annotation-text")).sendKeys(comment);
        Browser.clickAndWait(federation, federation.findElement(By.cssSelector("#new button[type=submit]")));
        assertThat(federation.findElement(By.id("annotations-list")).getText()).contains(comment);
        assertAccessible(federation, "annotations");

        // La Coopération answers
        structure = signIn("coope");
        structure.get(url("/evaluations/" + evaluation + "/annotations"));
        WebElement item = structure.findElements(By.cssSelector("#annotations-list li.annotation")).stream()
                .filter(candidate -> candidate.getText().contains(comment)).findFirst().orElseThrow();
        String answer = "Il sera joint au dossier la semaine prochaine.";
        item.findElement(By.tagName("textarea")).sendKeys(answer);
        Browser.clickAndWait(structure, item.findElement(By.cssSelector("button[type=submit]")));
        assertAccessible(structure, "annotations (structure)");

        // the federation reads the answer, and the report's trail holds both
        federation.get(url("/evaluations/" + evaluation + "/annotations"));
        assertThat(federation.findElement(By.id("annotations-list")).getText()).contains(comment).contains(answer);
        federation.get(url("/reports/" + report + "?version=1"));
        assertThat(federation.findElement(By.id("annotations")).getText()).contains(comment).contains(answer)
                .contains("Fédération des centres sociaux de la Drôme");
        assertAccessible(federation, "report trail");
        structure.get(url("/reports/" + report + "?version=1"));
        assertThat(structure.findElement(By.id("annotations")).getText()).contains(comment).contains(answer);
    }

    private ChromeDriver signIn(String username) throws Exception {
        ChromeDriver driver = Browser.start(360, 740);
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys("maillon-demo");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
        return driver;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void assertAccessible(ChromeDriver driver, String page) {
        long overflow = (Long) driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("horizontal overflow on " + page).isLessThanOrEqualTo(0);
        Results results = new AxeBuilder().withTags(WCAG).analyze(driver);
        assertThat(results.getPasses()).as("axe ran its checks on " + page).isNotEmpty();
        assertThat(results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(rule -> rule.getId() + " (" + rule.getImpact() + "): "
                        + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList()).toList())
                .as("serious or critical axe violations on " + page).isEmpty();
    }
}
