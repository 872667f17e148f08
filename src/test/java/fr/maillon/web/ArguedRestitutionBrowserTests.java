package fr.maillon.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import fr.maillon.TestFiles;
import fr.maillon.TestUsers;
import fr.maillon.exchange.ExchangeService;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The argued restitution in real browsers, on a copy of the demo's Conserverie: the director writes
 * verdicts on its evaluative questions, marks a link's hypothesis, makes the CAF file, a stakeholder
 * disagrees through a review link, the director answers and finalises; the PDF of version 1, read
 * back, holds every question with its verdict and evidence, a diagram page with no word below 7 pt,
 * no number with more decimals than its indicator's precision, an n beside every survey percentage,
 * and what the stakeholders said.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ArguedRestitutionBrowserTests {

    /** DejaVu Sans's ascent plus descent: a word's box in pdftotext -bbox is its font size times this. */
    private static final double LINE_BOX = 1.164;

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    ExchangeService exchange;

    @Autowired
    JdbcClient jdbc;

    ChromeDriver author;
    ChromeDriver reviewer;

    @AfterEach
    void quit() {
        for (ChromeDriver browser : new ChromeDriver[] { author, reviewer }) {
            if (browser != null) {
                browser.quit();
            }
        }
        SecurityContextHolder.clearContext();
    }

    @Test
    void verdictsHypothesesAReviewAnsweredAndTheCafFileFinalisedReadBackFromItsPdf() throws Exception {
        TestUsers.Created director = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(director.username());
        long evaluation = exchange.importEvaluation(director.structureId(), TestFiles.demoDocument());
        SecurityContextHolder.clearContext();
        List<Long> questions = jdbc.sql("SELECT id FROM evaluative_question WHERE evaluation_id = :e ORDER BY position")
                .param("e", evaluation).query(Long.class).list();

        author = Browser.start(1280, 900);
        author.get(url("/login"));
        author.findElement(By.id("username")).sendKeys(director.username());
        author.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        submit(author, "main form button[type=submit]");

        // 1. verdicts: two questions judged again, from the list of judgements
        author.get(url("/evaluations/" + evaluation + "/verdicts"));
        verdict(evaluation, questions.get(1), "NON_ATTEINT", "Les ateliers ont moins touché les quartiers en 2020, "
                + "année de fermetures ; la part remonte ensuite sans atteindre la cible de chaque année.",
                "Les ateliers ont été fermés une partie de 2020.");
        verdict(evaluation, questions.get(3), "INDETERMINE", "Le temps bénévole n'est compté que depuis 2019 ; il "
                + "faut une saison de plus pour comparer ce que le projet produit à ce qu'il coûte.",
                "Il faut encore une saison pour le dire.");
        author.get(url("/evaluations/" + evaluation + "/verdicts"));
        assertThat(author.findElement(By.id("main")).getText()).contains("Non atteint")
                .contains("On ne peut pas encore dire");

        // 2. a hypothesis: the first link of the chain is not confirmed, and why
        author.get(url("/evaluations/" + evaluation));
        Browser.clickAndWait(author, author.findElement(By.cssSelector("#links li a[href$='/edit']")));
        new Select(author.findElement(By.id("hypothesis"))).selectByValue("NON_CONFIRMEE");
        author.findElement(By.id("justification")).clear();
        author.findElement(By.id("justification")).sendKeys("Les bénévoles n'ont pas organisé de sortie en 2021.");
        submit(author, "main form button[type=submit]");
        assertThat(author.findElement(By.id("links")).getText()).contains("Les bénévoles n'ont pas organisé");

        // 3. the CAF file, and a stakeholder who disagrees through her review link
        author.get(url("/evaluations/" + evaluation + "/reports"));
        author.findElement(By.id("title")).sendKeys("Dossier d'agrément 2018–2021");
        new Select(author.findElement(By.id("audience"))).selectByValue("CAF");
        submit(author, "main section form button[type=submit]");
        String reportUrl = author.getCurrentUrl();
        long report = Long.parseLong(reportUrl.replaceAll(".*/reports/(\\d+).*", "$1"));
        author.findElement(By.id("reviewer-name")).sendKeys("Marie, CAF de la Drôme");
        submit(author, "#review form button[type=submit]");
        String link = author.findElement(By.cssSelector("#new-review-link a")).getAttribute("href");
        reviewer = Browser.startWithoutJavaScript(360, 740);
        reviewer.get(link);
        reviewer.findElement(By.cssSelector("#opinion-RESULTS input[value=DISAGREE]")).sendKeys(Keys.SPACE);
        reviewer.findElement(By.id("text-RESULTS")).sendKeys("Le jugement sur l'efficience est trop prudent.");
        WebElement before = reviewer.findElement(By.tagName("html"));
        reviewer.findElement(By.cssSelector("#opinion-RESULTS button[type=submit]")).sendKeys(Keys.ENTER);
        new WebDriverWait(reviewer, Duration.ofSeconds(15)).until(ExpectedConditions.stalenessOf(before));

        // finalising waits for a written answer to the disagreement
        author.get(reportUrl);
        assertThat(author.findElement(By.id("checklist-unanswered")).getText()).contains("Marie, CAF de la Drôme");
        submit(author, "form[action$='/finalise'] button[type=submit]");
        assertThat(author.getCurrentUrl()).doesNotContain("version=1");
        assertThat(jdbc.sql("SELECT count(*) FROM report_version WHERE report_id = :r").param("r", report)
                .query(Long.class).single()).isZero();
        author.get(reportUrl);
        author.findElement(By.cssSelector("#checklist-unanswered textarea"))
                .sendKeys("Nous gardons « on ne peut pas encore dire » jusqu'à la saison 2022.");
        submit(author, "#checklist-unanswered button[type=submit]");
        author.get(reportUrl);
        submit(author, "form[action$='/finalise'] button[type=submit]");
        assertThat(author.getCurrentUrl()).endsWith("?version=1");

        // 4. version 1 read back from its PDF
        byte[] pdf = download("/reports/" + report + "/report.pdf?version=1");
        Path file = Files.createTempFile("maillon-caf", ".pdf");
        Files.write(file, pdf);
        String text;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(document).replaceAll("[\\s\\u00a0\\u202f]+", " ");
        }
        List<String> texts = jdbc.sql("SELECT text FROM evaluative_question WHERE evaluation_id = :e ORDER BY position")
                .param("e", evaluation).query(String.class).list();
        for (int i = 0; i < texts.size(); i++) {
            assertThat(text).as("question %d", i + 1).contains("Question " + (i + 1) + " — "
                    + texts.get(i).substring(0, 30));
        }
        assertThat(text).contains("Non atteint").contains("On ne peut pas encore dire")
                .contains("Les ateliers ont moins touché les quartiers en 2020");
        assertThat(count(text, "Sur quoi s'appuie ce jugement")).as("questions with their evidence")
                .isEqualTo(texts.size());
        assertThat(text).contains("Ce que les parties prenantes en ont dit").contains("Marie, CAF de la Drôme")
                .contains("Le jugement sur l'efficience est trop prudent.")
                .contains("Nous gardons « on ne peut pas encore dire » jusqu'à la saison 2022.");

        // no number with more decimals than the indicators' precision, percentages with at most one
        int precision = jdbc.sql("SELECT max(display_precision) FROM indicator WHERE evaluation_id = :e")
                .param("e", evaluation).query(Integer.class).single();
        assertThat(find("\\d,\\d{" + (precision + 1) + ",}", text)).as("numbers with too many decimals").isEmpty();
        assertThat(find("\\d,\\d{2,} ?%", text)).as("percentages with more than one decimal").isEmpty();
        // an n beside every survey percentage: the note's voices, the survey annex, the evidence lines
        List<String> surveyed = new ArrayList<>(find("— \\d+(?:,\\d)? ?%[^%]{0,12}", slice(text,
                "Ce que disent les personnes interrogées", "Contexte et parties prenantes")));
        surveyed.addAll(find("\\d+(?:,\\d)? ?%[^%]{0,12}", slice(text, "D'accord ou oui", "Témoignages")));
        surveyed.addAll(find("\\d+(?:,\\d)? ?% \\(n = \\d+\\) d'accord|\\d+(?:,\\d)? ?%[^%]{0,12}d'accord ou oui",
                text));
        assertThat(surveyed).as("survey percentages").hasSizeGreaterThan(8)
                .allSatisfy(share -> assertThat(share).contains("(n = "));

        // the diagram's own landscape page: its words are real text, none below 7 pt
        List<Double> sizes = diagramWordSizes(file);
        Files.delete(file);
        assertThat(sizes).as("words on the diagram's page").hasSizeGreaterThan(100);
        assertThat(sizes).allSatisfy(size -> assertThat(size).isGreaterThanOrEqualTo(6.99));
    }

    private void verdict(long evaluation, long question, String scale, String argument, String plain) {
        Browser.clickAndWait(author, author.findElement(By.cssSelector("a[href$='/evaluations/" + evaluation
                + "/questions/" + question + "/verdict']")));
        author.findElement(By.cssSelector("input[name=verdict][value=" + scale + "]")).click();
        WebElement text = author.findElement(By.id("argument"));
        text.clear();
        text.sendKeys(argument);
        WebElement message = author.findElement(By.id("plainMessage"));
        message.clear();
        message.sendKeys(plain);
        submit(author, "main form button[type=submit]");
        author.get(url("/evaluations/" + evaluation + "/verdicts"));
    }

    /** The size in points of every word on the PDF's landscape pages (the diagram's), from pdftotext -bbox. */
    private static List<Double> diagramWordSizes(Path pdf) throws Exception {
        Path html = Files.createTempFile("maillon-bbox", ".html");
        Process process = new ProcessBuilder("pdftotext", "-bbox", pdf.toString(), html.toString())
                .redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String boxes = Files.readString(html);
        Files.delete(html);
        List<Double> sizes = new ArrayList<>();
        Matcher page = Pattern.compile("<page width=\"([\\d.]+)\" height=\"([\\d.]+)\">(.*?)</page>", Pattern.DOTALL)
                .matcher(boxes);
        while (page.find()) {
            if (Double.parseDouble(page.group(1)) <= Double.parseDouble(page.group(2))) {
                continue;
            }
            Matcher word = Pattern.compile("<word xMin=\"[\\d.]+\" yMin=\"([\\d.]+)\" xMax=\"[\\d.]+\" yMax=\"([\\d.]+)\">")
                    .matcher(page.group(3));
            while (word.find()) {
                sizes.add((Double.parseDouble(word.group(2)) - Double.parseDouble(word.group(1))) / LINE_BOX);
            }
        }
        return sizes;
    }

    private byte[] download(String path) throws Exception {
        String cookies = author.manage().getCookies().stream().map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Cookie", cookies).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String slice(String text, String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as(from).isNotNegative();
        int end = text.indexOf(to, start + from.length());
        return text.substring(start, end < 0 ? text.length() : end);
    }

    private static List<String> find(String regex, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static void submit(ChromeDriver browser, String selector) {
        Browser.clickAndWait(browser, browser.findElement(By.cssSelector(selector)));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
