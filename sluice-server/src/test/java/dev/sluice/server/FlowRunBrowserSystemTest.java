package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.FaultSpec;
import dev.sluice.server.ServerFixture.Session;
import dev.sluice.testing.WithEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A flow run from the flow page in headless Chromium: "Run now" returns at once, the page shows the run's progress
 * (rows read and written, rate, ETA) moving on its own, "Cancel run" stops it at a chunk boundary, and the page then
 * shows the cancelled run in its history; running again finishes the rest.
 */
@Tag("system")
@WithEmulator(seed = {"accounts=3"})
class FlowRunBrowserSystemTest {
    static final Path SHOTS = Paths.get("target", "screenshots");
    /** Rows of the flow: at one slowed-down write per row, far more than the page is looked at for. */
    static final int ROWS = 400;
    static Emulator emulator;
    static ServerFixture f;
    @RegisterExtension
    static final ServerBrowser browser = new ServerBrowser();
    static Path in;

    @BeforeAll
    static void start() throws Exception {
        f = new ServerFixture(emulator);
        Session admin = f.admin();
        var app = f.identity().app("Sluice Service").orElseThrow();
        assertThat(admin.json("POST", "/api/v1/connections", Map.of("name", "crm", "orgUrl", emulator.orgUrl(),
                "tenant", f.identity().tenantId().toString(), "auth", Map.of("method", "client-secret",
                        "clientId", app.clientId().toString(), "clientSecret", app.secrets().get(0).reveal())))
                .statusCode()).isEqualTo(201);
        assertThat(admin.json("POST", "/api/v1/connections/crm/authorize", null).statusCode()).isEqualTo(200);
        in = Files.createTempDirectory("flow-browser");
        StringBuilder csv = new StringBuilder("number,name\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append("UI-").append(i).append(",From the page ").append(i).append('\n');
        }
        Files.writeString(in.resolve("ui.csv"), csv.toString(), StandardCharsets.UTF_8);
        assertThat(admin.send("POST", "/api/v1/flows", "flow: ui-run\n"
                + "connections:\n  in: { directory: \"" + in.toString().replace("\\", "/") + "\" }\n"
                + "source: { connection: in, table: ui.csv }\n"
                + "map: { accountnumber: number, name: name }\n"
                + "target: { connection: crm, table: account, write: upsert, key: [accountnumber], chunk-size: 1 }\n",
                "application/yaml").statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void runNowShowsLiveProgressAndCancelStopsTheRunWithItsCheckpointKept() {
        // each write takes a while, so the run is still going while the page is looked at
        emulator.faults().add(FaultSpec.delay(Duration.ofMillis(300)).times(1000).method("POST")
                .pathRegex(".*UpsertMultiple.*"));
        LocatorAssertions.IsVisibleOptions long30 = new LocatorAssertions.IsVisibleOptions().setTimeout(30_000);
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            List<String> cspViolations = new java.util.ArrayList<>();
            page.onConsoleMessage(m -> {
                if (m.text().contains("Content Security Policy")) {
                    cspViolations.add(m.text());
                }
            });
            ServerBrowser.signInAsAdmin(page, f);
            page.navigate(f.base + "/flows/ui-run");
            page.click("#run-now");
            page.waitForURL(Pattern.compile(".*/flows/ui-run\\?done=run"));
            Locator read = page.locator("#live-read");
            PlaywrightAssertions.assertThat(page.locator("#live-status")).hasText("running");
            PlaywrightAssertions.assertThat(read).containsText("of about " + ROWS);
            // the panel updates itself: the count moves without a reload
            String first = read.textContent();
            PlaywrightAssertions.assertThat(read).not().hasText(first,
                    new LocatorAssertions.HasTextOptions().setTimeout(30_000));
            assertThat(page.textContent("#live-rate")).endsWith("rows/s");
            assertThat(page.textContent("#live-eta")).startsWith("about ");
            shot(page, "flow-run-live");

            page.click("#cancel-run");
            page.waitForURL(Pattern.compile(".*/flows/ui-run\\?done=cancel"));
            PlaywrightAssertions.assertThat(page.locator("#runs tbody tr").first()).containsText("cancelled",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
            PlaywrightAssertions.assertThat(page.locator("#live-run")).isHidden();
            // the run's upserts, which UpsertMultiple does not tell apart, in their own column (Read is the 5th)
            assertThat(page.locator("#runs thead th:nth-child(8)").textContent()).isEqualTo("Upserted");
            assertThat(page.locator("#runs tbody tr td:nth-child(8)").first().textContent())
                    .isEqualTo(page.locator("#runs tbody tr td:nth-child(5)").first().textContent());
            shot(page, "flow-run-cancelled");
            assertThat(cspViolations).isEmpty();
        } finally {
            emulator.faults().clear();
        }
        Session admin = f.admin();
        var runs = ServerFixture.body(admin.get("/api/v1/flows/ui-run/runs")).get("value");
        long done = runs.get(0).get("read").asLong();
        assertThat(runs.get(0).get("status").asText()).isEqualTo("cancelled");
        assertThat(done).isBetween(1L, ROWS - 1L);
        assertThat(f.store.flows().checkpoint("ui-run")).hasValue("{\"mode\":\"offset\",\"offset\":" + done + "}");
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("flow-" + name + ".png")).setFullPage(true));
    }
}
