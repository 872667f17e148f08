package fr.maillon.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole journey of a new user, in real Chromium and through the pages only: La Coopération's
 * director builds an evaluation (chain, framework, survey), a neighbour answers on a phone, values
 * are entered and imported, a report for the CAF is finalised, the evaluation is shared, and the
 * Drôme federation finds it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class JourneyBrowserTests {

    private static final String FEDERATION = "Fédération des centres sociaux de la Drôme";

    @LocalServerPort
    int port;

    ChromeDriver driver;

    ChainForms forms;
    ChromeDriver phone;
    Path csv;

    @AfterEach
    void quit() throws Exception {
        for (ChromeDriver browser : new ChromeDriver[] { driver, phone }) {
            if (browser != null) {
                browser.quit();
            }
        }
        if (csv != null) {
            Files.deleteIfExists(csv);
        }
    }

    @Test
    void aNewUserGoesFromAnEmptyEvaluationToAReportTheFederationReads() throws Exception {
        String title = "Parcours complet " + UUID.randomUUID().toString().substring(0, 6);

        // 1. coope signs in and creates an evaluation of La Coopération from the structure page
        driver = Browser.start(1280, 900);
        forms = new ChainForms(driver);
        signIn("coope");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Bonjour Direction de La Coopération");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("#main h2 a[href$='/structures/1']")));
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Nouvelle évaluation")));
        driver.findElement(By.id("title")).sendKeys(title);
        forms.date("periodStart", "2025-01-01");
        forms.date("periodEnd", "2025-12-31");
        forms.submit();
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(title);
        assertThat(flash()).isEqualTo("L'évaluation est créée.");
        assertThat(driver.findElement(By.cssSelector("dl.identity")).getText()).contains("du 01/01/2025 au 31/12/2025");
        String evaluationUrl = driver.getCurrentUrl();
        assertThat(evaluationUrl).matches(".*/evaluations/\\d+");

        // 2. the value chain: stakeholders, elements, links, interactions
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
        forms.interaction("Jardiniers du quartier", "Chantiers collectifs", "Deux samedis par mois",
                "Légumes et rencontres");
        forms.interaction("Bailleur social", "Chantiers collectifs", "Le terrain", "Espaces verts entretenus");
        assertThat(driver.findElements(By.cssSelector("#links li"))).hasSize(4);
        assertThat(driver.findElements(By.cssSelector("#interactions tbody tr"))).hasSize(2);

        // 3. the framework: an objective, an evaluative question, and an indicator answering it
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Cadre d'évaluation")));
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Ajouter un objectif")));
        forms.select("target", "Habitants");
        driver.findElement(By.id("title")).sendKeys("Les voisins se connaissent mieux");
        label("Voisins qui se connaissent").click();
        forms.submit();
        assertThat(driver.findElement(By.id("objectives")).getText()).contains("Les voisins se connaissent mieux")
                .contains("Voisins qui se connaissent");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("#questions a.button")));
        forms.select("criterionId", "Efficacité");
        driver.findElement(By.id("text")).sendKeys("Le jardin fait-il se rencontrer les voisins ?");
        label("Les voisins se connaissent mieux").click();
        forms.submit();
        assertThat(driver.findElement(By.id("questions")).getText())
                .contains("Le jardin fait-il se rencontrer les voisins ?");

        Browser.clickAndWait(driver, driver.findElement(By.linkText(title)));
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Indicateurs et résultats")));
        indicator("Voisins rencontrés", "voisins", "Nombre", "Saisie");
        indicator("Part des voisins d'accord", "accord", "Pourcentage", "Question d'enquête");
        // the counted neighbours answer the evaluative question and measure the effect
        Browser.clickAndWait(driver, driver.findElement(By.xpath("//tr[td/code = 'voisins']//a[. = 'Modifier']")));
        label("Le jardin fait-il se rencontrer les voisins ?").click();
        label("Voisins qui se connaissent").click();
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("#links button[value=links]")));
        assertThat(flash()).isEqualTo("L'indicateur et ses liens sont enregistrés.");
        assertThat(driver.findElement(By.xpath("//input[@name='questionIds']")).isSelected()).isTrue();
        driver.get(evaluationUrl);
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Cadre d'évaluation")));
        assertThat(driver.findElement(By.id("questions")).getText()).contains("— 1 indicateur");

        // 4. a survey of two questions, the second feeding nothing, and a wave for 2025
        driver.get(evaluationUrl);
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Enquêtes")));
        driver.findElement(By.id("title")).sendKeys("Le jardin et vous");
        forms.select("audience", "Habitants");
        forms.submit();
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Le jardin et vous");
        surveyQuestion("Grâce au jardin, je connais mieux mes voisins.", "Échelle d'accord (5 niveaux)", true);
        surveyQuestion("Un mot pour l'équipe ?", "Texte court", false);
        forms.select("indicatorId", "Part des voisins d'accord");
        forms.select("questionId", "Grâce au jardin, je connais mieux mes voisins.");
        forms.select("statistic", "Part d'accord ou tout à fait d'accord (%)");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("#feeds form button[type=submit]")));
        assertThat(driver.findElements(By.cssSelector("#feeds ul.elements li"))).singleElement()
                .extracting(WebElement::getText).asString().contains("Part des voisins d'accord")
                .contains("Grâce au jardin, je connais mieux mes voisins.").doesNotContain("Un mot pour l'équipe ?");
        driver.findElement(By.id("label")).sendKeys("Fête de fin d'année");
        driver.findElement(By.id("period")).sendKeys("2025");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("#waves form button[type=submit]")));
        WebElement wave = driver.findElement(By.xpath("//section[@id='waves']//tr[th/span = \"Fête de fin d'année\"]"));
        assertThat(wave.getText()).contains("2025");
        String surveyUrl = driver.getCurrentUrl().replaceAll("#.*", "");
        String publicLink = wave.findElement(By.cssSelector("a.public-link")).getAttribute("href");
        assertThat(publicLink).contains("/s/");

        // a neighbour answers on her phone: a new browser, signed in nowhere
        phone = Browser.start(360, 740);
        phone.get(publicLink);
        assertThat(phone.findElement(By.tagName("h1")).getText()).isEqualTo("Le jardin et vous");
        phone.findElement(By.cssSelector("input[type=radio][value='5']")).click();
        phone.findElement(By.cssSelector("input[type=text][name^='q']")).sendKeys("Merci pour les fraises !");
        Browser.clickAndWait(phone, phone.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(phone.findElement(By.tagName("h1")).getText()).isEqualTo("Merci !");
        assertThat(phone.findElement(By.id("main")).getText())
                .contains("Votre réponse à « Le jardin et vous » est enregistrée.");
        // the phone was signed in nowhere: the evaluation itself stays behind the sign-in page
        phone.get(evaluationUrl);
        assertThat(phone.getCurrentUrl()).endsWith("/login");
        phone.quit();
        phone = null;

        driver.get(surveyUrl);
        assertThat(driver.findElement(By.xpath("//section[@id='waves']//tr[th/span = \"Fête de fin d'année\"]/td[last()]"))
                .getText()).isEqualTo("1");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("#main p.actions a[href$='/results']")));
        assertThat(driver.findElement(By.id("respondents")).getText()).isEqualTo("Une personne a répondu.");

        // 5. a value typed in the grid
        driver.get(evaluationUrl);
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Indicateurs et résultats")));
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Saisie des valeurs")));
        WebElement cell = gridCell("Voisins rencontrés");
        cell.clear();
        cell.sendKeys("12");
        forms.submit();
        assertThat(flash()).isEqualTo("Les valeurs sont enregistrées.");
        assertThat(gridCell("Voisins rencontrés").getAttribute("value")).isEqualTo("12");

        // 6. an activity log imported from a CSV file: two dated rows add up to the year's value
        csv = Files.createTempFile("journal-voisins", ".csv");
        Files.writeString(csv, """
                indicateur;date;valeur;commentaire
                voisins;15/03/2025;20;Fête de printemps
                voisins;21/06/2025;22;Fête de la musique
                """, StandardCharsets.UTF_8);
        driver.get(evaluationUrl);
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Importer")));
        driver.findElement(By.id("values-file")).sendKeys(csv.toAbsolutePath().toString());
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("form:has(#values-file) button[type=submit]")));
        assertThat(driver.findElement(By.id("first-rows")).getText()).contains("15/03/2025").contains("Fête de la musique");
        assertThat(new Select(driver.findElement(By.id("indicator"))).getFirstSelectedOption().getText())
                .isEqualTo("indicateur");
        assertThat(new Select(driver.findElement(By.id("period"))).getFirstSelectedOption().getText()).isEqualTo("date");
        assertThat(new Select(driver.findElement(By.id("value"))).getFirstSelectedOption().getText()).isEqualTo("valeur");
        driver.findElement(By.id("addUp")).click();
        forms.submit();
        assertThat(driver.getCurrentUrl()).contains("/imports/jobs/");
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .withMessage(() -> "the import did not finish: " + driver.findElement(By.id("main")).getText())
                .until(d -> !d.findElements(By.id("result")).isEmpty() || !d.findElements(By.id("refused")).isEmpty());
        assertThat(driver.findElement(By.id("job")).getText()).contains("Une valeur importée, depuis 2 lignes.");
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Voir le résultat")));
        assertThat(driver.findElement(By.id("result-voisins")).getText()).contains("2025").contains("42");
        driver.get(evaluationUrl);
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Indicateurs et résultats")));
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Voisins rencontrés")));
        assertThat(driver.findElement(By.cssSelector("#values tbody tr")).getText()).contains("2025").contains("42")
                .contains("Import");
        assertThat(driver.findElement(By.id("history")).getText()).contains("12");

        // 7. a report for the CAF, a narrative, finalised as version 1
        driver.get(evaluationUrl);
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Restitution")));
        driver.findElement(By.id("title")).sendKeys("Dossier CAF — " + title);
        forms.select("audience", "Dossier d'agrément pour la CAF");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main section form button[type=submit]")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Dossier CAF — " + title);
        assertThat(driver.findElement(By.id("version")).getText()).startsWith("Brouillon");
        String reportUrl = driver.getCurrentUrl();
        String narrative = "Le jardin partagé réunit chaque mois les habitants du quartier.";
        driver.findElement(By.id("narrative-CONTEXT")).sendKeys(narrative);
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("#narratives-form button[value=CONTEXT]")));
        assertThat(flash()).isEqualTo("Les textes sont enregistrés.");
        assertThat(driver.findElement(By.cssSelector("#section-CONTEXT .narrative")).getText()).isEqualTo(narrative);
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("form[action$='/finalise'] button[type=submit]")));
        assertThat(driver.getCurrentUrl()).isEqualTo(reportUrl + "?version=1");
        assertThat(driver.findElement(By.id("version")).getText()).startsWith("Version finale 1");
        assertThat(driver.findElement(By.id("section-CONTEXT")).getText()).contains(narrative)
                .contains("Jardiniers du quartier");
        assertThat(driver.findElement(By.id("section-RESULTS")).getText()).contains("Voisins rencontrés").contains("42");
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Restitutions")));
        assertThat(driver.findElement(By.id("main")).getText()).contains("Dossier CAF — " + title)
                .contains("Dossier d'agrément pour la CAF — v1");

        // 8. the evaluation shared with the federation, from the structure page
        driver.get(evaluationUrl);
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("nav.breadcrumb a")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("La Coopération");
        forms.select("recipientId", FEDERATION);
        forms.select("evaluationId", title);
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("form[action$='/shares'] button[type=submit]")));
        assertThat(flash()).isEqualTo("Le partage est enregistré.");
        assertThat(driver.findElements(By.cssSelector("ul.shares li"))).extracting(WebElement::getText)
                .anyMatch(share -> share.startsWith(FEDERATION) && share.contains(title));

        // 9. coope signs out; the federation signs in and finds the evaluation and its final report
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("form[action$='/logout'] button")));
        assertThat(driver.getCurrentUrl()).endsWith("/login?logout");
        signIn("federation26");
        assertThat(driver.findElement(By.id("main")).getText()).contains(FEDERATION).contains("La Coopération")
                .contains(title);
        Browser.clickAndWait(driver, driver.findElement(By.linkText(title)));
        assertThat(driver.getCurrentUrl()).isEqualTo(evaluationUrl);
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(title);
        assertThat(driver.findElement(By.id("stakeholders")).getText()).contains("Jardiniers du quartier");
        // a reader: nothing to add or change
        assertThat(driver.findElements(By.linkText("Ajouter une partie prenante"))).isEmpty();
        assertThat(driver.findElements(By.linkText("Importer"))).isEmpty();
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Restitution")));
        assertThat(driver.findElements(By.id("title"))).isEmpty();
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Dossier CAF — " + title)));
        // those outside the structure are taken to the last final version, never to the draft
        assertThat(driver.getCurrentUrl()).isEqualTo(reportUrl + "?version=1");
        assertThat(driver.findElement(By.id("version")).getText()).startsWith("Version finale 1");
        assertThat(driver.findElement(By.id("section-CONTEXT")).getText()).contains(narrative);
        assertThat(driver.findElements(By.cssSelector("form[action$='/finalise']"))).isEmpty();
        assertThat(driver.findElements(By.id("narratives"))).isEmpty();
    }

    private void signIn(String username) {
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys("maillon-demo");
        forms.submit();
        assertThat(driver.getCurrentUrl()).doesNotContain("/login");
    }

    /** Adds an indicator from the indicators page, and comes back to it. */
    private void indicator(String name, String code, String measure, String source) {
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Ajouter un indicateur")));
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("code")).sendKeys(code);
        forms.select("measure", measure);
        forms.select("source", source);
        forms.submit();
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Indicateurs");
        assertThat(driver.findElement(By.xpath("//tr[td/code = '" + code + "']")).getText()).contains(name)
                .contains(measure).contains(source);
    }

    /** Adds a question from the survey's page, and comes back to it. */
    private void surveyQuestion(String label, String kind, boolean required) {
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Ajouter une question")));
        driver.findElement(By.id("label")).sendKeys(label);
        forms.select("kind", kind);
        if (required) {
            driver.findElement(By.id("required1")).click();
        }
        forms.submit();
        assertThat(driver.findElement(By.id("questions")).getText()).contains(label);
    }

    private WebElement gridCell(String indicator) {
        return driver.findElement(By.xpath("//table[@id='grid']//tr[th[normalize-space() = \"" + indicator
                + "\"]]//input"));
    }

    private WebElement label(String text) {
        return driver.findElement(By.xpath("//main//label[normalize-space() = \"" + text + "\"]"));
    }

    private String flash() {
        return driver.findElement(By.cssSelector("div.flash[role=status]")).getText();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
