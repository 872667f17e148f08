package fr.maillon.agrement;


import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.maillon.TestUsers;
import fr.maillon.organisation.Role;
import fr.maillon.web.Browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dossier d'agrément on a 360 px phone, in real Chromium, on the demo's La Coopération: as the structure (the
 * file, a part's text form, a refused text, the projet familles form) and as the CAF (the file read-only, the CAF's
 * files page, the agrément calendar with each file's state); axe-core finds no violation and nothing scrolls sideways.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AgrementFileBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestUsers users;

    ChromeDriver phone;

    @AfterEach
    void quit() {
        if (phone != null) {
            phone.quit();
        }
    }

    @Test
    void theStructureAndTheCafReadAndWriteTheFileOnAPhone() throws Exception {
        long projetSocial = jdbc.sql("""
                SELECT e.id FROM evaluation e JOIN organisation o ON o.id = e.structure_id
                WHERE o.name = 'La Coopération' AND e.scope = 'PROJET_SOCIAL'
                ORDER BY e.id LIMIT 1
                """).query(Long.class).single();
        long caf = jdbc.sql("SELECT id FROM organisation WHERE name = 'CAF de la Drôme'").query(Long.class).single();
        long coope = jdbc.sql("SELECT structure_id FROM evaluation WHERE id = ?").param(projetSocial).query(Long.class)
                .single();
        // people of their own in the demo's organisations: what other classes did to the demo's accounts in the
        // shared test context (sign-in failures, a clock moved) never stands in the way
        String director = users.newUsername("direction");
        users.addMember(coope, users.newUser(director), Role.STRUCTURE_ADMIN);
        String conseillere = users.newUsername("conseillere");
        users.addMember(caf, users.newUser(conseillere), Role.CAF_MEMBER);

        phone = Browser.start(360, 740);
        signIn(director);
        phone.get(url("/evaluations/" + projetSocial + "/agrement"));
        assertThat(phone.findElement(By.tagName("h1")).getText()).contains("Dossier d'agrément");
        Browser.assertFitsAndAccessible(phone, "360-agrement-structure-file");
        phone.get(url("/evaluations/" + projetSocial + "/agrement/diagnostic/edit"));
        Browser.assertFitsAndAccessible(phone, "360-agrement-structure-form");
        phone.findElement(By.id("text")).clear();
        ((JavascriptExecutor) phone).executeScript("document.getElementById('text').value = arguments[0];",
                "a".repeat(2001));
        Browser.clickAndWait(phone, phone.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(phone.findElement(By.id("main")).getText()).contains("raccourcissez-le");
        Browser.assertFitsAndAccessible(phone, "360-agrement-structure-form-refused");
        phone.get(url("/evaluations/" + projetSocial + "/agrement/families/edit"));
        Browser.assertFitsAndAccessible(phone, "360-agrement-structure-families-form");

        phone.quit();
        phone = Browser.start(360, 740);
        signIn(conseillere);
        phone.get(url("/evaluations/" + projetSocial + "/agrement"));
        assertThat(phone.findElement(By.id("main")).getText()).contains("Vous lisez ce dossier");
        Browser.assertFitsAndAccessible(phone, "360-agrement-caf-file");
        phone.get(url("/networks/" + caf + "/agrement"));
        assertThat(phone.findElement(By.id("agrement-files")).getText()).contains("La Coopération");
        Browser.assertFitsAndAccessible(phone, "360-agrement-caf-files");
        phone.get(url("/networks/" + caf + "/calendar"));
        assertThat(phone.findElement(By.id("calendar")).getText()).contains("Dossier : 1 partie à compléter");
        Browser.assertFitsAndAccessible(phone, "360-agrement-caf-calendar");
    }

    private void signIn(String username) {
        phone.get(url("/login"));
        phone.findElement(By.id("username")).sendKeys(username);
        phone.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        Browser.clickAndWait(phone, phone.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(phone.getCurrentUrl()).as("signed in as " + username + ": " + phone.findElement(By.id("main"))
                .getText()).doesNotContain("/login");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
