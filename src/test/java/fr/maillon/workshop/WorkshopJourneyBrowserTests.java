package fr.maillon.workshop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.context.SecurityContextHolder;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.Role;
import fr.maillon.web.Browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole workshop as a centre social's hall runs it, in real Chromium: the facilitator opens it
 * from the evaluation, the projector page runs in a second window, five phones at 360 px (one
 * without JavaScript) join with their roles and post twenty cards, three of them duplicates; the
 * facilitator merges the duplicates, places cards into the chain and draws a link; the projector's
 * diagram shows them with their provenance; the report tells how the chain was built. Waits have
 * timeouts; nothing is timed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WorkshopJourneyBrowserTests {

    /** Each phone's role, and its four cards: kind, target (effects), text. The first phone has no JavaScript. */
    private static final List<Phone> PHONES = List.of(
            new Phone("HABITANT", List.of(card("RESOURCE", null, "Mes recettes de grand-mère"),
                    card("ACTIVITY", null, "Cuisiner ensemble le mercredi"),
                    card("EFFECT", "HABITANTS", "Je sors de chez moi"),
                    card("EFFECT", "TERRITOIRE", "Le quartier se parle"))),
            new Phone("HABITANT", List.of(card("ACTIVITY", null, "cuisiner ensemble le mercredi"),
                    card("RESOURCE", null, "Du temps le samedi"), card("EFFECT", "HABITANTS", "Je me sens utile"),
                    card("TESTIMONY", null, "Ici on m'écoute"))),
            new Phone("BENEVOLE", List.of(card("RESOURCE", null, "Des bocaux récupérés"),
                    card("ACTIVITY", null, "Atelier conserves"),
                    card("EFFECT", "COMMUNAUTE_ACTION", "De nouveaux bénévoles"),
                    card("RESOURCE", null, "Mon camion"))),
            new Phone("PARTENAIRE", List.of(card("RESOURCE", null, "Une salle prêtée"),
                    card("ACTIVITY", null, "Atelier de conserves"), card("EFFECT", "TERRITOIRE", "Moins de gaspillage"),
                    card("RESOURCE", null, "Un financement"))),
            new Phone("SALARIE", List.of(card("ACTIVITY", null, "Accueil des familles"),
                    card("EFFECT", "HABITANTS", "Des familles moins isolées"),
                    card("RESOURCE", null, "Temps de coordination"),
                    card("EFFECT", "TERRITOIRE", "moins de gaspillage"))));

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    final List<ChromeDriver> browsers = new ArrayList<>();

    @AfterEach
    void quit() {
        SecurityContextHolder.clearContext();
        browsers.forEach(ChromeDriver::quit);
    }

    @Test
    void aFacilitatorAProjectorAndFivePhonesBuildTheChainAndTheReportTellsIt() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Conserverie du quartier",
                EvaluationScope.ACTION, "Conserverie", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), null));
        SecurityContextHolder.clearContext();

        // the facilitator opens a workshop from the evaluation's page
        ChromeDriver facilitator = start(Browser.start(1280, 900));
        facilitator.get(url("/login"));
        facilitator.findElement(By.id("username")).sendKeys(editor.username());
        facilitator.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        Browser.clickAndWait(facilitator, facilitator.findElement(By.cssSelector("main form button[type=submit]")));
        facilitator.get(url("/evaluations/" + evaluation));
        Browser.clickAndWait(facilitator, facilitator.findElement(By.id("live-workshops-link")));
        facilitator.findElement(By.id("title")).clear();
        facilitator.findElement(By.id("title")).sendKeys("Atelier de la conserverie");
        Browser.clickAndWait(facilitator, facilitator.findElement(By.cssSelector("#open-workshop button[type=submit]")));
        String code = facilitator.findElement(By.id("workshop-code")).getText();
        String live = facilitator.getCurrentUrl();

        ChromeDriver projector = start(Browser.start(1600, 1000));
        projector.get(facilitator.findElement(By.id("projector-link")).getAttribute("href"));
        assertThat(projector.findElement(By.id("projector-code")).getText()).isEqualTo(code);

        // five phones join with their roles and post four cards each
        for (int p = 0; p < PHONES.size(); p++) {
            Phone phone = PHONES.get(p);
            ChromeDriver browser = start(p == 0 ? Browser.startWithoutJavaScript(360, 740) : Browser.start(360, 740));
            browser.get(url("/w/" + code));
            browser.findElement(By.cssSelector("input[name=role][value=" + phone.role() + "]")).click();
            Browser.clickAndWait(browser, browser.findElement(By.cssSelector("main form button[type=submit]")));
            for (Card card : phone.cards()) {
                browser.findElement(By.cssSelector("input[name=kind][value=" + card.kind() + "]")).click();
                if (card.target() != null) {
                    browser.findElement(By.cssSelector("input[name=target][value=" + card.target() + "]")).click();
                }
                if (card.kind().equals("TESTIMONY")) {
                    browser.findElement(By.cssSelector("input[name=consent]")).click();
                }
                browser.findElement(By.id("text")).sendKeys(card.text());
                Browser.clickAndWait(browser, browser.findElement(By.cssSelector("#card-form button[type=submit]")));
            }
            assertThat(browser.findElement(By.id("counter")).getText()).isEqualTo("4 cartes sur 15");
            Number overflow = (Number) browser.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow.intValue()).as("sideways scrolling of phone " + p).isLessThanOrEqualTo(0);
        }
        List<String> texts = PHONES.stream().flatMap(phone -> phone.cards().stream()).map(Card::text).toList();
        assertThat(texts).hasSize(20);
        waitFor(facilitator, "the twenty cards on the facilitator's page",
                driver -> texts.stream().allMatch(text -> cardTexts(driver).contains(text)));
        waitFor(projector, "the twenty cards on the projector", driver -> texts.stream()
                .allMatch(text -> cardTexts(driver).contains(text)));

        // the facilitator merges the three duplicates: they leave the projector
        merge(facilitator, "cuisiner ensemble le mercredi", "Cuisiner ensemble le mercredi");
        merge(facilitator, "Atelier de conserves", "Atelier conserves");
        merge(facilitator, "moins de gaspillage", "Moins de gaspillage");
        waitFor(projector, "the merged cards gone from the projector", driver -> {
            List<String> shown = cardTexts(driver);
            return !shown.contains("cuisiner ensemble le mercredi") && !shown.contains("Atelier de conserves")
                    && !shown.contains("moins de gaspillage") && shown.contains("Cuisiner ensemble le mercredi");
        });

        // places three cards into the chain, and links the resource to the activity
        place(facilitator, live, "Mes recettes de grand-mère", "resourceKind", "KNOWLEDGE");
        place(facilitator, live, "Cuisiner ensemble le mercredi", "activityType", "PRIMARY");
        place(facilitator, live, "Je sors de chez moi", null, null);
        facilitator.get(live);
        new Select(facilitator.findElement(By.id("sourceId"))).selectByVisibleText("Mes recettes de grand-mère");
        new Select(facilitator.findElement(By.id("targetId"))).selectByVisibleText("Cuisiner ensemble le mercredi");
        Browser.clickAndWait(facilitator, facilitator.findElement(By.cssSelector("#link-form button[type=submit]")));

        // the projector's diagram shows the placed cards and the link, with their provenance
        waitFor(projector, "the placed cards in the projected diagram, with their provenance", driver -> {
            // a long name is wrapped over lines in the box: its whole text is in the node's title
            List<WebElement> nodes = driver.findElements(By.cssSelector("#projector-diagram svg g.node[data-provenance]"));
            return List.of("Mes recettes de grand-mère", "Cuisiner ensemble le mercredi", "Je sors de chez moi").stream()
                    .allMatch(name -> nodes.stream().anyMatch(node -> node.getAttribute("textContent").contains(name)
                            && node.getAttribute("data-provenance").startsWith("atelier du ")))
                    && !driver.findElements(By.cssSelector("#projector-diagram svg [data-provenance]:not(g.node)"))
                            .isEmpty();
        });
        Path screenshots = Path.of("target", "screenshots");
        Files.createDirectories(screenshots);
        Files.write(screenshots.resolve("workshop-journey-projector.png"), projector.getScreenshotAs(OutputType.BYTES));
        Files.write(screenshots.resolve("workshop-journey-facilitator.png"),
                facilitator.getScreenshotAs(OutputType.BYTES));

        // the trace: the evaluation's workshops, then a report that tells how the chain was built
        facilitator.get(url("/evaluations/" + evaluation + "/workshops"));
        assertThat(facilitator.findElement(By.id("main")).getText()).contains("Atelier de la conserverie");
        facilitator.get(url("/evaluations/" + evaluation + "/reports"));
        facilitator.findElement(By.cssSelector("main form input[name=title]")).sendKeys("Dossier pour la CAF");
        Browser.clickAndWait(facilitator, facilitator.findElement(By.cssSelector("main form button[type=submit]")));
        String report = facilitator.findElement(By.tagName("main")).getText();
        assertThat(report).contains("Comment la chaîne a été construite", "Atelier de la conserverie",
                "La chaîne a été construite en 1 atelier, avec 5 participants en tout, dont 2 habitants");
        assertThat(report).doesNotContain("cuisiner ensemble le mercredi");
    }

    private ChromeDriver start(ChromeDriver driver) {
        browsers.add(driver);
        return driver;
    }

    /** Merges the card {@code duplicate} into the card {@code kept}, from the facilitator's page. */
    private static void merge(ChromeDriver facilitator, String duplicate, String kept) {
        WebElement card = card(facilitator, duplicate);
        new Select(card.findElement(By.cssSelector("select[name=keptId]"))).selectByValue(
                card(facilitator, kept).getAttribute("id").substring("card-".length()));
        Browser.clickAndWait(facilitator, card.findElement(By.cssSelector("form.merge-form button[type=submit]")));
        assertThat(facilitator.findElement(By.cssSelector("body")).getText()).doesNotContain("Erreur");
    }

    /** Places a card into the chain from its form, choosing one required field when its kind has one. */
    private static void place(ChromeDriver facilitator, String live, String text, String field, String value) {
        facilitator.get(live);
        Browser.clickAndWait(facilitator, card(facilitator, text).findElement(By.cssSelector("a.button")));
        if (field != null) {
            new Select(facilitator.findElement(By.id(field))).selectByValue(value);
        }
        Browser.clickAndWait(facilitator, facilitator.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(card(facilitator, text).getText()).contains("dans la chaîne");
    }

    private static WebElement card(WebDriver driver, String text) {
        return driver.findElements(By.cssSelector("li.workshop-card")).stream()
                .filter(card -> card.findElement(By.className("card-text")).getText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no card « " + text + " » on " + driver.getCurrentUrl()));
    }

    private static List<String> cardTexts(WebDriver driver) {
        return driver.findElements(By.cssSelector("li.workshop-card .card-text, .projector-cards .card-text")).stream()
                .map(WebElement::getText).toList();
    }

    private static void waitFor(WebDriver driver, String what, Function<WebDriver, Boolean> condition) {
        // the live pages replace what they show while it is read: a stale element is read again
        new WebDriverWait(driver, Duration.ofSeconds(30)).withMessage(what)
                .ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static Card card(String kind, String target, String text) {
        return new Card(kind, target, text);
    }

    private record Phone(String role, List<Card> cards) {
    }

    private record Card(String kind, String target, String text) {
    }
}
