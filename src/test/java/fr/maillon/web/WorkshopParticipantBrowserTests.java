package fr.maillon.web;

import java.io.IOException;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
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
import fr.maillon.workshop.Card;
import fr.maillon.workshop.CardDraft;
import fr.maillon.workshop.CardKind;
import fr.maillon.workshop.JoinedParticipant;
import fr.maillon.workshop.ParticipantRole;
import fr.maillon.workshop.Workshop;
import fr.maillon.workshop.WorkshopDraft;
import fr.maillon.workshop.WorkshopService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workshop participant on a 360 px phone, in real Chromium: one without JavaScript joins, posts
 * two cards and gives a +1, all by plain forms; with JavaScript, axe-core finds no serious or
 * critical violation on the join page and the card page (a refused card too), and the others'
 * cards arrive without reloading.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WorkshopParticipantBrowserTests {

    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    WorkshopService workshops;

    ChromeDriver phone;

    @AfterEach
    void quit() {
        SecurityContextHolder.clearContext();
        if (phone != null) {
            phone.quit();
        }
    }

    @Test
    void aParticipantWithoutJavaScriptJoinsPostsTwoCardsAndGivesAPlusOne() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        Workshop workshop = openWorkshop(editor);
        JoinedParticipant other = workshops.join(workshop.code(), ParticipantRole.BENEVOLE);
        workshops.post(workshop.code(), other.secret(), UUID.randomUUID(),
                new CardDraft(CardKind.ACTIVITY, null, "Le jardin du mercredi", false));

        phone = Browser.startWithoutJavaScript(360, 740);
        phone.get(url("/w/" + workshop.code().toLowerCase()));
        assertThat(phone.getCurrentUrl()).endsWith("/w/" + workshop.code());
        assertThat(phone.findElement(By.tagName("h1")).getText()).isEqualTo("Atelier du jardin");
        assertThat(phone.findElement(By.id("main")).getText()).contains("Qui êtes-vous ?", "Aucun nom n'est demandé");
        assertFits("join page");
        phone.findElement(By.cssSelector("input[name=role][value=HABITANT]")).click();
        submit("main form button[type=submit]");

        assertThat(phone.findElement(By.id("counter")).getText()).isEqualTo("0 carte sur 15");
        assertFits("card page");
        phone.findElement(By.cssSelector("input[name=kind][value=RESOURCE]")).click();
        phone.findElement(By.id("text")).sendKeys("Mes recettes de confitures");
        submit("#card-form button[type=submit]");
        assertThat(phone.findElement(By.id("counter")).getText()).isEqualTo("1 carte sur 15");

        phone.findElement(By.cssSelector("input[name=kind][value=EFFECT]")).click();
        // the evaluation's name for the territory target is shown beside « Pour le quartier »
        WebElement territory = phone.findElement(By.cssSelector("input[name=target][value=TERRITOIRE]"));
        assertThat(territory.findElement(By.xpath("..")).getText()).contains("Pour le quartier", "Territoire");
        territory.click();
        phone.findElement(By.id("text")).sendKeys("Le quartier se parle\nentre voisins");
        submit("#card-form button[type=submit]");
        assertThat(phone.findElement(By.id("counter")).getText()).isEqualTo("2 cartes sur 15");
        String mine = phone.findElement(By.cssSelector("section[aria-labelledby=mine]")).getText();
        assertThat(mine).contains("Mes recettes de confitures", "Ce que ça change : Territoire",
                "Le quartier se parle\nentre voisins");

        long theirs = workshops.shownCards(workshop).stream().filter(card -> card.text().startsWith("Le jardin"))
                .findFirst().orElseThrow().id();
        WebElement card = phone.findElement(By.id("card-" + theirs));
        assertThat(card.findElement(By.tagName("button")).getAttribute("aria-pressed")).isEqualTo("false");
        Browser.clickAndWait(phone, card.findElement(By.tagName("button")));
        card = phone.findElement(By.id("card-" + theirs));
        assertThat(card.findElement(By.tagName("button")).getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(card.getText()).contains("1 point");
        assertFits("card page after a +1");

        users.signIn(editor.username());
        assertThat(workshops.cards(workshop.id())).extracting(Card::text).containsExactly("Le jardin du mercredi",
                "Mes recettes de confitures", "Le quartier se parle\nentre voisins");
        assertThat(workshops.cards(workshop.id()).get(0).dots()).isEqualTo(1);
    }

    @Test
    void theJoinAndCardPagesPassAxeAtThreeHundredSixtyPixelsAndOthersCardsArriveByThemselves() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        Workshop workshop = openWorkshop(editor);
        JoinedParticipant other = workshops.join(workshop.code(), ParticipantRole.PARTENAIRE);
        workshops.post(workshop.code(), other.secret(), UUID.randomUUID(),
                new CardDraft(CardKind.RESOURCE, null, "Une salle le samedi", false));

        phone = Browser.start(360, 740);
        phone.get(url("/w"));
        assertAccessible("lookup");
        phone.findElement(By.id("code")).sendKeys(workshop.code().toLowerCase());
        submit("main form button[type=submit]");
        assertThat(phone.getCurrentUrl()).endsWith("/w/" + workshop.code());
        assertAccessible("join");
        submit("main form button[type=submit]");
        assertThat(phone.findElement(By.id("role-error")).getText()).contains("Dites qui vous êtes");
        assertAccessible("join-refused");
        phone.findElement(By.cssSelector("input[name=role][value=SALARIE]")).click();
        submit("main form button[type=submit]");
        assertAccessible("cards");
        phone.findElement(By.cssSelector("input[name=kind][value=TESTIMONY]")).click();
        phone.findElement(By.id("text")).sendKeys("Ici je me sens utile");
        submit("#card-form button[type=submit]");
        assertThat(phone.findElement(By.id("consent-error")).getText()).contains("cochez la case");
        assertThat(phone.findElement(By.id("text")).getAttribute("value")).isEqualTo("Ici je me sens utile");
        assertAccessible("cards-refused");

        phone.get(url("/w/" + workshop.code()));
        workshops.post(workshop.code(), other.secret(), UUID.randomUUID(),
                new CardDraft(CardKind.ACTIVITY, null, "Un repas partagé", false));
        new WebDriverWait(phone, Duration.ofSeconds(20)).until(
                browser -> browser.findElement(By.id("others")).getText().contains("Un repas partagé"));
        phone.get(url("/w/ZZZZZZ"));
        assertAccessible("unknown");
    }

    private Workshop openWorkshop(TestUsers.Created editor) {
        users.signIn(editor.username());
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Jardin partagé",
                EvaluationScope.ACTION, "Jardin", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), null));
        Workshop workshop = workshops.open(evaluation, new WorkshopDraft("Atelier du jardin", 120, null));
        SecurityContextHolder.clearContext();
        return workshop;
    }

    private void submit(String button) {
        Browser.clickAndWait(phone, phone.findElement(By.cssSelector(button)));
    }

    private void assertFits(String page) {
        long overflow = (Long) ((JavascriptExecutor) phone).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("horizontal overflow on the " + page).isLessThanOrEqualTo(0);
    }

    private void assertAccessible(String page) throws IOException {
        Path screenshots = Files.createDirectories(Path.of("target/screenshots"));
        Files.write(screenshots.resolve("360-workshop-" + page + ".png"), phone.getScreenshotAs(OutputType.BYTES));
        assertFits(page + " page");
        Results results = new AxeBuilder().withTags(WCAG).analyze(phone);
        assertThat(results.getPasses()).as("axe ran its checks on " + page).isNotEmpty();
        assertThat(results.getViolations().stream().filter(rule -> "serious".equals(rule.getImpact())
                || "critical".equals(rule.getImpact())).map(WorkshopParticipantBrowserTests::describe).toList())
                .as("serious or critical axe violations on the " + page + " page").isEmpty();
        assertThat(results.getViolations().stream().map(WorkshopParticipantBrowserTests::describe).toList())
                .as("axe violations on the " + page + " page").isEmpty();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getNodes().stream()
                .map(node -> String.valueOf(node.getTarget())).toList();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
