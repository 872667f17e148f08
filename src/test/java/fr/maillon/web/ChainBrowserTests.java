package fr.maillon.web;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** A facilitator builds a small value chain from nothing in Chromium, then finds it drawn and balanced. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ChainBrowserTests {

    @LocalServerPort
    int port;

    ChromeDriver driver;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void buildsAChainFromNothingAndFindsItInTheDiagramAndTheBalance() throws Exception {
        driver = Browser.start(1280, 900);
        signInAsCoope();

        driver.get(url("/structures/1/evaluations/new"));
        driver.findElement(By.id("title")).sendKeys("Jardin partagé");
        date("periodStart", "2025-01-01");
        date("periodEnd", "2025-12-31");
        submit();
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Jardin partagé");

        stakeholder("Jardiniers du quartier", "Habitants, individus", true);
        stakeholder("Bailleur social", "Entreprise", false);
        element("Ajouter une ressource", "Parcelle prêtée", "resourceKind", "Matérielle, locaux, en nature");
        element("Ajouter une activité", "Coordination du jardin", "activityType", "Activité de soutien",
                "supportCategory", "Gouvernance");
        element("Ajouter une activité", "Chantiers collectifs", "activityType", "Activité principale");
        element("Ajouter une réalisation", "Récoltes partagées");
        element("Ajouter un effet", "Voisins qui se connaissent", "target", "Habitants");

        link("Parcelle prêtée", "Chantiers collectifs");
        link("Coordination du jardin", "Chantiers collectifs");
        link("Chantiers collectifs", "Récoltes partagées");
        link("Récoltes partagées", "Voisins qui se connaissent");
        link("Voisins qui se connaissent", "Parcelle prêtée");

        interaction("Jardiniers du quartier", "Chantiers collectifs", "Deux samedis par mois", "Légumes et rencontres");
        interaction("Bailleur social", "Chantiers collectifs", "Le terrain", "Espaces verts entretenus");

        Browser.clickAndWait(driver, driver.findElement(By.linkText("Voir le diagramme")));
        List<String> drawn = driver.findElements(By.cssSelector("svg g.node title")).stream()
                .map(element -> element.getAttribute("textContent")).toList();
        assertThat(drawn).containsExactlyInAnyOrder("Jardiniers du quartier", "Bailleur social", "Parcelle prêtée",
                "Coordination du jardin", "Chantiers collectifs", "Récoltes partagées", "Voisins qui se connaissent");
        assertThat(driver.findElements(By.cssSelector("svg polyline.regeneration"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("svg polyline.link"))).hasSize(4);

        Browser.clickAndWait(driver, driver.findElement(By.linkText("Jardin partagé")));
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Bilan des parties prenantes")));
        String balance = driver.findElement(By.id("main")).getText();
        assertThat(balance).contains("Jardiniers du quartier").contains("Deux samedis par mois (Chantiers collectifs)")
                .contains("Légumes et rencontres (Chantiers collectifs)").contains("Bailleur social")
                .contains("Le terrain (Chantiers collectifs)").contains("Espaces verts entretenus");
    }

    @Test
    void theWorkshopDiagramGrowsAsLinesAreTyped() throws Exception {
        driver = Browser.start(1280, 900);
        signInAsCoope();
        driver.get(url("/structures/1/evaluations/new"));
        driver.findElement(By.id("title")).sendKeys("Atelier du jeudi");
        date("periodStart", "2025-01-01");
        date("periodEnd", "2025-12-31");
        submit();
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Saisie en atelier")));
        assertThat(driver.findElements(By.cssSelector("svg g.node"))).isEmpty();

        driver.findElement(By.id("text")).sendKeys("A: Repair café\nO: Objets réparés\nRepair café -> Objets réparés");
        driver.findElement(By.cssSelector("#workshop button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("svg g.node")).size() == 2);
        assertThat(driver.findElement(By.cssSelector("#workshop [role=status]")).getText())
                .contains("2 élément(s), 1 lien(s)");

        driver.findElement(By.id("text")).sendKeys("P: Voisins #membre\nVoisins ~ Repair café : des outils / des rencontres");
        driver.findElement(By.cssSelector("#workshop button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("svg g.node")).size() == 3);
        assertThat(driver.findElements(By.cssSelector("svg polyline.participation"))).hasSize(1);

        driver.findElement(By.id("text")).sendKeys("Voisins -> Nulle part");
        driver.findElement(By.cssSelector("#workshop button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.id("text-error")).isEmpty());
        assertThat(driver.findElement(By.id("text-error")).getText()).contains("Ligne 1");
        assertThat(driver.findElement(By.id("text")).getAttribute("value")).isEqualTo("Voisins -> Nulle part");
    }

    private void signInAsCoope() {
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys("coope");
        driver.findElement(By.id("password")).sendKeys("maillon-demo");
        submit();
    }

    private void stakeholder(String name, String type, boolean member) {
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Ajouter une partie prenante")));
        driver.findElement(By.id("name")).sendKeys(name);
        new Select(driver.findElement(By.id("type"))).selectByVisibleText(type);
        if (member) {
            driver.findElement(By.id("communityMember1")).click();
        }
        submit();
        assertThat(driver.findElement(By.id("stakeholders")).getText()).contains(name);
    }

    private void element(String addLink, String name, String... choices) {
        Browser.clickAndWait(driver, driver.findElement(By.linkText(addLink)));
        driver.findElement(By.id("name")).sendKeys(name);
        for (int i = 0; i < choices.length; i += 2) {
            new Select(driver.findElement(By.id(choices[i]))).selectByVisibleText(choices[i + 1]);
        }
        submit();
        assertThat(driver.findElement(By.id("main")).getText()).contains(name);
    }

    private void link(String source, String target) {
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Ajouter un lien")));
        new Select(driver.findElement(By.id("sourceId"))).selectByVisibleText(source);
        new Select(driver.findElement(By.id("targetId"))).selectByVisibleText(target);
        driver.findElement(By.id("rationale")).sendKeys("test");
        submit();
        assertThat(driver.findElement(By.id("links")).getText()).contains(source + " → " + target);
    }

    private void interaction(String stakeholder, String activity, String cost, String benefit) {
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Ajouter une interaction")));
        new Select(driver.findElement(By.id("stakeholderId"))).selectByVisibleText(stakeholder);
        new Select(driver.findElement(By.id("activityId"))).selectByVisibleText(activity);
        driver.findElement(By.id("cost")).sendKeys(cost);
        driver.findElement(By.id("benefit")).sendKeys(benefit);
        submit();
        assertThat(driver.findElement(By.id("interactions")).getText()).contains(cost);
    }

    private void date(String id, String isoDate) {
        WebElement input = driver.findElement(By.id(id));
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", input, isoDate);
    }

    private void submit() {
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
