package io.customersegments.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

import com.sun.net.httpserver.HttpServer;

import io.customersegments.Api;
import io.customersegments.ServiceTest;
import io.customersegments.TestKeys;

/**
 * The dashboard in Debian's headless Chromium: upload the mall customers, run, publish, and see the
 * five segment cards and the scatter chart. Skipped where Chromium is not installed, except in CI.
 */
@ServiceTest
class DashboardBrowserTests {

    private static final File CHROMIUM = new File("/usr/bin/chromium");

    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    @LocalServerPort
    int port;

    ChromeDriver browser;

    Path profile;

    @BeforeEach
    void startChromium() throws IOException {
        boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(installed, "Chromium not found at /usr/bin/chromium and /usr/bin/chromedriver "
                    + "(install Debian's chromium and chromium-driver): browser test skipped");
        }
        assertThat(installed).as("CI runs the browser test: .ci/run installs chromium and chromium-driver").isTrue();
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // Without the background-networking flags Chromium keeps trying to reach Google on a closed network.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1600", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
            .usingAnyFreePort()
            .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void quit() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            FileSystemUtils.deleteRecursively(profile);
        }
    }

    @Test
    void uploadsRunsPublishesAndShowsTheFiveMallSegments() throws IOException {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get("http://localhost:" + port + "/");
        assertThat(browser.findElement(By.linkText("API (Swagger UI)")).getAttribute("href")).endsWith("/swagger-ui.html");
        signIn(wait, TestKeys.ADMIN);

        // A file with one unreadable value among 20 rows: stored, and the rejected row shown with its line.
        Path rejecting = Files.createTempFile(profile, "customers", ".csv");
        StringBuilder csv = new StringBuilder("CustomerID,Age,Income\n");
        for (int row = 1; row <= 20; row++) {
            csv.append(row).append(',').append(row == 7 ? "old" : String.valueOf(20 + row)).append(",5").append(row)
                .append('\n');
        }
        Files.writeString(rejecting, csv);
        browser.findElement(By.id("upload-file")).sendKeys(rejecting.toString());
        browser.findElement(By.id("upload-force")).click();
        browser.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
        WebElement rejected = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("upload-report")));
        assertThat(rejected.getText()).contains("19 rows accepted, 1 rejected").containsPattern("\\b8\\s+Age\\b");
        String unpublished = rejected.getAttribute("data-dataset-id");

        browser.findElement(By.id("upload-file"))
            .sendKeys(new File("src/test/resources/data/mall_customers.csv").getAbsolutePath());
        browser.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("upload-report"), "200 rows accepted"));
        WebElement report = browser.findElement(By.id("upload-report"));
        assertThat(report.getText()).contains("200 rows accepted, 0 rejected");
        String dataset = report.getAttribute("data-dataset-id");

        browser.findElement(By.id("segment-uploaded")).click();
        // The run form starts with the columns a user most likely wants: income and spending, not the age.
        WebElement income = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#run-features input[value='Annual Income (k$)']")));
        assertThat(income.isSelected()).isTrue();
        assertThat(browser.findElement(By.cssSelector("#run-features input[value='Spending Score (1-100)']")).isSelected())
            .isTrue();
        assertThat(browser.findElement(By.cssSelector("#run-features input[value='Age']")).isSelected()).isFalse();
        browser.findElement(By.cssSelector("#run-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("run-status"), "SUCCEEDED"));
        assertThat(browser.findElement(By.id("run-panel")).getText()).contains("k = 5");
        // The run in plain words: separation and stability as words, their numbers in brackets.
        assertThat(browser.findElement(By.id("run-summary")).getText()).contains("5 segments of 200 customers.")
            .contains("Separation is clear (silhouette 0.5").contains("Stability is high");
        WebElement publish = wait.until(ExpectedConditions.elementToBeClickable(By.id("publish")));
        assertThat(browser.findElements(By.cssSelector("#run-panel .chart img"))).hasSize(3);
        // The run's CSV is fetched with the key (a plain link would be sent without it, and refused).
        @SuppressWarnings("unchecked")
        Map<String, Object> assignments = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const original = window.fetch; let seen = null;"
                        + "window.fetch = (...args) => original(...args).then(r => { seen = r.status; return r; });"
                        + "arguments[0].click();"
                        + "setTimeout(() => { window.fetch = original; done({status: seen,"
                        + " said: document.getElementById('status').textContent}); }, 2000);",
                browser.findElement(By.cssSelector("#run-panel a.assignments-csv")));
        assertThat(assignments).containsEntry("status", 200L);
        assertThat((String) assignments.get("said")).doesNotContain("Download failed");
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target/dashboard-run.png"),
                StandardCopyOption.REPLACE_EXISTING);
        publish.click();

        wait.until(ExpectedConditions.urlContains("#segments/" + dataset));
        List<WebElement> cards = wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".segment-card"), 5));
        assertThat(cards).extracting(card -> card.findElement(By.tagName("h3")).getText())
            .contains("High Income · Low Spending", "Low Income · High Spending");
        assertThat(cards).allSatisfy(card -> assertThat(card.findElements(By.cssSelector(".recommendations li"))).isNotEmpty());
        // The scatter chart was fetched with the key and is shown from a blob: URL, its points' tooltips included.
        WebElement scatter = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("scatter-chart")));
        assertThat(scatter.getAttribute("data")).startsWith("blob:");
        @SuppressWarnings("unchecked")
        Map<String, Object> loaded = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0].data).then(r => r.text().then(t => done({status: r.status,"
                        + " type: r.headers.get('Content-Type'), svg: t.includes('Segment centres')})),"
                        + " e => done({error: String(e)}));",
                scatter);
        assertThat(loaded).containsEntry("status", 200L).containsEntry("type", "image/svg+xml").containsEntry("svg", true);
        // Each card offers its audience as a CSV download.
        WebElement download = cards.get(0).findElement(By.cssSelector("a.audience-csv"));
        @SuppressWarnings("unchecked")
        Map<String, Object> audience = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0].href, {headers: {Authorization: 'Bearer ' + sessionStorage.getItem('segments.apiKey')}})"
                        + ".then(r => r.text().then(t => done({status: r.status,"
                        + " header: t.split('\\n')[0]})));",
                download);
        assertThat(audience).containsEntry("status", 200L);
        assertThat((String) audience.get("header")).startsWith("externalId,segmentKey,segmentName,distance,margin");

        browser.findElement(By.id("lookup-id")).sendKeys("0141");
        browser.findElement(By.cssSelector("#lookup-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("lookup-result"), "High Income · Low Spending"));

        // docs/dashboard.png is refreshed with -Ddashboard.screenshot=docs/dashboard.png; by default the
        // picture goes to target/, so a test run leaves the work tree clean.
        screenshot(Path.of(System.getProperty("dashboard.screenshot", "target/dashboard.png")));

        // On a phone the page reflows into one column instead of scrolling sideways.
        browser.manage().window().setSize(new Dimension(375, 800));
        Number overflow = (Number) ((JavascriptExecutor) browser)
            .executeScript("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(overflow.intValue()).as("past the right edge: %s", ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('body *')]"
                        + ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1"
                        + " && !(e.parentElement && e.parentElement.closest('.scroll')))"
                        + ".map(e => e.tagName + '#' + e.id + '.' + e.className).join(', ')"))
            .isLessThanOrEqualTo(0);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target/dashboard-phone.png"),
                StandardCopyOption.REPLACE_EXISTING);
        // Every page, not only the segments: on the datasets and the runs (with a run open) nothing but the wide
        // tables' own scroll boxes reaches past the right edge of a phone, and the page does not scroll sideways.
        // ... and the segments page of a dataset with no published run, which answers a problem instead of cards.
        // Each page is checked once what it loads is there: the tables' rows, the run form's features, the problem.
        Map<String, String> readyWhen = new LinkedHashMap<>();
        readyWhen.put("#datasets", "#datasets:not([hidden]) #dataset-table tbody tr");
        readyWhen.put("#runs", "#runs:not([hidden]) #run-table tbody tr");
        readyWhen.put("#runs/new-" + dataset, "#runs:not([hidden]) #run-features input");
        readyWhen.put("#segments/" + unpublished, "#segments:not([hidden]) #segment-cards .problem");
        for (Map.Entry<String, String> shown : readyWhen.entrySet()) {
            String page = shown.getKey();
            browser.get("http://localhost:" + port + "/" + page);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(shown.getValue())));
            Object outside = ((JavascriptExecutor) browser).executeScript("return [...document.querySelectorAll('body *')]"
                    + ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1"
                    + " && !(e.parentElement && e.parentElement.closest('.scroll')))"
                    + ".map(e => e.tagName + '#' + e.id + '.' + e.className).join(', ')");
            assertThat((String) outside).as("past the right edge on %s at 375 px", page).isEmpty();
            assertThat(((JavascriptExecutor) browser).executeScript(
                    "return getComputedStyle(document.documentElement).overflowX")).isEqualTo("hidden");
        }
    }

    @Test
    void uploadsOrderLinesShowsTheCleaningFitsLifetimeValueAndRunsRfm() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get("http://localhost:" + port + "/");
        signIn(wait, TestKeys.ADMIN);

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("upload-kind"))).selectByValue("TRANSACTIONS");
        browser.findElement(By.id("upload-date-format")).sendKeys("yyyyMMdd");
        browser.findElement(By.id("upload-file"))
            .sendKeys(new File("src/test/resources/data/cdnow_sample.csv").getAbsolutePath());
        browser.findElement(By.id("upload-force")).click();
        browser.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
        WebElement report = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("upload-report")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("upload-report"), "order lines read"));
        assertThat(report.getText()).contains("6,919 order lines read", "2,357 customers", "What cleaning did",
                "Exact duplicate line");

        browser.findElement(By.id("open-derived")).click();
        WebElement fit = wait.until(ExpectedConditions.elementToBeClickable(By.id("fit-lifetime-value")));
        fit.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("lifetime-value"), "BG/NBD"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dataset-detail"), "p_alive"));
        assertThat(browser.findElement(By.id("dataset-detail")).getText()).contains("clv", "expected_purchases");

        browser.findElement(By.linkText("Segment this dataset")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("run-method")));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("run-method"))).selectByValue("RFM");
        browser.findElement(By.cssSelector("#run-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("run-status"), "SUCCEEDED"));
        assertThat(browser.findElement(By.id("run-panel")).getText()).contains("recency × frequency");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("publish"))).click();
        List<WebElement> cards = wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".segment-card"), 3));
        assertThat(cards).extracting(card -> card.findElement(By.tagName("h3")).getText()).contains("Champions");
        assertThat(cards.get(0).getText()).contains("Lifetime value");
    }

    /** The whole segments page, as a reader sees it at 1280 px, for the README. */
    private void screenshot(Path target) throws IOException {
        Number height = (Number) ((JavascriptExecutor) browser)
            .executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(1280, height.intValue() + 40));
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }


    @Test
    void anAdminAddsAWebhookSeesItsSecretOnceAndSendsItATestEvent() throws IOException {
        List<String> signatures = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        // The first test event fails (and is parked), the rest are taken.
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            signatures.add(exchange.getRequestHeaders().getFirst("X-Segments-Signature"));
            exchange.sendResponseHeaders(signatures.size() == 1 ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Api api = new Api(port);
            long dataset = api.uploadMallCustomers();
            long run = api.succeededRun("{\"datasetId\": " + dataset + ", \"k\": 4, "
                    + "\"features\": [\"Annual Income (k$)\", \"Spending Score (1-100)\"]}");
            assertThat(api.postJson("/api/segmentations/" + run + "/publish", "").status()).isEqualTo(200);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get("http://localhost:" + port + "/#segments/" + dataset);
            signIn(wait, TestKeys.ADMIN);
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".segment-card"), 4));
            WebElement url = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("webhook-url")));
            url.sendKeys("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
            browser.findElement(By.cssSelector("#webhook-form button[type=submit]")).click();
            String secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("webhook-secret"))).getText();
            assertThat(secret).startsWith("whsec_");
            WebElement hook = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                    "#webhook-list .webhook:last-child")));
            assertThat(hook.getText()).contains("/hooks", "ENTERED", "#" + dataset).doesNotContain(secret);
            hook.findElement(By.cssSelector(".webhook-test")).click();
            wait.until(ExpectedConditions.textToBePresentInElement(hook, "PARKED"));
            // Read before the click: the list is drawn again after a retry and once the webhook is deleted.
            String id = hook.getAttribute("data-webhook-id");
            hook.findElement(By.cssSelector(".webhook-retry")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "is sent again."));
            // The list is drawn again after the retry: the webhook's element is a new one.
            wait.until(ExpectedConditions.stalenessOf(hook));
            wait.until(driver -> signatures.size() == 2);
            assertThat(signatures).allSatisfy(signature -> assertThat(signature).startsWith("t="));
            By again = By.cssSelector("#webhook-list [data-webhook-id='" + id + "']");
            wait.until(ExpectedConditions.visibilityOfElementLocated(again)).findElement(By.cssSelector(".webhook-test"))
                .click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(again, "DELIVERED"));
            assertThat(signatures).hasSize(3);
            hook = browser.findElement(again);
            hook.findElement(By.xpath(".//button[text()='Delete']")).click();
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(
                    "#webhook-list [data-webhook-id='" + id + "']"), 0));
        }
        finally {
            receiver.stop(0);
        }
    }

    @Test
    void anAnalystUploadsTheNextVersionScoresItAndSeesTheDrift() throws IOException {
        Api api = new Api(port);
        long dataset = api.uploadMallCustomers();
        long run = api.succeededRun("{\"datasetId\": " + dataset + ", \"k\": 5, "
                + "\"features\": [\"Annual Income (k$)\", \"Spending Score (1-100)\"]}");
        assertThat(api.postJson("/api/segmentations/" + run + "/publish", "").status()).isEqualTo(200);
        // The next version: every customer's income doubled.
        List<String> lines = Api.mallCustomerLines();
        StringBuilder richer = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            fields[3] = String.valueOf(2 * Integer.parseInt(fields[3]));
            richer.append(String.join(",", fields)).append('\n');
        }
        Path file = Files.createTempFile(profile, "mall-v2", ".csv");
        Files.writeString(file, richer);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get("http://localhost:" + port + "/#datasets/" + dataset);
        signIn(wait, TestKeys.ADMIN);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("version-file"))).sendKeys(file.toString());
        // The same doubled incomes may have been uploaded by another test on this schema: stored again.
        browser.findElement(By.id("version-force")).click();
        browser.findElement(By.cssSelector("#version-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("versions"), "Version 2 of the table"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("score-version"))).click();
        wait.until(ExpectedConditions.textToBe(By.id("run-status"), "SUCCEEDED"));
        WebElement drift = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("drift")));
        assertThat(drift.getText()).contains("have drifted", "\"Annual Income (k$)\" shifted", "Segment shares");
        assertThat(browser.findElement(By.id("run-panel")).getText()).contains("Scored with the model of run #" + run);
        assertThat(browser.findElements(By.id("publish"))).hasSize(1);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target/dashboard-drift.png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aReaderKeySeesTheLiveSegmentsOnlyAndAWrongKeyIsRefused() {
        Api api = new Api(port);
        long dataset = api.uploadMallCustomers();
        long run = api.succeededRun("{\"datasetId\": " + dataset + ", \"k\": 5, "
                + "\"features\": [\"Annual Income (k$)\", \"Spending Score (1-100)\"]}");
        assertThat(api.postJson("/api/segmentations/" + run + "/publish", "").status()).isEqualTo(200);
        String reader = api.createKey("dashboard reader " + System.nanoTime(), "READER");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get("http://localhost:" + port + "/#segments/" + dataset);

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-input"))).sendKeys("cs_not-a-key");
        browser.findElement(By.cssSelector("#key-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("key-message"), "does not accept"));
        assertThat(browser.findElement(By.id("segments")).isDisplayed()).isFalse();

        signIn(wait, reader);
        assertThat(browser.findElement(By.id("key-status")).getText()).contains("READER");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".segment-card"), 5));
        // The charts come with the key too.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("scatter-chart")));
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("history-chart-svg")))
            .getAttribute("data")).startsWith("blob:");
        assertThat(browser.findElement(By.id("history-table")).getText()).contains("Latest publishes", "#" + run);
        assertThat(browser.findElement(By.id("webhooks-panel")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("nav li:not([hidden]) a")))
            .extracting(WebElement::getText).containsExactly("Segments", "API (Swagger UI)");
        assertThat(browser.findElement(By.id("upload-form")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("run-form")).isDisplayed()).isFalse();
        // A READER sent to the datasets lands on the segments.
        browser.get("http://localhost:" + port + "/#datasets");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("segments")));
        assertThat(browser.findElement(By.id("datasets")).isDisplayed()).isFalse();
    }

    /** Pastes a key into the dashboard's sign-in form and waits for the service to confirm it. */
    private void signIn(WebDriverWait wait, String key) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-input"))).sendKeys(key);
        browser.findElement(By.cssSelector("#key-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-status")));
    }

}
