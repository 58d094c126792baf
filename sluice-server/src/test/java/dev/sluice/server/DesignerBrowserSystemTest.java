package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.sluice.auth.ConnectionCredentials;
import dev.sluice.emulator.Emulator;
import dev.sluice.flow.CheckedFlow;
import dev.sluice.flow.FlowRunner;
import dev.sluice.flow.FlowValidator;
import dev.sluice.flow.RunOptions;
import dev.sluice.flow.RunSummary;
import dev.sluice.flow.StoreConnections;
import dev.sluice.server.ServerFixture.Session;
import dev.sluice.testing.WithEmulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The designer in headless Chromium, end to end: a member with grants builds a Dataverse → PostgreSQL flow from
 * scratch by picking from lists (connection, table, target table, write mode and key, a source column per target
 * column, one CEL expression checked as it is typed), previews it, saves it, runs it and sees it complete; then edits
 * the mapping in the designer (a second version, with the change against the first shown) and runs again, reading
 * only what changed. The YAML the flow page downloads runs with the flow runner as {@code sluice flow run} runs it
 * and writes the same rows. The pages stay usable at 1280×800 and 390×844 and by keyboard; no CSP violation.
 * Screenshots are kept under {@code target/screenshots}.
 */
@Tag("system")
@WithEmulator(seed = {"accounts=30"})
class DesignerBrowserSystemTest {
    /** The run history's Read cell (columns: Started, By, Status, Node, Read, …). */
    static final String RUNS_READ = "#runs tbody tr td:nth-child(5)";

