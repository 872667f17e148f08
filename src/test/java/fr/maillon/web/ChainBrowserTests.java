package fr.maillon.web;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
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

    ChainForms forms;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void buildsAChainFromNothingAndFindsItInTheDiagramAndTheBalance() throws Exception {
        driver = Browser.start(1280, 900);
        forms = new ChainForms(driver);
        signInAsCoope();

        driver.get(url("/structures/1/evaluations/new"));
        driver.findElement(By.id("title")).sendKeys("Jardin partagé");
        forms.date("periodStart", "2025-01-01");
        forms.date("periodEnd", "2025-12-31");
        forms.submit();
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Jardin partagé");

        forms.stakeholder("Jardiniers du quartier", "Habitants, individus", true);
        forms.stakeholder("Bailleur social", "Entreprise", false);
        forms.element("Ajouter une ressource", "Parcelle prêtée", "resourceKind", "Matérielle, locaux, en nature");
        forms.element("Ajouter une activité", "Coordination du jardin", "activityType", "Activité de soutien",
                "supportCategory", "Gouvernance");
        forms.element("Ajouter une activité", "Chantiers collectifs", "activityType", "Activité principale");
        forms.element("Ajouter une réalisation", "Récoltes partagées");
        forms.element("Ajouter un effet", "Voisins qui se connaissent", "target", "Habitants");

        forms.link("Parcelle prêtée", "Chantiers collectifs");
        forms.link("Coordination du jardin", "Chantiers collectifs");
        forms.link("Chantiers collectifs", "Récoltes partagées");
        forms.link("Récoltes partagées", "Voisins qui se connaissent");
        forms.link("Voisins qui se connaissent", "Parcelle prêtée");

        forms.interaction("Jardiniers du quartier", "Chantiers collectifs", "Deux samedis par mois",
                "Légumes et rencontres");
        forms.interaction("Bailleur social", "Chantiers collectifs", "Le terrain", "Espaces verts entretenus");

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
        forms = new ChainForms(driver);
        signInAsCoope();
        driver.get(url("/structures/1/evaluations/new"));
        driver.findElement(By.id("title")).sendKeys("Atelier du jeudi");
        forms.date("periodStart", "2025-01-01");
        forms.date("periodEnd", "2025-12-31");
        forms.submit();
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Saisie en atelier")));
        assertThat(driver.findElements(By.cssSelector("svg g.node"))).isEmpty();

        driver.findElement(By.id("text")).sendKeys("A: Repair café\nO: Objets réparés\nRepair café -> Objets réparés");
        driver.findElement(By.cssSelector("#workshop button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("svg g.node")).size() == 2);
        assertThat(driver.findElement(By.cssSelector("#workshop [role=status]")).getText())
                .contains("2 éléments, 1 lien,");

        driver.findElement(By.id("text")).sendKeys("P: Voisins #habitants #membre\nVoisins ~ Repair café : des outils / des rencontres");
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
        forms.submit();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
