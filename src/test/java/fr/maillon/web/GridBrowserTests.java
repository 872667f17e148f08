package fr.maillon.web;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
import fr.maillon.framework.DataSource;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.IndicatorDraft;
import fr.maillon.framework.Measure;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;

/** Fifty rows pasted from a spreadsheet into the grid, the results read back; a bad cell refused and named. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GridBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    FrameworkService framework;

    ChromeDriver driver;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void fiftyPastedRowsBecomeResults() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Socle", EvaluationScope.PROJET_SOCIAL,
                null, LocalDate.of(2018, 1, 1), LocalDate.of(2020, 12, 31), null));
        for (int i = 1; i <= 50; i++) {
            framework.addIndicator(evaluation, new IndicatorDraft(String.format("indicateur_%02d", i),
                    String.format("Indicateur %02d", i), null, Measure.COUNT, null, null, null, null, null, null, null,
                    false, DataSource.MANUAL, null, null, null, null, null));
        }
        SecurityContextHolder.clearContext();

        driver = Browser.start(1280, 900);
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(editor.username());
        driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
        driver.get(url("/evaluations/" + evaluation + "/data"));

        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 50; i++) {
            rows.append(i).append('\t').append(i * 2).append('\t').append(i * 3).append("\r\n");
        }
        WebElement first = driver.findElement(By.cssSelector("input[data-row='0'][data-column='0']"));
        ((JavascriptExecutor) driver).executeScript("""
                const data = new DataTransfer();
                data.setData('text/plain', arguments[1]);
                arguments[0].focus();
                arguments[0].dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
                """, first, rows.toString());
        assertThat(driver.findElement(By.cssSelector("input[data-row='49'][data-column='2']")).getAttribute("value"))
                .isEqualTo("150");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains("enregistrées");

        driver.get(url("/evaluations/" + evaluation + "/results"));
        String fiftieth = driver.findElement(By.id("result-indicateur_50")).getText();
        assertThat(fiftieth).contains("50").contains("100").contains("150").contains("300");

        driver.get(url("/evaluations/" + evaluation + "/data"));
        WebElement cell = driver.findElement(By.cssSelector("input[data-row='4'][data-column='1']"));
        cell.clear();
        cell.sendKeys("dix");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("[role=alert]")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText())
                .contains("une cellule est refusée").contains("Indicateur 05, 2019 : nombre attendu");
        assertThat(driver.findElement(By.cssSelector("input[data-row='4'][data-column='1']")).getAttribute("aria-invalid"))
                .isEqualTo("true");
    }

    /** A structure copies the socle's volunteers from the library, enters them by sex on a phone, and reads the results. */
    @Test
    void aLibraryIndicatorIsEnteredByCategoryOnAPhone() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Bénévolat",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2022, 1, 1), LocalDate.of(2023, 12, 31), null));
        SecurityContextHolder.clearContext();

        driver = Browser.start(360, 740);
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(editor.username());
        driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
        driver.get(url("/evaluations/" + evaluation + "/indicators"));
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Copier depuis une bibliothèque")));
        WebElement volunteers = driver.findElement(By.xpath(
                "//section[h2[starts-with(., 'Socle')]]//label[span[. = 'Bénévoles actifs']]"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", volunteers);
        volunteers.click();
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(driver.findElement(By.id("copy-report")).getText()).contains("Un indicateur ajouté")
                .contains("Bénévoles actifs");

        driver.get(url("/evaluations/" + evaluation + "/data"));
        assertThat(driver.findElements(By.cssSelector("#grid tbody th"))).extracting(WebElement::getText)
                .containsExactly("Bénévoles actifs", "Bénévoles actifs —\nFemmes", "Bénévoles actifs —\nHommes",
                        "Bénévoles actifs —\nAutre ou non précisé");
        type("input[data-row='1'][data-column='0']", "9");
        type("input[data-row='2'][data-column='0']", "6");
        type("input[data-row='1'][data-column='1']", "11");
        type("input[data-row='0'][data-column='1']", "20");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText())
                .contains("Bénévoles actifs, 2023 : le total doit être la somme des catégories (11)");

        type("input[data-row='0'][data-column='1']", "");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(driver.findElement(By.cssSelector("input[data-row='0'][data-column='0']")).getAttribute("value"))
                .isEqualTo("15");
        driver.get(url("/evaluations/" + evaluation + "/results"));
        WebElement result = driver.findElement(By.id("result-benevoles"));
        assertThat(result.getText()).contains("15").contains("11");
        assertThat(driver.findElement(By.id("categories-benevoles")).getText().replace('\u00a0', ' '))
                .contains("Femmes 9 personnes 11 personnes").contains("Hommes 6 personnes —");
    }

    private void type(String selector, String text) {
        WebElement input = driver.findElement(By.cssSelector(selector));
        input.clear();
        input.sendKeys(text);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
