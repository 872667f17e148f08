package fr.maillon.web;

import java.time.LocalDate;
import java.util.List;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.ObjectiveService;
import fr.maillon.framework.QuestionDraft;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * "Nothing typed is lost" (issue 16) in Chromium: sending one form of a page while another holds
 * unsaved input asks first, and so does leaving the page; the indicator's links are ticked and saved
 * by the indicator's own "Enregistrer" (they were lost); the pages changed stay clean for axe at 360 px.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class NothingLostBrowserTests {

    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    ObjectiveService objectives;

    @Autowired
    JdbcClient jdbc;

    ChromeDriver driver;
    TestUsers.Created editor;
    long evaluation;
    long question;

    @BeforeEach
    void setUp() {
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Jardin partagé",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31), null));
        long efficacite = jdbc.sql("SELECT id FROM criterion WHERE code = 'efficacite' AND structure_id IS NULL")
                .query(Long.class).single();
        question = objectives.addQuestion(evaluation, new QuestionDraft(efficacite,
                "Le jardin fait-il se rencontrer les voisins ?", List.of()));
        SecurityContextHolder.clearContext();
    }

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void sendingAnotherFormOrLeavingAsksFirstWhenSomethingTypedIsNotSaved() throws Exception {
        signIn(1280, 900);
        driver.get(url("/evaluations/" + evaluation + "/framework"));
        assertThat(leavingAsks()).as("nothing typed yet").isFalse();
        driver.findElement(By.id("criterion-label")).sendKeys("Coopération entre voisins");
        assertThat(leavingAsks()).as("a criterion typed, not created").isTrue();

        // deleting the question would lose the criterion typed: the browser asks, and "Annuler" keeps all
        driver.findElement(By.cssSelector("#question-" + question + " form button")).click();
        Alert alert = driver.switchTo().alert();
        assertThat(alert.getText()).contains("n'est pas enregistré et sera perdu");
        alert.dismiss();
        assertThat(driver.findElement(By.id("criterion-label")).getAttribute("value"))
                .isEqualTo("Coopération entre voisins");
        assertThat(driver.findElements(By.id("question-" + question))).hasSize(1);

        // sending the form that holds the text asks nothing, and neither does the page it leads to
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("form[action$='/criteria'] button")));
        assertNoAlert();
        assertThat(driver.findElement(By.id("main")).getText()).contains("Coopération entre voisins");
        assertThat(leavingAsks()).isFalse();

        // typed then erased: nothing to lose, the other form goes without a question
        driver.findElement(By.id("criterion-label")).sendKeys("x");
        driver.findElement(By.id("criterion-label")).clear();
        assertThat(leavingAsks()).isFalse();
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("#question-" + question + " form button")));
        assertNoAlert();
        assertThat(driver.findElements(By.id("question-" + question))).isEmpty();

        // a test (a WebDriver session) that leaves a page with something typed is let go: its prompt is accepted
        driver.findElement(By.id("criterion-label")).sendKeys("Laissé en plan");
        assertThat(leavingAsks()).isTrue();
        driver.get(url("/account"));
        assertThat(driver.getCurrentUrl()).endsWith("/account");
    }

    @Test
    void linksTickedAreSavedByTheIndicatorsOwnSaveButton() throws Exception {
        signIn(360, 740);
        driver.get(url("/evaluations/" + evaluation + "/indicators/new"));
        driver.findElement(By.id("name")).sendKeys("Voisins rencontrés");
        driver.findElement(By.id("code")).sendKeys("voisins");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
        long indicator = jdbc.sql("SELECT id FROM indicator WHERE evaluation_id = :e AND code = 'voisins'")
                .param("e", evaluation).query(Long.class).single();
        String edit = url("/evaluations/" + evaluation + "/indicators/" + indicator + "/edit");
        driver.get(edit);
        assertFitsAndAccessible("indicator-edit");

        // the case users met: a link ticked, a word changed, then the indicator's "Enregistrer"
        driver.findElement(By.id("question-" + question)).click();
        driver.findElement(By.id("unit")).sendKeys("personnes");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]:not([name])")));
        assertNoAlert();
        assertThat(driver.findElement(By.cssSelector(".flash")).getText()).isEqualTo("L'indicateur est enregistré.");
        driver.get(edit);
        assertThat(driver.findElement(By.id("question-" + question)).isSelected()).isTrue();
        assertThat(driver.findElement(By.id("unit")).getAttribute("value")).isEqualTo("personnes");

        // and the other way round: a word changed, then "Enregistrer les liens"
        driver.findElement(By.id("question-" + question)).click();
        driver.findElement(By.id("collector")).sendKeys("Amina");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("#links button[value=links]")));
        assertNoAlert();
        assertThat(driver.findElement(By.cssSelector(".flash")).getText())
                .isEqualTo("L'indicateur et ses liens sont enregistrés.");
        assertThat(driver.findElement(By.id("question-" + question)).isSelected()).isFalse();
        assertThat(driver.findElement(By.id("collector")).getAttribute("value")).isEqualTo("Amina");

        // an error page leads back to where one was
        driver.get(url("/evaluations/" + evaluation + "/indicators/987654321/edit"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Page introuvable");
        assertFitsAndAccessible("error-404");
        driver.get(edit);
        ((JavascriptExecutor) driver).executeScript("window.location.href = arguments[0];",
                url("/evaluations/" + evaluation + "/indicators/987654321/edit"));
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(15))
                .until(page -> page.getCurrentUrl().contains("987654321"));
        Browser.clickAndWait(driver, driver.findElement(By.id("back")));
        assertThat(driver.getCurrentUrl()).isEqualTo(edit);

        // an upload refused (no file chosen): the import page again, saying the file must be chosen again
        driver.get(url("/evaluations/" + evaluation + "/imports"));
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(driver.findElement(By.id("upload-refused")).getText()).contains("choisi de nouveau");
        assertFitsAndAccessible("import-refused");
    }

    /** Whether leaving the page now would ask first (the page's beforeunload refuses to let it go silently). */
    private boolean leavingAsks() {
        return (Boolean) ((JavascriptExecutor) driver).executeScript(
                "var leave = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(leave);"
                        + " return leave.defaultPrevented;");
    }

    private void assertNoAlert() {
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    private void signIn(int width, int height) throws Exception {
        driver = Browser.start(width, height);
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(editor.username());
        driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
    }

    private void assertFitsAndAccessible(String page) {
        long overflow = (Long) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("horizontal overflow on " + page).isLessThanOrEqualTo(0);
        Results results = new AxeBuilder().withTags(WCAG).analyze(driver);
        assertThat(results.getPasses()).as("axe ran its checks on " + page).isNotEmpty();
        assertThat(results.getViolations().stream().map(rule -> rule.getId() + " (" + rule.getImpact() + "): "
                + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList()).toList())
                .as("axe violations on " + page).isEmpty();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
