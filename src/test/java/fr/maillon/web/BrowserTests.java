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
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole journeys in real headless Chromium against the running application. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class BrowserTests {

    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

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
    void theDemoDirectorSignsInAndSeesHerStructure() throws Exception {
        driver = Browser.start(1280, 900);
        signIn("coope", "maillon-demo");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Bonjour Direction de La Coopération");
        assertThat(driver.findElement(By.id("main")).getText()).contains("La Coopération")
                .contains("Conserverie Mobile et Solidaire").contains("Projet social 2022–2025");

        Browser.clickAndWait(driver, driver.findElement(By.linkText("La Coopération")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("La Coopération");
        assertThat(driver.findElement(By.id("main")).getText()).contains("Romans-sur-Isère").contains("Centre social");

        Browser.clickAndWait(driver, driver.findElement(By.linkText("Conserverie Mobile et Solidaire")));
        assertThat(driver.getCurrentUrl()).matches(".*/evaluations/\\d+");
        assertThat(driver.findElement(By.id("main")).getText()).contains("Restitution");

        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("form[action$='/logout'] button")));
        assertThat(driver.getCurrentUrl()).endsWith("/login?logout");
    }

    @Test
    void aWrongPasswordShowsAMessageInFrench() throws Exception {
        driver = Browser.start(1280, 900);
        signIn("coope", "pas-le-bon");
        assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText())
                .isEqualTo("Identifiant ou mot de passe incorrect.");
        assertThat(driver.findElement(By.id("username")).getAttribute("value")).isEqualTo("coope");
    }

    @Test
    void theFederationSeesWhatLaCooperationShared() throws Exception {
        driver = Browser.start(1280, 900);
        signIn("federation26", "maillon-demo");
        String main = driver.findElement(By.id("main")).getText();
        assertThat(main).contains("La Coopération").contains("Conserverie Mobile et Solidaire")
                .contains("Fédération des centres sociaux de la Drôme");
    }

    /**
     * The federation's space on a phone: its four Drôme structures, the hours of volunteering
     * aggregated over them (3,500 + 2,500 + 1,000 + 2,000 in 2024), one structure beside the
     * others, the year's summary and the agrément calendar; La Coopération compares herself with
     * her three peers: their average only, too few for quartiles.
     */
    @Test
    void theFederationComparesItsStructuresOnAPhone() throws Exception {
        driver = Browser.start(360, 740);
        signIn("federation26", "maillon-demo");
        // the delegate also runs the demo's programme: her federation is one of her organisations
        Browser.clickAndWait(driver, driver.findElements(By.cssSelector("main h2 a")).stream()
                .filter(link -> link.getText().equals("Fédération des centres sociaux de la Drôme")).findFirst()
                .orElseThrow());
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Fédération des centres sociaux de la Drôme");
        String home = driver.findElement(By.id("main")).getText();
        assertThat(home).contains("La Coopération", "Centre social Le Tandem", "Les Ateliers du Vercors",
                "Centre social du Diois", "Projet social 2022–2025");
        assertFitsAndAccessible("/networks/home");

        Browser.clickAndWait(driver, driver.findElement(By.linkText("Heures de bénévolat")));
        WebElement year = driver.findElements(By.cssSelector("#aggregates tbody tr")).stream()
                .filter(row -> row.getText().startsWith("2024")).findFirst().orElseThrow();
        // figures with their thousands separated (a narrow no-break space)
        assertThat(year.findElements(By.tagName("td"))).extracting(cell -> cell.getText().replace('\u202f', ' '))
                .startsWith("4", "9 000", "2 250", "1 750", "2 250");
        assertFitsAndAccessible("/networks/indicator");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("#values a")));
        assertThat(driver.findElement(By.id("main")).getText()).contains("Structures comparées");
        assertFitsAndAccessible("/networks/structure");
        driver.navigate().back();
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Trimestres")));
        assertFitsAndAccessible("/networks/indicator-quarters");

        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("nav.breadcrumb a")));
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Synthèse annuelle")));
        driver.findElement(By.id("year")).clear();
        driver.findElement(By.id("year")).sendKeys("2024");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(driver.findElement(By.id("line-heures_benevoles")).getText().replace('\u202f', ' ')).contains("9 000");
        assertFitsAndAccessible("/networks/summary");

        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("nav.breadcrumb a")));
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Calendrier des agréments")));
        assertThat(driver.findElement(By.id("calendar")).getText()).contains("Centre social Le Tandem")
                .contains("Centre social du Diois");
        assertFitsAndAccessible("/networks/calendar");
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Modifier les jalons")));
        assertFitsAndAccessible("/networks/milestones");

        driver.manage().deleteAllCookies();
        signIn("coope", "maillon-demo");
        driver.get(url("/structures/1"));
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Se comparer")));
        String peers = driver.findElement(By.id("comparison-heures_benevoles")).getText().replace('\u202f', ' ');
        // the peers' average to one decimal, thousands separated
        assertThat(peers).contains("2024 3 500 3 1 833,3 masqué masqué masqué");
        assertFitsAndAccessible("/structures/peers");
    }

    @Test
    void pagesFitA360PixelScreenAndPassAxe() throws Exception {
        driver = Browser.start(360, 740);
        driver.get(url("/login"));
        assertFitsAndAccessible("login");
        signIn("coope", "maillon-demo");
        for (String path : List.of("/", "/structures/1", "/evaluations/1", "/evaluations/1/edit", "/account",
                "/organisations/1/members", "/structures/1/edit", "/evaluations/1/diagram", "/evaluations/1/balance",
                "/evaluations/1/resources", "/evaluations/1/workshop", "/structures/1/referentials",
                "/structures/1/import", "/evaluations/1/elements/new?kind=RESOURCE", "/evaluations/1/links/new",
                "/evaluations/1/interactions/new", "/evaluations/1/stakeholders/new", "/evaluations/1/indicators",
                "/evaluations/1/indicators/new", "/evaluations/1/data", "/evaluations/1/data?targets=true",
                "/evaluations/1/results", "/evaluations/1/framework", "/evaluations/1/objectives/new",
                "/evaluations/1/questions/new", "/evaluations/1/library", "/evaluations/1/disaggregations",
                "/evaluations/1/periods", "/evaluations/1/data?frequency=CUSTOM",
                "/evaluations/1/results?frequency=CUSTOM", "/evaluations/1/indicators/1/values",
                "/evaluations/1/surveys", "/surveys/1", "/surveys/1/results", "/surveys/1/questions/new",
                "/surveys/1/paper", "/evaluations/1/evidence", "/evaluations/1/imports", "/evaluations/1/reports",
                "/evaluations/1/contributions", "/reports/1", "/reports/1?version=1", "/evaluations/1/dashboard")) {
            driver.get(url(path));
            assertFitsAndAccessible(path);
        }
        driver.get(url("/surveys/1"));
        driver.findElement(By.id("label")).sendKeys("Vague ouverte");
        driver.findElement(By.id("period")).sendKeys("2021");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("#waves form button[type=submit]")));
        List<WebElement> links = driver.findElements(By.cssSelector("a.public-link"));
        String publicLink = links.get(links.size() - 1).getAttribute("href");
        driver.manage().deleteAllCookies();
        driver.get(publicLink);
        assertFitsAndAccessible("/s/public");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        assertFitsAndAccessible("/s/public-errors");
        signIn("federation26", "maillon-demo");
        driver.get(url("/surveys/1/results"));
        assertFitsAndAccessible("/surveys/1/results-shared");
        driver.get(url("/organisations/2/library"));
        assertFitsAndAccessible("/organisations/2/library");
    }

    @Test
    void theKeyboardReachesTheSkipLinkFirst() throws Exception {
        driver = Browser.start(1280, 900);
        driver.get(url("/login"));
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(driver.switchTo().activeElement().getAttribute("class")).isEqualTo("skip-link");
    }

    @Test
    void switchesToEnglishAndBack() throws Exception {
        driver = Browser.start(1280, 900);
        driver.get(url("/login"));
        Browser.clickAndWait(driver, driver.findElement(By.linkText("English")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in");
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        signIn("coope", "maillon-demo");
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Hello");
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Français")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Bonjour");
    }

    private void signIn(String username, String password) {
        if (!driver.getCurrentUrl().contains("/login")) {
            driver.get(url("/login"));
        }
        driver.findElement(By.id("username")).clear();
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
        Object wide = ((JavascriptExecutor) driver).executeScript(
                "return Array.from(document.querySelectorAll('body *'))"
                        + ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
                        + ".slice(0, 5).map(e => e.tagName + '.' + e.className + ' '"
                        + " + Math.round(e.getBoundingClientRect().right));");
        assertThat(overflow).as("horizontal overflow on " + page + ": " + wide).isLessThanOrEqualTo(0);
        Object duplicates = ((JavascriptExecutor) driver).executeScript(
                "const ids = Array.from(document.querySelectorAll('[id]')).map(e => e.id);"
                        + "return ids.filter((id, i) => ids.indexOf(id) !== i);");
        assertThat((List<?>) duplicates).as("ids used twice on " + page + ", which labels would point at wrongly")
                .isEmpty();
        Results results = new AxeBuilder().withTags(WCAG).analyze(driver);
        assertThat(results.getPasses()).as("axe ran its checks on " + page).isNotEmpty();
        assertThat(results.getViolations().stream().map(BrowserTests::describe).toList())
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
