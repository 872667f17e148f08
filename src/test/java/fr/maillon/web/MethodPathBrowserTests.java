package fr.maillon.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.maillon.TestUsers;
import fr.maillon.account.AccountService;
import fr.maillon.account.NewAccount;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16's first "done when": a new structure, created through the pages, walks from the home page through the
 * method's six steps on a phone, using only each step's primary action and filling the form it leads to, until every
 * step is marked done; axe-core finds no violation on the home page and the evaluation page at 360 px.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MethodPathBrowserTests {

    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final List<String> STEPS = List.of("FRAMING", "CHAIN", "FRAMEWORK", "COLLECTION", "ANALYSIS",
            "RESTITUTION");

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    TestUsers users;

    ChromeDriver driver;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void aNewStructureWalksEveryStepThroughItsPrimaryActions() throws Exception {
        driver = Browser.start(360, 740);
        String suffix = users.newUsername("epicerie");

        // the platform's administrator creates the structure and invites its director
        String admin = users.newUsername("admin");
        accounts.createAccount(new NewAccount(admin, "Administratrice", TestUsers.PASSWORD, true));
        signIn(admin);
        Browser.clickAndWait(driver, driver.findElement(By.id("create-structure")));
        driver.findElement(By.id("kind-CENTRE_SOCIAL")).click();
        submit();
        driver.findElement(By.id("name")).sendKeys("Épicerie solidaire " + suffix);
        driver.findElement(By.id("departement")).sendKeys("76");
        driver.findElement(By.id("commune")).sendKeys("Le Havre");
        submit();
        driver.findElement(By.id("invitee")).sendKeys("Directrice");
        new Select(driver.findElement(By.id("role"))).selectByValue("STRUCTURE_ADMIN");
        submit();
        String invitation = driver.findElement(By.id("invitation-link")).getText();
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("form[action$='/logout'] button")));

        // the director creates her account from the link, and lands on her home page
        String director = users.newUsername("directrice");
        driver.get(invitation);
        driver.findElement(By.id("displayName")).sendKeys("Directrice de l'épicerie");
        driver.findElement(By.id("username")).sendKeys(director);
        driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        driver.findElement(By.id("confirmation")).sendKeys(TestUsers.PASSWORD);
        submit();
        assertThat(driver.getCurrentUrl()).as("a new account lands signed in").doesNotContain("/login");
        driver.get(url("/"));
        assertFitsAndAccessible("home");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("a[id^='new-evaluation-']")));

        // Cadrer: the new evaluation's scope and period
        driver.findElement(By.id("title")).sendKeys("Projet social 2025");
        date("periodStart", "2025-01-01");
        date("periodEnd", "2025-12-31");
        submit();
        String evaluationUrl = driver.getCurrentUrl();
        assertThat(evaluationUrl).matches(".*/evaluations/\\d+");
        // scope and period are not a framing yet: the step waits for why evaluate and who steers
        assertThat(stateOf("FRAMING")).contains("step-started");
        assertThat(driver.findElement(By.cssSelector("li[aria-current=step]")).getAttribute("id"))
                .isEqualTo("step-FRAMING");
        assertThat(driver.findElement(By.id("action-FRAMING")).getText()).isEqualTo("Compléter le cadrage");
        assertFitsAndAccessible("evaluation-new");

        List<String> visited = new ArrayList<>();
        for (int round = 0; round < 30; round++) {
            driver.get(evaluationUrl);
            List<WebElement> current = driver.findElements(By.cssSelector("li[aria-current=step]"));
            if (current.isEmpty()) {
                break;
            }
            String step = current.get(0).getAttribute("id").substring("step-".length());
            Browser.clickAndWait(driver, driver.findElement(By.id("action-" + step)));
            String page = driver.getCurrentUrl().replaceFirst("^http://localhost:\\d+", "");
            visited.add(step + " " + page.replaceAll("\\d+", "N"));
            fill(page);
        }

        driver.get(evaluationUrl);
        for (String step : STEPS) {
            assertThat(stateOf(step)).as(step + " after " + visited).contains("step-done");
        }
        assertThat(driver.findElement(By.id("path-summary")).getText()).isEqualTo("6 étapes faites sur 6");
        assertThat(visited).extracting(line -> line.substring(0, line.indexOf(' '))).containsSubsequence("FRAMING",
                "CHAIN", "FRAMEWORK", "COLLECTION", "ANALYSIS", "RESTITUTION");
        assertThat(driver.findElement(By.id("framing-steering")).getText())
                .isEqualTo("Un comité de pilotage : deux familles, une bénévole, la directrice.");
        assertFitsAndAccessible("evaluation-done");
    }

    /** Fills the form a primary action led to, the way a person would, and submits it. */
    private void fill(String page) throws IOException {
        if (page.matches("/evaluations/\\d+/edit(#framing)?")) {
            assertFitsAndAccessible("evaluation-framing");
            driver.findElement(By.id("purpose")).sendKeys("Montrer à la CAF ce que l'épicerie change pour les familles.");
            driver.findElement(By.id("audiences")).sendKeys("La CAF, les familles, les bénévoles.");
            driver.findElement(By.id("steering")).sendKeys("Un comité de pilotage : deux familles, une bénévole, "
                    + "la directrice.");
            submit();
        }
        else if (page.contains("/stakeholders/new")) {
            driver.findElement(By.id("name")).sendKeys("Familles du quartier");
            new Select(driver.findElement(By.id("type"))).selectByVisibleText("Habitants, individus");
            submit();
        }
        else if (page.contains("kind=ACTIVITY")) {
            assertThat(new Select(driver.findElement(By.id("activityType"))).getFirstSelectedOption().getText())
                    .isEqualTo("Activité principale");
            driver.findElement(By.id("name")).sendKeys("Épicerie à prix solidaires");
            submit();
        }
        else if (page.contains("kind=OUTPUT")) {
            driver.findElement(By.id("name")).sendKeys("Paniers vendus");
            submit();
        }
        else if (page.contains("kind=EFFECT")) {
            driver.findElement(By.id("name")).sendKeys("Des familles qui mangent mieux");
            new Select(driver.findElement(By.id("target"))).selectByVisibleText("Habitants");
            submit();
        }
        else if (page.contains("/links/new")) {
            String source = new Select(driver.findElement(By.id("sourceId"))).getFirstSelectedOption().getText();
            new Select(driver.findElement(By.id("targetId"))).selectByVisibleText(
                    source.equals("Paniers vendus") ? "Des familles qui mangent mieux" : "Paniers vendus");
            driver.findElement(By.id("rationale")).sendKeys("L'épicerie vend des paniers");
            submit();
        }
        else if (page.contains("/objectives/new")) {
            driver.findElement(By.id("title")).sendKeys("Une alimentation de qualité pour les familles");
            submit();
        }
        else if (page.contains("/questions/new")) {
            new Select(driver.findElement(By.id("criterionId"))).selectByIndex(1);
            driver.findElement(By.id("text")).sendKeys("Les familles du quartier mangent-elles mieux ?");
            driver.findElements(By.cssSelector("input[name=objectiveIds]")).forEach(WebElement::click);
            submit();
        }
        else if (page.contains("/indicators/new")) {
            driver.findElement(By.id("code")).sendKeys("paniers");
            driver.findElement(By.id("name")).sendKeys("Paniers vendus");
            submit();
        }
        else if (page.matches(".*/indicators/\\d+/edit")) {
            driver.findElement(By.cssSelector("input[name=questionIds]")).click();
            Browser.clickAndWait(driver, driver.findElement(By.cssSelector("#links button[value=links]")));
        }
        else if (page.contains("/data")) {
            WebElement cell = driver.findElement(By.cssSelector("table#grid input[type=text]"));
            cell.clear();
            cell.sendKeys("120");
            Browser.clickAndWait(driver, driver.findElement(By.xpath("//form[.//table[@id='grid']]//button[@type='submit']")));
        }
        else if (page.matches(".*/questions/\\d+/verdict")) {
            driver.findElement(By.cssSelector("input[name=verdict][value=ATTEINT]")).click();
            driver.findElement(By.id("argument")).sendKeys("120 paniers vendus en 2025, pour des familles du quartier.");
            driver.findElement(By.id("plainMessage")).sendKeys("Les familles mangent mieux grâce à l'épicerie.");
            submit();
        }
        else if (page.endsWith("/reports")) {
            driver.findElement(By.id("title")).sendKeys("Bilan pour l'assemblée générale");
            new Select(driver.findElement(By.id("audience"))).selectByValue("ASSEMBLEE");
            submit();
        }
        else if (page.matches(".*/reports/\\d+")) {
            for (WebElement narrative : driver.findElements(By.cssSelector("textarea[name=narrative]"))) {
                if (narrative.getAttribute("value").isBlank()) {
                    narrative.sendKeys("L'épicerie a vendu 120 paniers à des familles du quartier.");
                }
            }
            Browser.clickAndWait(driver, driver.findElement(By.cssSelector("#narratives-form button[name=save]")));
            Browser.clickAndWait(driver, driver.findElement(By.cssSelector("form[action$='/finalise'] button")));
            assertThat(driver.getCurrentUrl()).as(driver.findElement(By.id("main")).getText()).contains("version=");
        }
        else {
            throw new AssertionError("a primary action led to a page the walk does not know: " + page);
        }
    }

    private String stateOf(String step) {
        return driver.findElement(By.id("step-" + step)).getAttribute("class");
    }

    private void signIn(String username) {
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        submit();
    }

    private void date(String id, String isoDate) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];",
                driver.findElement(By.id(id)), isoDate);
    }

    private void submit() {
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
    }

    private void assertFitsAndAccessible(String page) throws IOException {
        Path screenshots = Files.createDirectories(Path.of("target/screenshots"));
        Files.write(screenshots.resolve("360-path-" + page + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        long overflow = (Long) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("horizontal overflow on " + page).isLessThanOrEqualTo(0);
        Results results = new AxeBuilder().withTags(WCAG).analyze(driver);
        assertThat(results.getPasses()).as("axe ran its checks on " + page).isNotEmpty();
        assertThat(results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(MethodPathBrowserTests::describe).toList()).as("axe violations on " + page).isEmpty();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getNodes().stream()
                .map(node -> String.valueOf(node.getTarget())).toList();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
