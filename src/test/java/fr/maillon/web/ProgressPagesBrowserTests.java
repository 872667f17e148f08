package fr.maillon.web;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.context.SecurityContextHolder;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.StructureDraft;
import fr.maillon.organisation.StructureKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A federation delegate follows a territory larger than a page on a 360 px phone, in real Chromium: Dordogne (24),
 * 51 structures, and Vienne (86), 2, départements no other test uses. The first page, the next one, then one
 * département chosen in the form: no axe violation, nothing scrolls sideways.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ProgressPagesBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    OrganisationService organisations;

    @Autowired
    EvaluationService evaluations;

    ChromeDriver phone;

    @AfterEach
    void quit() {
        SecurityContextHolder.clearContext();
        if (phone != null) {
            phone.quit();
        }
    }

    @Test
    void aDelegatePagesThroughHerTerritoryAndKeepsOneDepartement() throws Exception {
        long federation = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Fédération de la Dordogne et de la Vienne", List.of("24", "86")));
        String delegate = users.newUsername("delegate");
        users.addMember(federation, users.newUser(delegate), Role.FEDERATION_MEMBER);
        for (int i = 1; i <= 51; i++) {
            structure(String.format("Centre social %02d", i), "24", federation, i == 51);
        }
        structure("Centre social de Poitiers", "86", federation, true);
        structure("Centre social de Châtellerault", "86", federation, false);

        phone = Browser.start(360, 740);
        phone.get(url("/login"));
        phone.findElement(By.id("username")).sendKeys(delegate);
        phone.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        Browser.clickAndWait(phone, phone.findElement(By.cssSelector("main form button[type=submit]")));

        phone.get(url("/networks/" + federation + "/progress"));
        String first = phone.findElement(By.id("main")).getText();
        assertThat(first).contains("53 structures, dont 2 partagent").contains("Page 1 sur 2 : structures 1 à 50 sur 53")
                .contains("Centre social 50").doesNotContain("Centre social 51");
        Browser.assertFitsAndAccessible(phone, "360-progress-first-page");

        Browser.clickAndWait(phone, phone.findElement(By.linkText("Page suivante")));
        String second = phone.findElement(By.id("main")).getText();
        assertThat(second).contains("Page 2 sur 2 : structures 51 à 53 sur 53").contains("Centre social 51")
                .contains("Centre social de Poitiers").doesNotContain("Centre social 50\n");
        assertThat(phone.findElements(By.linkText("Page précédente"))).hasSize(1);
        Browser.assertFitsAndAccessible(phone, "360-progress-second-page");

        new Select(phone.findElement(By.id("place"))).selectByValue("departement-86");
        Browser.clickAndWait(phone, phone.findElement(By.cssSelector("#progress-filter button[type=submit]")));
        String vienne = phone.findElement(By.id("main")).getText();
        assertThat(vienne).contains("2 structures, dont 1 partage").contains("Centre social de Poitiers")
                .contains("Centre social de Châtellerault").contains("Ne partage rien")
                .doesNotContain("Centre social 51").doesNotContain("Page suivante");
        assertThat(new Select(phone.findElement(By.id("place"))).getFirstSelectedOption().getText())
                .isEqualTo("86 Vienne (2 structures)");
        Browser.assertFitsAndAccessible(phone, "360-progress-one-departement");
    }

    private void structure(String name, String departement, long federation, boolean shares) {
        long id = organisations.createStructureUnchecked(new StructureDraft(name, StructureKind.CENTRE_SOCIAL,
                departement, "Commune", null, null, null, null, false, null, null));
        if (shares) {
            String admin = users.newUsername("admin");
            users.addMember(id, users.newUser(admin), Role.STRUCTURE_ADMIN);
            users.signIn(admin);
            evaluations.create(id, new EvaluationDraft("Projet social", EvaluationScope.PROJET_SOCIAL, null,
                    LocalDate.of(2025, 1, 1), LocalDate.of(2026, 12, 31), EvaluationStatus.FRAMING));
            organisations.share(id, null, federation);
            SecurityContextHolder.clearContext();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
