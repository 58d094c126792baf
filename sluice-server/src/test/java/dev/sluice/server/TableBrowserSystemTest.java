package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorIdentity;
import dev.sluice.store.FlowCounts;
import dev.sluice.store.FlowRun;
import dev.sluice.testing.WithEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;

/**
 * The table browser in headless Chromium as a new user meets it: pages forward and back with the row count, choice
 * labels next to their values, a CSV download of the current query, a refused filter shown as an error (no empty
 * grid), and a dry run marked as such in a flow's run history.
 */
@Tag("system")
@WithEmulator(seed = {"accounts=60"})
class TableBrowserSystemTest {
    static final Path SHOTS = Paths.get("target", "screenshots");
    static Emulator emulator;
    static ServerFixture f;
    @RegisterExtension
    static final ServerBrowser browser = new ServerBrowser();

    @BeforeAll
    static void start() throws Exception {
        f = new ServerFixture(emulator);
        ServerFixture.Session admin = f.admin();
        EmulatorIdentity.App app = f.identity().app("Sluice Service").orElseThrow();
        assertThat(admin.json("POST", "/api/v1/connections", Map.of("name", "crm", "orgUrl", emulator.orgUrl(),
                "tenant", f.identity().tenantId().toString(), "auth", Map.of("method", "client-secret",
                        "clientId", app.clientId().toString(), "clientSecret", app.secrets().get(0).reveal())))
                .statusCode()).isEqualTo(201);
        assertThat(admin.json("POST", "/api/v1/connections/crm/authorize", null).statusCode()).isEqualTo(200);
        assertThat(admin.json("PATCH", "/api/v1/connections/crm/tables/account/rows/accountnumber=ACC-0000007",
                Map.of("industrycode", 33)).statusCode()).isLessThan(300);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static Page signedIn(BrowserContext context) {
        Page page = context.newPage();
        ServerBrowser.signInAsAdmin(page, f);
        return page;
    }

    @Test
    void pagesGoForwardAndBackWithTheCountAndChoicesShowTheirLabels() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = signedIn(context);
            page.navigate(f.base + "/connections/crm/tables/account?select=accountnumber,industrycode");
            assertThat(page.textContent("#position")).isEqualTo("Rows 1–25 of 60.");
            assertThat(page.locator("#previous-page").count()).isZero();
            List<String> first = column(page, 1);

            page.click("#next-page");
            page.waitForSelector("text=Rows 26–50 of 60.");
            List<String> second = column(page, 1);
            assertThat(second).hasSize(25).doesNotContainAnyElementsOf(first);
            page.click("#next-page");
            page.waitForSelector("text=Rows 51–60 of 60.");
            assertThat(page.locator("#next-page").count()).isZero();
            page.click("#previous-page");
            page.waitForSelector("text=Rows 26–50 of 60.");
            assertThat(column(page, 1)).isEqualTo(second);
            page.click("#previous-page");
            page.waitForSelector("text=Rows 1–25 of 60.");
            assertThat(column(page, 1)).isEqualTo(first);
            assertThat(page.locator("#previous-page").count()).isZero();

            page.fill("#filter", "accountnumber eq 'ACC-0000007'");
            page.click("#apply");
            page.waitForSelector("text=Rows 1–1 of 1.");
            assertThat(column(page, 2)).containsExactly("33 (Wholesale)");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("table-browser-labels.png")));
        }
    }

    @Test
    void theCurrentQueryDownloadsAsCsv() throws Exception {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setAcceptDownloads(true))) {
            Page page = signedIn(context);
            page.navigate(f.base + "/connections/crm/tables/account?select=accountnumber,industrycode"
                    + "&filter=accountnumber%20eq%20'ACC-0000007'%20or%20accountnumber%20eq%20'ACC-0000008'");
            Download download = page.waitForDownload(() -> page.click("#download-csv"));
            assertThat(download.suggestedFilename()).isEqualTo("account.csv");
            List<String> lines = Files.readAllLines(download.path(), StandardCharsets.UTF_8);
            assertThat(lines.get(0)).isEqualTo("accountnumber,industrycode,industrycode@label");
            assertThat(lines.subList(1, lines.size())).hasSize(2).contains("ACC-0000007,33,Wholesale");
        }
    }

    @Test
    void aFilterDataverseRefusesShowsTheErrorInsteadOfAnEmptyGrid() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context);
            page.navigate(f.base + "/connections/crm/tables/account");
            page.fill("#filter", "nmae eq 'x'");
            page.click("#apply");
            page.waitForSelector("#problem");
            assertThat(page.textContent("#problem")).startsWith("The query did not run: ").contains("nmae");
            assertThat(page.locator("#rows").count()).isZero();
            assertThat(page.locator("#position").count()).isZero();
            assertThat(page.inputValue("#filter")).isEqualTo("nmae eq 'x'");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("table-browser-bad-filter.png")));
        }
    }

    @Test
    void aDryRunIsMarkedAsOneInTheRunHistory() {
        String yaml = "flow: peek\nsource:\n  connection: crm\n  table: account\n  select: [accountid, name]\n"
                + "map:\n  accountid: accountid\n  name: name\n"
                + "target: { connection: crm, table: account, write: update, key: [accountid] }\n";
        assertThat(f.admin().send("POST", "/api/v1/flows", yaml, "application/yaml").statusCode()).isEqualTo(201);
        // what `sluice flow run peek.yaml --dry-run` leaves in the shared store, and a real run after it
        FlowRun dry = f.store.flows().startRun("peek", true);
        f.store.flows().finishRun(dry.id(), "succeeded", new FlowCounts(60, 0, 0, 0, 0), null);
        FlowRun real = f.store.flows().startRun("peek", false);
        f.store.flows().finishRun(real.id(), "succeeded", new FlowCounts(60, 0, 60, 0, 0), null);
        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context);
            page.navigate(f.base + "/flows/peek");
            List<String> runs = page.locator("#runs tbody tr td:nth-child(3)").allTextContents(); // Started, By, Status
            assertThat(runs).containsExactlyInAnyOrder("succeeded", "succeeded dry run");
            assertThat(page.locator("#runs .badge.dry-run").count()).isEqualTo(1);
            page.navigate(f.base + "/flows");
            assertThat(page.textContent("main")).contains("peek");
        }
    }

    private static List<String> column(Page page, int n) {
        return page.locator("#rows tbody tr td:nth-child(" + n + ")").allTextContents();
    }
}
