package fr.maillon.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven by Selenium, with the binaries given explicitly so that Selenium
 * Manager never runs. Without Chromium, browser tests are skipped on a laptop and fail in CI.
 */
public final class Browser {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private Browser() {
    }

    public static ChromeDriver start(int width, int height) throws IOException {
        return start(width, height, true);
    }

    /** A browser whose pages run no JavaScript at all, as on some cheap or locked-down phones. */
    public static ChromeDriver startWithoutJavaScript(int width, int height) throws IOException {
        return start(width, height, false);
    }

    private static ChromeDriver start(int width, int height, boolean javascript) throws IOException {
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but /usr/bin/chromium or /usr/bin/chromedriver is missing: "
                        + "apt-get install -y chromium chromium-driver");
            }
            Assumptions.abort("Chromium is not installed: browser tests skipped");
        }
        Path profile = Files.createTempDirectory("maillon-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--lang=fr-FR", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height);
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // A headless window is at least 500 px wide: narrower screens are emulated, as a phone would be.
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 600));
        // Each browser signs in from an address of its own, as each person's phone would: the sign-in throttle counts
        // failures per address (the app trusts the loopback proxy's X-Forwarded-For), and other classes leave theirs
        // on the loopback address of the shared test context.
        int client = CLIENTS.incrementAndGet();
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers",
                Map.of("X-Forwarded-For", "10.77." + (client >> 8 & 255) + "." + (client & 255))));
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        return driver;
    }

    /** Whether the element's page has been replaced; Chromium may say so with an inspector error. */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        }
        catch (WebDriverException ex) {
            return true;
        }
    }

    /** Clicks and waits for the browser to load a new page (a link, a form, a post/redirect/get). */
    public static void clickAndWait(WebDriver driver, WebElement element) {
        String before = driver.getCurrentUrl();
        WebElement page = driver.findElement(By.tagName("html"));
        element.click();
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .withMessage(() -> "no new page after " + before + ": " + driver.findElement(By.tagName("body"))
                        .getText())
                .until(current -> gone(page));
    }

    /**
     * Saves a screenshot of the page under target/screenshots, and checks that nothing scrolls sideways and that
     * axe-core finds no serious or critical WCAG 2.1 AA violation.
     */
    public static void assertFitsAndAccessible(ChromeDriver driver, String page) throws IOException {
        Path screenshots = Files.createDirectories(Path.of("target/screenshots"));
        Files.write(screenshots.resolve(page.replaceAll("[^a-z0-9]+", "-") + ".png"),
                driver.getScreenshotAs(OutputType.BYTES));
        long overflow = (Long) driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        Object wide = driver.executeScript("return Array.from(document.querySelectorAll('body *'))"
                + ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
                + ".slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));");
        Assertions.assertThat(overflow).as("horizontal overflow on " + page + ": " + wide).isLessThanOrEqualTo(0);
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
        Assertions.assertThat(results.getPasses()).as("axe ran its checks on " + page).isNotEmpty();
        Assertions.assertThat(results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getNodes().stream()
                        .map(node -> String.valueOf(node.getTarget())).toList())
                .toList()).as("serious or critical axe violations on " + page).isEmpty();
    }
}
