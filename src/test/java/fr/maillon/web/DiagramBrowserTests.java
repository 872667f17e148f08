package fr.maillon.web;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's diagram in Chromium on a 1366 × 768 screen: fitted to the width, its effects column in
 * view without sideways scrolling; the zoom buttons enlarge it (then it scrolls inside its frame)
 * and fit it again.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DiagramBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ChromeDriver driver;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void theEffectsAreInViewAt1366PixelsAndTheZoomButtonsWork() throws Exception {
        driver = Browser.start(1366, 768);
        long demo = jdbc.sql("SELECT min(id) FROM evaluation WHERE title = 'Conserverie Mobile et Solidaire'")
                .query(Long.class).single();
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys("coope");
        driver.findElement(By.id("password")).sendKeys("maillon-demo");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
        driver.get(url("/evaluations/" + demo + "/diagram"));

        assertThat(number("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .as("sideways scrolling of the page").isLessThanOrEqualTo(0);
        assertThat(number("var f = document.querySelector('.diagram-scroll'); return f.scrollWidth - f.clientWidth"))
                .as("sideways scrolling of the diagram").isLessThanOrEqualTo(0);
        double right = number("var r = 0; document.querySelectorAll('svg g.node[data-column=\"5\"] rect')"
                + ".forEach(function (e) { r = Math.max(r, e.getBoundingClientRect().right); }); return r;");
        assertThat(right).as("the effects' right edge").isGreaterThan(900).isLessThanOrEqualTo(1366);
        assertThat(number("return document.querySelectorAll('svg g.node[data-column=\"5\"]').length")).isEqualTo(7);
        double text = number("return document.querySelector('svg g.node text').getBoundingClientRect().height");
        assertThat(text).as("the height of a label on screen, in px").isGreaterThan(9);
        Path screenshots = Path.of("target", "screenshots");
        Files.createDirectories(screenshots);
        Files.write(screenshots.resolve("diagram-1366.png"), driver.getScreenshotAs(OutputType.BYTES));

        double fitted = number("return document.querySelector('.diagram-scroll svg').getBoundingClientRect().width");
        driver.findElement(By.cssSelector("button[data-zoom=in]")).click();
        double zoomed = number("return document.querySelector('.diagram-scroll svg').getBoundingClientRect().width");
        assertThat(zoomed).isGreaterThan(fitted * 1.2);
        assertThat(number("var f = document.querySelector('.diagram-scroll'); return f.scrollWidth - f.clientWidth"))
                .as("a zoomed diagram scrolls inside its frame").isGreaterThan(0);
        assertThat(number("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .as("the page itself still does not").isLessThanOrEqualTo(0);
        driver.findElement(By.cssSelector("button[data-zoom=out]")).click();
        driver.findElement(By.cssSelector("button[data-zoom=out]")).click();
        assertThat(number("return document.querySelector('.diagram-scroll svg').getBoundingClientRect().width"))
                .isLessThan(fitted);
        driver.findElement(By.cssSelector("button[data-zoom=fit]")).click();
        assertThat(number("return document.querySelector('.diagram-scroll svg').getBoundingClientRect().width"))
                .isCloseTo(fitted, org.assertj.core.data.Offset.offset(1.0));
    }

    private double number(String script) {
        return ((Number) driver.executeScript(script)).doubleValue();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
