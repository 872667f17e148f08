package fr.maillon.web;

import java.util.List;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.context.SecurityContextHolder;

import fr.maillon.TestUsers;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16, accounts, in Chromium on a 360 px phone: the rule shown before typing, checked while typing; signed in at once. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class NewAccountBrowserTests {

    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    OrganisationService organisations;

    ChromeDriver driver;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void anInvitedPersonOpensHerAccountAndLandsSignedIn() throws Exception {
        TestUsers.Created admin = users.structureWithMember(Role.STRUCTURE_ADMIN);
        users.signIn(admin.username());
        String token;
        try {
            token = organisations.invite(admin.structureId(), Role.STRUCTURE_EDITOR, "Samia, bénévole").token();
        }
        finally {
            SecurityContextHolder.clearContext();
        }
        driver = Browser.start(360, 740);
        driver.get("http://localhost:" + port + "/invitations/" + token);
        WebElement password = driver.findElement(By.id("password"));
        WebElement rule = driver.findElement(By.id("password-rule"));
        assertThat(rule.isDisplayed()).as("the rule is shown before anything is typed").isTrue();
        assertThat(rule.getText()).startsWith("Au moins 10 caractères, 200 au plus.");
        assertThat(password.getAttribute("aria-describedby")).isEqualTo("password-rule");
        assertThat(driver.findElement(By.id("password-check")).isDisplayed()).isFalse();
        assertFitsAndAccessible("invitation");

        password.sendKeys("court");
        WebElement check = driver.findElement(By.id("password-check"));
        assertThat(check.getText()).contains("Trop court pour l'instant : il faut au moins 10 caractères.")
                .contains("caractères saisis : 5");
        password.sendKeys("-mais-long");
        assertThat(check.getText()).contains("La longueur convient.").contains("caractères saisis : 15");
        assertFitsAndAccessible("invitation-typed");

        assertThat(driver.manage().getCookieNamed("MAILLON_SESSION")).as("no session before the account is opened")
                .isNull();
        driver.findElement(By.id("displayName")).sendKeys("Samia Benali");
        driver.findElement(By.id("username")).sendKeys(users.newUsername("samia"));
        driver.findElement(By.id("confirmation")).sendKeys("court-mais-long");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));

        assertThat(driver.getCurrentUrl()).endsWith("/structures/" + admin.structureId());
        assertThat(driver.findElement(By.cssSelector(".flash")).getText())
                .isEqualTo("Bienvenue dans Maillon : votre compte est créé, votre session est ouverte et vous avez "
                        + "rejoint l'organisation.");
        assertThat(driver.findElement(By.cssSelector("header nav")).getText()).contains("Samia Benali");
        assertThat(driver.manage().getCookieNamed("MAILLON_SESSION")).as("the session opened with the account")
                .isNotNull();

        driver.get("http://localhost:" + port + "/account");
        assertThat(driver.getCurrentUrl()).as("still signed in").endsWith("/account");
        assertThat(driver.findElement(By.id("newPassword-rule")).isDisplayed()).isTrue();
        assertFitsAndAccessible("account");
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
}