    static final Path SHOTS = Paths.get("target", "screenshots");
    static final String FLOW = "accounts-to-warehouse";
    static Emulator emulator;
    static ServerFixture f;
    static EmbeddedPostgres postgres;
    @RegisterExtension
    static final ServerBrowser browser = new ServerBrowser();

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
        warehouse("CREATE TABLE crm_accounts (id UUID PRIMARY KEY, account_name VARCHAR(200), account_no VARCHAR(50), "
                + "revenue NUMERIC(19,4), tagline VARCHAR(400))");
        f = new ServerFixture(emulator);
        Session admin = f.admin();
        var app = f.identity().app("Sluice Service").orElseThrow();
        assertThat(admin.json("POST", "/api/v1/connections", Map.of("name", "crm", "orgUrl", emulator.orgUrl(),
                "tenant", f.identity().tenantId().toString(), "auth", Map.of("method", "client-secret",
                        "clientId", app.clientId().toString(), "clientSecret", app.secrets().get(0).reveal())))
                .statusCode()).isEqualTo(201);
        assertThat(admin.json("POST", "/api/v1/connections/crm/authorize", null).statusCode()).isEqualTo(200);
        var registered = admin.json("POST", "/api/v1/databases", Map.of("name", "warehouse", "jdbcUrl",
                "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "user", "postgres", "password",
                "postgres"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(admin.json("POST", "/api/v1/databases", Map.of("name", "payroll", "jdbcUrl",
                "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "user", "postgres", "password",
                "postgres")).statusCode()).isEqualTo(201);
        f.member(admin, "ana");
        assertThat(admin.json("PUT", "/api/v1/connections/crm/grants/ana", Map.of("level", "read")).statusCode())
                .isEqualTo(200);
        assertThat(admin.json("PUT", "/api/v1/databases/warehouse/grants/ana", Map.of("level", "write"))
                .statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (f != null) {
            f.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aMemberBuildsPreviewsSavesRunsEditsAndRerunsAFlowInTheBrowserAndItsYamlRunsTheSame() throws Exception {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800)
                .setAcceptDownloads(true))) {
            Page page = context.newPage();
            List<String> cspViolations = new ArrayList<>();
            page.onConsoleMessage(m -> {
                if (m.text().contains("Content Security Policy")) {
                    cspViolations.add(m.text());
                }
            });
            signIn(page, "ana", "one-time-ana");

            // from the flows list to a blank designer
            page.navigate(f.base + "/flows");
            page.click("#new-flow");
            page.waitForURL(f.base + "/designer");
            // keyboard: the first field takes the focus with Tab and shows it
            page.locator("#flow-name").focus();
            page.keyboard().type(FLOW);
            page.keyboard().press("Tab");
            assertThat(page.evaluate("document.activeElement.id")).isEqualTo("source-connection");
            assertThat((String) page.evaluate("getComputedStyle(document.activeElement).outlineStyle"))
                    .isNotEqualTo("none");

            // 1. source: only what ana may read is offered (not the database she holds no grant on)
            assertThat(page.locator("#source-connection option").allTextContents()).anyMatch(t -> t.contains("crm"))
                    .noneMatch(t -> t.contains("payroll"));
            htmx(page, () -> page.selectOption("#source-connection", "crm"));
            page.fill("#source-search", "accou");
            PlaywrightAssertions.assertThat(page.locator("#source-table option[value=account]")).hasCount(1);
            htmx(page, () -> page.selectOption("#source-table", "account"));
            PlaywrightAssertions.assertThat(page.locator("#source-columns-hint")).containsText("primary key accountid");
            htmx(page, () -> page.check("#inc-ct"));

            // 2. target: the database ana may write to, an existing table, upsert by its primary key
            assertThat(page.locator("#target-connection option").allTextContents())
                    .anyMatch(t -> t.contains("warehouse")).noneMatch(t -> t.contains("payroll"))
                    .noneMatch(t -> t.contains("crm"));
            htmx(page, () -> page.selectOption("#target-connection", "warehouse"));
            htmx(page, () -> page.selectOption("#target-table", "crm_accounts"));
            choose(page, "#target-write", "upsert");
            assertThat(page.locator("#target-key option").allTextContents()).anyMatch(t -> t.contains("id"));
            choose(page, "#target-key", "id");

            // 3. mapping: a source column per target column, picked from lists that show the type
            mapColumn(page, "id", "accountid");
            mapColumn(page, "account_name", "name");
            mapColumn(page, "account_no", "accountnumber");
            mapColumn(page, "revenue", "revenue");
            Locator tagline = row(page, "tagline");
            htmx(page, () -> tagline.locator("select[name$='.kind']").selectOption("cel"));
            Locator cel = row(page, "tagline").locator("input[name$='.cel']");
            Locator check = row(page, "tagline").locator(".cel-check");
            // a broken expression: the error and where it is, while typing
            cel.fill("name + ");
            PlaywrightAssertions.assertThat(check.locator(".error")).containsText("At character");
            shot(page, "cel-error");
            cel.fill("name + \" (\" + accountnumber + \")\"");
            PlaywrightAssertions.assertThat(check.locator(".ok")).isVisible();
            PlaywrightAssertions.assertThat(check.locator(".error")).hasCount(0);
            shot(page, "built");

            // preview: the first 10 records and what they become; nothing written
            page.click("#preview-button");
            PlaywrightAssertions.assertThat(page.locator("#preview-table tbody tr")).hasCount(10);
            PlaywrightAssertions.assertThat(page.locator("#preview-summary")).containsText("The first 10 source records");
            assertThat(page.locator("#preview-problems").count()).isZero();
            PlaywrightAssertions.assertThat(page.locator("#preview-table tbody tr").first().locator("dl.mapped"))
                    .containsText("tagline");
            assertThat(warehouse("SELECT count(*) FROM crm_accounts")).containsExactly("0");
            shot(page, "preview");
            // the YAML it will save
            page.click("#yaml-button");
            PlaywrightAssertions.assertThat(page.locator("#yaml-text")).containsText("flow: " + FLOW);

            // save: version 1, then the flow page
            page.click("#save");
            page.waitForURL(Pattern.compile(".*/flows/" + FLOW + "\\?done=saved"));
            PlaywrightAssertions.assertThat(page.locator("#definition")).containsText("incremental: change-tracking");

            // run it and watch it complete
            page.click("#run-now");
            page.waitForURL(Pattern.compile(".*/flows/" + FLOW + "\\?done=run"));
            awaitRunSucceeded(page);
            PlaywrightAssertions.assertThat(page.locator(RUNS_READ).first()).hasText("30");
            shot(page, "first-run");
            assertThat(warehouse("SELECT count(*) FROM crm_accounts")).containsExactly("30");
            assertThat(warehouse("SELECT tagline FROM crm_accounts WHERE account_no = 'ACC-0000007'"))
                    .singleElement().asString().endsWith(" (ACC-0000007)");

            // the downloaded YAML runs the same with the flow runner, as `sluice flow run` does
            Download download = page.waitForDownload(() -> page.click("#download-yaml"));
            String yaml = Files.readString(download.path(), StandardCharsets.UTF_8);
            assertThat(yaml).startsWith("flow: " + FLOW);
            List<String> byServer = warehouse("SELECT id || '|' || account_name || '|' || account_no || '|' "
                    + "|| coalesce(revenue::text, '') || '|' || tagline FROM crm_accounts ORDER BY id");
            warehouse("DELETE FROM crm_accounts");
            Path file = Files.createTempDirectory("designed").resolve(FLOW + "-cli.flow.yaml");
            Files.writeString(file, yaml.replace("flow: " + FLOW, "flow: " + FLOW + "-cli"));
            try (CheckedFlow flow = new FlowValidator(new StoreConnections(new ConnectionCredentials(f.store,
                    Clock.systemUTC())), Map.of()).check(file)) {
                RunSummary cli = new FlowRunner(f.store.flows()).run(flow, RunOptions.DEFAULTS);
                assertThat(cli.read()).isEqualTo(30);
                assertThat(cli.created()).isEqualTo(30);
            }
            assertThat(warehouse("SELECT id || '|' || account_name || '|' || account_no || '|' "
                    + "|| coalesce(revenue::text, '') || '|' || tagline FROM crm_accounts ORDER BY id"))
                    .isEqualTo(byServer);

            // two accounts change at the source
            Session admin = f.admin();
            for (String number : List.of("ACC-0000003", "ACC-0000011")) {
                assertThat(admin.json("PATCH", "/api/v1/connections/crm/tables/account/rows/accountnumber=" + number,
                        Map.of("name", "Changed " + number)).statusCode()).isEqualTo(204);
            }

            // edit the mapping in the designer: the tagline becomes the number, then the name
            page.click("#open-designer");
            page.waitForURL(f.base + "/designer/" + FLOW);
            PlaywrightAssertions.assertThat(page.locator("h1")).containsText("from version 1");
            page.waitForResponse(r -> r.url().contains("/designer/cel"),
                    () -> row(page, "tagline").locator("input[name$='.cel']").fill("accountnumber + \": \" + name"));
            PlaywrightAssertions.assertThat(row(page, "tagline").locator(".cel-check .ok")).isVisible();
            PlaywrightAssertions.assertThat(row(page, "tagline").locator(".cel-check .error")).hasCount(0);
            page.click("#yaml-button");
            PlaywrightAssertions.assertThat(page.locator("#yaml-diff")).containsText("tagline: \"accountnumber + ");
            shot(page, "edit-diff");
            page.click("#save");
            page.waitForURL(Pattern.compile(".*/flows/" + FLOW + "\\?done=saved"));

            // rerun: only the changed accounts are read, written with the new mapping
            page.click("#run-now");
            page.waitForURL(Pattern.compile(".*/flows/" + FLOW + "\\?done=run"));
            awaitRunSucceeded(page);
            PlaywrightAssertions.assertThat(page.locator("#runs tbody tr")).hasCount(2);
            PlaywrightAssertions.assertThat(page.locator(RUNS_READ).first()).hasText("2");
            shot(page, "second-run");
            assertThat(warehouse("SELECT tagline FROM crm_accounts WHERE account_no IN ('ACC-0000003', 'ACC-0000011') "
                    + "ORDER BY account_no")).containsExactly("ACC-0000003: Changed ACC-0000003", "ACC-0000011: Changed ACC-0000011");
            assertThat(warehouse("SELECT tagline FROM crm_accounts WHERE account_no = 'ACC-0000007'"))
                    .singleElement().asString().endsWith(" (ACC-0000007)");

            // versions: two, both by ana from the designer, each downloadable
            page.click("#versions-link");
            Locator versions = page.locator("#versions tbody tr");
            PlaywrightAssertions.assertThat(versions).hasCount(2);
            for (int i = 0; i < 2; i++) {
                PlaywrightAssertions.assertThat(versions.nth(i)).containsText("ana");
                PlaywrightAssertions.assertThat(versions.nth(i)).containsText("designer");
            }
            shot(page, "versions");
            assertThat(cspViolations).isEmpty();
        }
    }

    @Test
    void theDesignerKeepsItsLayoutOnAPhoneAndAtLaptopSize() {
        for (int[] size : List.of(new int[] {1280, 800}, new int[] {390, 844})) {
            try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                    .setViewportSize(size[0], size[1]))) {
                Page page = context.newPage();
                signIn(page, "ana", "one-time-ana");
                page.navigate(f.base + "/designer");
                page.locator("#flow-name").fill("layout-check");
                htmx(page, () -> page.selectOption("#source-connection", "crm"));
                htmx(page, () -> page.selectOption("#source-table", "account"));
                htmx(page, () -> page.selectOption("#target-connection", "warehouse"));
                htmx(page, () -> page.selectOption("#target-table", "crm_accounts"));
                PlaywrightAssertions.assertThat(page.locator("#mapping")).isVisible();
                Object overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth");
                Object wide = page.evaluate("[...document.querySelectorAll('body *')].filter(e => "
                        + "e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8)"
                        + ".map(e => e.tagName + '#' + e.id + '.' + e.className)");
                assertThat(((Number) overflow).intValue()).as("horizontal overflow at %dx%d by %s", size[0], size[1],
                        wide).isLessThanOrEqualTo(0);
                // every form control has a label a screen reader can read
                Object unlabelled = page.evaluate("[...document.querySelectorAll('#designer select, #designer input:not([type=hidden])')]"
                        + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.name)");
                assertThat((List<?>) unlabelled).as("controls without a label").isEmpty();
                shot(page, "layout-" + size[0] + "x" + size[1]);
            }
        }
    }

    private static void signIn(Page page, String user, String password) {
        ServerBrowser.signIn(page, f.base, user, password);
        page.waitForURL(Pattern.compile(".*/connections"));
    }

    /** Does something that makes htmx re-render the form, and waits until the new form is in place. */
    private static void htmx(Page page, Runnable action) {
        page.waitForResponse(r -> r.url().contains("/designer/"), action);
        page.locator(".htmx-request, .htmx-swapping, .htmx-settling").first().waitFor(new Locator.WaitForOptions()
                .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
    }

    /** Waits for the run just started to finish, reloading the flow page, and checks that it succeeded. */
    private static void awaitRunSucceeded(Page page) {
        // the live panel polls while the run goes; once it is over, the page lists it in the history
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
            page.reload();
            String status = page.locator("#runs tbody tr td:nth-child(3)").first().textContent();
            return !status.contains("running") && !status.contains("queued");
        });
        PlaywrightAssertions.assertThat(page.locator("#runs tbody tr td:nth-child(3)").first()).hasText("succeeded");
    }

    /** Chooses a value in a list that re-renders the form, unless it is already chosen. */
    private static void choose(Page page, String select, String value) {
        if (!value.equals(page.locator(select).inputValue())) {
            htmx(page, () -> page.selectOption(select, value));
        }
    }

    private static Locator row(Page page, String target) {
        return page.locator("tr[data-target='" + target + "']");
    }

    /** Chooses "source column" for the target column, then the source column from the list. */
    private static void mapColumn(Page page, String target, String source) {
        Locator kind = row(page, target).locator("select[name$='.kind']");
        if (!"column".equals(kind.inputValue())) {
            htmx(page, () -> kind.selectOption("column"));
        }
        Locator column = row(page, target).locator("select[name$='.column']");
        assertThat(column.locator("option[value='" + source + "']").textContent()).as("the type is shown")
                .contains("(");
        column.selectOption(source);
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("designer-" + name + ".png"))
                .setFullPage(true));
    }

    static List<String> warehouse(String sql) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!s.execute(sql)) {
                return List.of();
            }
            try (ResultSet rs = s.getResultSet()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }
}
