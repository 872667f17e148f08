package fr.maillon.workshop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.context.SecurityContextHolder;

import fr.maillon.TestClock;
import fr.maillon.TestUsers;
import fr.maillon.chain.EffectTarget;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.Role;
import fr.maillon.web.Browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workshop in Chromium: the facilitator opens it, the projector page runs in a second window, cards
 * posted by participants appear on both, a hidden card leaves the projector, a card placed into the
 * chain appears in the projector's diagram with its provenance; axe-core finds no serious or critical
 * violation on the facilitator's and the projector's pages. Waits have timeouts; nothing is timed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WorkshopFacilitatorBrowserTests {

    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    TestClock clock;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    WorkshopService workshops;

    ChromeDriver facilitator;
    ChromeDriver projector;

    @AfterEach
    void quit() {
        SecurityContextHolder.clearContext();
        clock.reset();
        if (facilitator != null) {
            facilitator.quit();
        }
        if (projector != null) {
            projector.quit();
        }
    }

    @Test
    void cardsArriveLiveAndAPlacedCardGrowsTheProjectedDiagram() throws Exception {
        clock.reset();
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Jardin partagé",
                EvaluationScope.ACTION, "Jardin", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), null));
        SecurityContextHolder.clearContext();

        facilitator = Browser.start(1280, 900);
        facilitator.get(url("/login"));
        facilitator.findElement(By.id("username")).sendKeys(editor.username());
        facilitator.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        Browser.clickAndWait(facilitator, facilitator.findElement(By.cssSelector("main form button[type=submit]")));
        facilitator.get(url("/evaluations/" + evaluation));
        Browser.clickAndWait(facilitator, facilitator.findElement(By.id("live-workshops-link")));
        assertThat(facilitator.findElement(By.id("title")).getAttribute("value")).isEqualTo("Atelier du 15 mars");
        Browser.clickAndWait(facilitator, facilitator.findElement(By.cssSelector("#open-workshop button[type=submit]")));
        String code = facilitator.findElement(By.id("workshop-code")).getText();
        assertThat(code).matches("[A-Z2-9]{6}");
        String projectorAddress = facilitator.findElement(By.id("projector-link")).getAttribute("href");
        assertThat(facilitator.findElement(By.id("projector-link")).getAttribute("target")).isEqualTo("_blank");
        assertNoSeriousViolation(facilitator, "the facilitator's page");

        projector = Browser.start(1600, 1000);
        projector.get(projectorAddress);
        assertThat(projector.findElement(By.id("projector-code")).getText()).isEqualTo(code);

        // participants post from their phones (through the core service here)
        String anna = workshops.join(code, ParticipantRole.HABITANT).secret();
        String paul = workshops.join(code, ParticipantRole.PARTENAIRE).secret();
        workshops.post(code, anna, UUID.randomUUID(), new CardDraft(CardKind.ACTIVITY, null, "Jardiner ensemble", false));
        workshops.post(code, paul, UUID.randomUUID(), new CardDraft(CardKind.RESOURCE, null, "Un terrain prêté", false));
        workshops.post(code, paul, UUID.randomUUID(), new CardDraft(CardKind.EFFECT, EffectTarget.TERRITOIRE,
                "Une friche devenue jardin", false));
        workshops.post(code, anna, UUID.randomUUID(), new CardDraft(CardKind.RESOURCE, null, "Carte à masquer", false));

        waitFor(projector, "the cards on the projector", driver -> driver.findElement(By.id("group-activity-list"))
                .getText().contains("Jardiner ensemble")
                && driver.findElement(By.id("group-effect-list")).getText().contains("Une friche devenue jardin")
                && driver.findElement(By.id("group-resource-list")).getText().contains("Carte à masquer"));
        waitFor(facilitator, "the cards on the facilitator's page", driver -> driver.findElement(By.id("cards"))
                .getText().contains("Jardiner ensemble") && driver.findElement(By.id("cards")).getText()
                        .contains("Carte à masquer"));

        // she hides one: it leaves the projector
        long hidden = cardId(facilitator, "Carte à masquer");
        Browser.clickAndWait(facilitator, facilitator.findElement(By.cssSelector("#card-" + hidden
                + " form[action$='/hide'] button")));
        waitFor(projector, "the hidden card gone from the projector", driver -> !driver
                .findElement(By.id("group-resource-list")).getText().contains("Carte à masquer"));

        // she places one into the chain: the projector's diagram shows it with its provenance
        long garden = cardId(facilitator, "Jardiner ensemble");
        Browser.clickAndWait(facilitator, facilitator.findElement(By.cssSelector("#card-" + garden + " a.button")));
        assertThat(facilitator.findElement(By.id("name")).getAttribute("value")).isEqualTo("Jardiner ensemble");
        facilitator.findElement(By.id("name")).clear();
        facilitator.findElement(By.id("name")).sendKeys("Jardin collectif");
        Browser.clickAndWait(facilitator, facilitator.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(facilitator.findElement(By.id("card-" + garden)).getText()).contains("dans la chaîne");
        waitFor(projector, "the placed card in the projected diagram", driver -> {
            List<org.openqa.selenium.WebElement> nodes = driver.findElements(
                    By.cssSelector("#projector-diagram svg g.node[data-provenance]"));
            return nodes.stream().anyMatch(node -> node.getText().contains("Jardin collectif")
                    && node.getText().contains("atelier du 15 mars"));
        });
        Path screenshots = Path.of("target", "screenshots");
        Files.createDirectories(screenshots);
        Files.write(screenshots.resolve("workshop-projector.png"), projector.getScreenshotAs(OutputType.BYTES));
        Files.write(screenshots.resolve("workshop-facilitator.png"), facilitator.getScreenshotAs(OutputType.BYTES));
        assertNoSeriousViolation(projector, "the projector");
        assertNoSeriousViolation(facilitator, "the facilitator's page with cards");

        // on a phone, the facilitator's pages fit the screen
        facilitator.manage().window().setSize(new org.openqa.selenium.Dimension(360, 800));
        for (String path : List.of(new java.net.URI(facilitator.getCurrentUrl()).getPath(),
                "/evaluations/" + evaluation + "/workshops")) {
            facilitator.get(url(path));
            Number overflow = (Number) facilitator.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow.intValue()).as("sideways scrolling of " + path + " at 360 px").isLessThanOrEqualTo(0);
            assertNoSeriousViolation(facilitator, path + " at 360 px");
        }
    }

    private static long cardId(WebDriver driver, String text) {
        return driver.findElements(By.cssSelector("li.workshop-card")).stream()
                .filter(card -> card.findElement(By.className("card-text")).getText().equals(text)).map(card -> card.getAttribute("id"))
                .map(id -> Long.parseLong(id.substring("card-".length()))).findFirst().orElseThrow();
    }

    private static void waitFor(WebDriver driver, String what,
            java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage(what).until(condition::apply);
    }

    private static void assertNoSeriousViolation(WebDriver driver, String page) {
        Results results = new AxeBuilder().withTags(WCAG).analyze(driver);
        assertThat(results.getPasses()).as("axe ran its checks on " + page).isNotEmpty();
        assertThat(results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(WorkshopFacilitatorBrowserTests::describe).toList())
                .as("serious or critical axe violations on " + page).isEmpty();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getNodes().stream()
                .map(node -> String.valueOf(node.getTarget())).toList();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
