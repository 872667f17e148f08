package fr.maillon.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
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
import fr.maillon.framework.CellInput;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.Indicator;
import fr.maillon.framework.LibraryEntry;
import fr.maillon.framework.LibraryService;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A programme's journey in real Chromium on a 360 px phone: a federation member creates a programme, adds a
 * milestone and makes an invitation link; a structure's director opens the link and joins sharing one evaluation;
 * back as the facilitator, the programme page shows the structure, its progress and the milestone it is late for,
 * and a workshop kit downloads as a PDF. Every page: no axe violation, no sideways scrolling.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ProgrammeBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    OrganisationService organisations;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    LibraryService libraries;

    @Autowired
    FrameworkService framework;

    ChromeDriver phone;

    @AfterEach
    void quit() {
        SecurityContextHolder.clearContext();
        if (phone != null) {
            phone.quit();
        }
    }

    @Test
    void aFacilitatorInvitesAStructureThatJoinsAndFollowsItsProgress() throws Exception {
        long federation = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Fédération de Guadeloupe", List.of("971")));
        String facilitator = users.newUsername("facilitator");
        users.addMember(federation, users.newUser(facilitator), Role.FEDERATION_MEMBER);
        TestUsers.Created director = users.structureWithMember(Role.STRUCTURE_ADMIN);
        users.signIn(director.username());
        long evaluation = evaluations.create(director.structureId(), new EvaluationDraft("Projet social 2025-2028",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2025, 1, 1), LocalDate.of(2028, 12, 31),
                EvaluationStatus.COLLECTING));
        evaluations.create(director.structureId(), new EvaluationDraft("Action gardée pour soi",
                EvaluationScope.ACTION, "Jardin", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31),
                EvaluationStatus.FRAMING));
        libraries.copy(evaluation, libraries.libraries(evaluation).stream().filter(l -> l.code().equals("socle"))
                .flatMap(l -> l.entries().stream()).map(LibraryEntry::id).toList());
        Map<String, Long> ids = new HashMap<>();
        framework.indicators(evaluation).forEach((Indicator i) -> ids.put(i.code(), i.id()));
        framework.saveValues(evaluation, List.of(new CellInput(ids.get("benevoles"), "2025", "18")),
                DataSource.MANUAL);
        SecurityContextHolder.clearContext();

        phone = Browser.start(360, 740);
        signIn(facilitator);
        phone.get(url("/networks/" + federation + "/programmes/new"));
        Browser.assertFitsAndAccessible(phone, "360-programme-new");
        phone.findElement(By.id("name")).sendKeys("Évaluer ensemble aux Antilles");
        phone.findElement(By.id("description")).sendKeys("Un an d'ateliers communs entre centres sociaux.");
        submit("main form button[type=submit]");
        assertThat(phone.findElement(By.tagName("h1")).getText()).isEqualTo("Évaluer ensemble aux Antilles");
        String programmePage = phone.getCurrentUrl();
        assertThat(programmePage).matches(".*/programmes/[0-9]+$");
        Browser.assertFitsAndAccessible(phone, "360-programme-empty");

        phone.findElement(By.id("label")).sendKeys("Atelier chaîne de valeur");
        new Select(phone.findElement(By.id("step"))).selectByValue("CHAIN");
        ((JavascriptExecutor) phone).executeScript("document.getElementById('dueOn').value = '2026-01-15';");
        submit("form[action$='/milestones'] button[type=submit]");
        assertThat(phone.findElement(By.id("milestones")).getText()).contains("Atelier chaîne de valeur");

        phone.findElement(By.id("invitee")).sendKeys("Le centre de Pointe-à-Pitre");
        submit("form[action$='/invitations'] button[type=submit]");
        String link = phone.findElement(By.cssSelector("#invitations code")).getText();
        assertThat(link).contains("/programme-invitations/");
        Browser.assertFitsAndAccessible(phone, "360-programme-link");

        signOut();
        signIn(director.username());
        phone.get(link);
        assertThat(phone.findElement(By.tagName("h1")).getText()).contains("Évaluer ensemble aux Antilles");
        Browser.assertFitsAndAccessible(phone, "360-programme-join");
        new Select(phone.findElement(By.id("share"))).selectByValue(String.valueOf(evaluation));
        submit("main form button[type=submit]");

        signOut();
        signIn(facilitator);
        phone.get(programmePage);
        String main = phone.findElement(By.id("main")).getText();
        assertThat(main).contains("Projet social 2025-2028", "Collecte : fait", "En retard sur 1 jalon",
                "Atelier chaîne de valeur").doesNotContain("Action gardée pour soi");
        assertThat(phone.findElement(By.id("milestones")).getText()).contains("1 structure en retard : Structure");
        Browser.assertFitsAndAccessible(phone, "360-programme-cohort");
        phone.findElement(By.linkText("Avancement dans la méthode")).click();
        assertThat(phone.findElement(By.tagName("h1")).getText()).isEqualTo("Avancement dans la méthode");
        Browser.assertFitsAndAccessible(phone, "360-programme-progress");

        phone.get(programmePage);
        String kit = phone.findElement(By.cssSelector("#kits a[href$='/kits/CHAIN.pdf']")).getAttribute("href");
        @SuppressWarnings("unchecked")
        List<String> download = (List<String>) ((JavascriptExecutor) phone).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.arrayBuffer().then(b => {
                  let s = ''; new Uint8Array(b).forEach(c => s += String.fromCharCode(c));
                  done([r.headers.get('content-type'), btoa(s)]);
                }));
                """, kit);
        assertThat(download.get(0)).isEqualTo("application/pdf");
        byte[] pdf = Base64.getDecoder().decode(download.get(1));
        Files.write(Files.createDirectories(Path.of("target/screenshots")).resolve("kit-chain.pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            assertThat(new PDFTextStripper().getText(document)).contains("Guide de séance");
        }
    }

    private void signIn(String username) {
        if (!phone.getCurrentUrl().contains("/login")) {
            phone.get(url("/login"));
        }
        phone.findElement(By.id("username")).clear();
        phone.findElement(By.id("username")).sendKeys(username);
        phone.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        submit("main form button[type=submit]");
    }

    private void signOut() {
        phone.manage().deleteAllCookies();
        phone.get(url("/login"));
    }

    private void submit(String button) {
        WebElement element = phone.findElement(By.cssSelector(button));
        Browser.clickAndWait(phone, element);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
