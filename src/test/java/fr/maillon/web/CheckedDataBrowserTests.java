package fr.maillon.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import fr.maillon.TestUsers;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.IndicatorDraft;
import fr.maillon.framework.LibraryService;
import fr.maillon.framework.Measure;

import static org.assertj.core.api.Assertions.assertThat;

/** The checked-data pages on a phone (360 px, axe-core): the demo's validation page, and a rule form. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CheckedDataBrowserTests {

    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestUsers users;

    @Autowired
    LibraryService libraries;

    ChromeDriver driver;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
        SecurityContextHolder.clearContext();
    }

    @Test
    void theDemoDirectorChecksAndSignsOffOnAPhone() throws Exception {
        long projetSocial = jdbc.sql("""
                SELECT e.id FROM evaluation e JOIN organisation o ON o.id = e.structure_id
                WHERE o.name = 'La Coopération' AND e.scope = 'PROJET_SOCIAL'
                ORDER BY e.id LIMIT 1
                """).query(Long.class).single();
        driver = Browser.start(360, 740);
        signIn("coope", "maillon-demo");
        driver.get(url("/evaluations/" + projetSocial + "/indicators"));
        Browser.clickAndWait(driver, driver.findElement(By.id("validation-link")));
        String main = driver.findElement(By.id("main")).getText();
        assertThat(main).contains("Structure entière").contains("Données validées par Direction de La Coopération");
        assertFitsAndAccessible("/evaluations/validation");
        // 2025 lacks its required figures: signing it off without saying so is refused in place
        new Select(driver.findElement(By.id("period"))).selectByValue("2025");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("form[action$='/sign-offs'] button[type=submit]")));
        assertThat(driver.findElement(By.id("withViolations-error")).getText())
                .contains("points à vérifier restent ouverts pour 2025");
        assertFitsAndAccessible("/evaluations/validation-refused");
    }

    @Test
    void theFederationWritesAnEntrysRulesOnAPhone() throws Exception {
        long federation = jdbc.sql("SELECT id FROM organisation WHERE name = 'Fédération des centres sociaux de la Drôme'")
                .query(Long.class).single();
        users.signIn("federation26");
        long entry = libraries.addEntry(federation, "Jeunesse", new IndicatorDraft("jeunes_" + System.nanoTime() % 100000,
                "Jeunes accompagnés", null, Measure.COUNT, "personnes", null, null, null, null, null, null, false,
                DataSource.MANUAL, null, null, null, null, null), null);
        SecurityContextHolder.clearContext();
        driver = Browser.start(360, 740);
        signIn("federation26", "maillon-demo");
        driver.get(url("/organisations/" + federation + "/library"));
        assertFitsAndAccessible("/organisations/library-rules");
        driver.get(url("/organisations/" + federation + "/library/entries/" + entry + "/rules"));
        assertFitsAndAccessible("/organisations/rules");
        driver.findElement(By.id("minimum")).sendKeys("dix");
        driver.findElement(By.id("jumpPercent")).sendKeys("50");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(driver.findElement(By.id("minimum-error")).getText()).startsWith("Écrivez un nombre");
        assertThat(driver.findElement(By.id("jumpPercent")).getAttribute("value")).isEqualTo("50");
        assertFitsAndAccessible("/organisations/rules-refused");
        driver.findElement(By.id("minimum")).clear();
        driver.findElement(By.id("minimum")).sendKeys("0");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(driver.findElement(By.id("entries")).getText()).contains("min. 0 · écart > 50");
    }

    private void signIn(String username, String password) {
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
    }

    private void assertFitsAndAccessible(String page) throws IOException {
        Path screenshots = Files.createDirectories(Path.of("target/screenshots"));
        Files.write(screenshots.resolve("360" + page.replaceAll("[^a-z0-9]+", "-") + ".png"),
                driver.getScreenshotAs(OutputType.BYTES));
        long overflow = (Long) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("horizontal overflow on " + page).isLessThanOrEqualTo(0);
        Object duplicates = ((JavascriptExecutor) driver).executeScript(
                "const ids = Array.from(document.querySelectorAll('[id]')).map(e => e.id);"
                        + "return ids.filter((id, i) => ids.indexOf(id) !== i);");
        assertThat((List<?>) duplicates).as("ids used twice on " + page).isEmpty();
        Results results = new AxeBuilder().withTags(WCAG).analyze(driver);
        assertThat(results.getPasses()).as("axe ran its checks on " + page).isNotEmpty();
        assertThat(results.getViolations().stream().map(CheckedDataBrowserTests::describe).toList())
                .as("axe violations on " + page).isEmpty();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getNodes().stream()
                .map(node -> String.valueOf(node.getTarget())).toList();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
