package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.sluice.emulator.Emulator;
import dev.sluice.testing.WithEmulator;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web UI end to end in headless Chromium: an admin signs in and changes the one-time password, creates a
 * connection to the emulator, authorizes it through the emulator's sign-in and consent, browses accounts, creates a
 * user and grants them read; that user can browse but cannot edit, authorize or see secrets, neither through the
 * pages nor by sending the requests directly. Screenshots go to {@code target/screenshots}.
 */
@Tag("system")
@WithEmulator(seed = {"accounts=40"})
class WebUiBrowserSystemTest {
    static final String DANA = "dana@demo.sluice.dev";
    static final String DANA_PASSWORD = "sluice-demo-password";
    static final String APP = "1d6b2e3f-5c4a-4d7b-8e9f-2a3b4c5d6e7f";
    static final String APP_SECRET = "sluice-demo-web-secret";
    static final String TENANT = "7e1a5c3d-0d4b-4f6e-9a2c-5b8d1e3f7a90";
    static final Path SHOTS = Paths.get("target", "screenshots");

    static Emulator emulator;
    static ServerFixture f;
    @RegisterExtension
    static final ServerBrowser browser = new ServerBrowser();

    @BeforeAll
    static void start() throws Exception {
        f = new ServerFixture(emulator);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void adminAuthorizesAConnectionAndAReaderCanBrowseButNotManageIt() {
        try (BrowserContext admin = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = admin.newPage();
            List<String> cspViolations = new java.util.ArrayList<>();
            page.onConsoleMessage(m -> {
                if (m.text().contains("Content Security Policy")) {
                    cspViolations.add(m.text());
                }
            });
            signInAsAdminChangingTheOneTimePassword(page);
            createTheDemoConnection(page);
            authorizeAsDana(page);
            testTheConnection(page);
            browseAccounts(page, "admin-");
            createUserAndGrantRead(page);
            auditLogShowsTheAuthorization(page);
            assertThat(cspViolations).isEmpty();
        }
        try (BrowserContext reader = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = reader.newPage();
            signIn(page, "rita", "rita-one-time-pass");
            readerCanBrowseButNotManage(page);
        }
    }

    private void signInAsAdminChangingTheOneTimePassword(Page page) {
        page.navigate(f.base + "/");
        assertThat(page.url()).isEqualTo(f.base + "/signin");
        shot(page, "sign-in");
        page.fill("#user", "admin");
        page.fill("#password", ServerFixture.ADMIN_PASSWORD);
        page.click("#signin");
        page.waitForURL(f.base + "/password");
        page.fill("#currentPassword", ServerFixture.ADMIN_PASSWORD);
        page.fill("#newPassword", ServerFixture.NEW_ADMIN_PASSWORD);
        page.click("#change");
        page.waitForURL(f.base + "/connections");
        assertThat(page.textContent("main")).contains("You have no connections yet");
    }

    private void createTheDemoConnection(Page page) {
        page.click("#new-connection");
        page.waitForURL(f.base + "/connections/new");
        page.fill("#name", "demo");
        page.fill("#orgUrl", emulator.orgUrl());
        page.fill("#tenant", TENANT);
        page.selectOption("#method", "authorization-code");
        page.fill("#clientId", APP);
        page.fill("#clientSecret", APP_SECRET);
        page.selectOption("#callbackMode", "server");
        page.fill("#redirectUri", f.base + "/oauth/callback");
        shot(page, "connection-new");
        page.click("#save");
        page.waitForURL(f.base + "/connections/demo?done=created");
        assertThat(page.textContent("#state")).isEqualTo("needs-authorization");
        assertThat(page.textContent("#secrets-stored")).contains("client-secret");
        assertThat(page.content()).doesNotContain(APP_SECRET);
        page.click("#edit");
        assertThat(page.textContent("#secret-stored")).contains("stored");
        assertThat(page.inputValue("#clientSecret")).isEmpty();
        assertThat(page.content()).doesNotContain(APP_SECRET);
        page.navigate(f.base + "/connections/demo");
    }

    private void authorizeAsDana(Page page) {
        page.click("#authorize");
        page.waitForURL(f.base + "/connections/demo/authorize");
        assertThat(page.textContent("#tenant")).isEqualTo(TENANT);
        assertThat(page.textContent("#app")).contains(APP);
        assertThat(page.locator("#permissions li").allTextContents()).anySatisfy(p ->
                        assertThat(p).startsWith("Read and write your Dynamics data as you"))
                .anySatisfy(p -> assertThat(p).startsWith("Keep access when you are not signed in"))
                .anySatisfy(p -> assertThat(p).startsWith("Sign you in and read your profile"));
        assertThat(page.textContent("#who")).contains("admin").contains("manage");
        shot(page, "authorize");
        page.click("#confirm");
        page.waitForSelector("#passwd");
        assertThat(page.url()).doesNotStartWith(f.base);
        page.fill("#loginfmt", DANA);
        page.fill("#passwd", DANA_PASSWORD);
        page.click("#idSIButton9");
        page.waitForSelector("#idBtn_Accept");
        page.click("#idBtn_Accept");
        page.waitForSelector("text=Authorized as " + DANA);
        assertThat(page.url()).startsWith(f.base + "/oauth/callback");
        assertThat(page.textContent("h1")).isEqualTo("Authorized as " + DANA);
        shot(page, "authorized");
        page.navigate(f.base + "/connections");
        assertThat(page.textContent("#connections")).contains("demo").contains("authorized").contains(DANA);
        shot(page, "connections");
    }

    private void testTheConnection(Page page) {
        page.navigate(f.base + "/connections/demo");
        assertThat(page.textContent("#account")).isEqualTo(DANA);
        page.click("#test");
        page.waitForSelector("#test-result.notice");
        assertThat(page.textContent("#test-result")).startsWith("Connected. Dynamics user id");
        assertThat(page.url()).isEqualTo(f.base + "/connections/demo");
        shot(page, "connection-detail");
    }

    private void browseAccounts(Page page, String prefix) {
        page.navigate(f.base + "/connections/demo");
        page.click("#browse");
        page.waitForSelector("#tables");
        page.click("#tables a:text-is('account')");
        page.waitForSelector("#rows");
        int rows = page.locator("#rows tbody tr").count();
        assertThat(rows).isEqualTo(25);
        assertThat(page.locator("#rows thead th").first().textContent()).isEqualTo("name");
        String first = page.locator("#rows tbody tr").first().locator("td").first().textContent();
        page.click("#next-page");
        page.waitForSelector("#rows");
        assertThat(page.locator("#rows tbody tr").count()).isEqualTo(15);
        page.fill("#filter", "name eq '" + first.replace("'", "''") + "'");
        page.click("#apply");
        page.waitForSelector("#rows");
        assertThat(page.locator("#rows tbody tr td:first-child").allTextContents()).isNotEmpty().allSatisfy(n ->
                assertThat(n).isEqualTo(first));
        shot(page, prefix + "table-browser");
    }

    private void createUserAndGrantRead(Page page) {
        page.navigate(f.base + "/users");
        page.fill("#new-name", "rita");
        page.fill("#new-password", "rita-one-time-pass");
        page.uncheck("input[name=mustChangePassword]");
        page.click("#create-user");
        assertThat(page.textContent("#notice")).contains("rita");
        assertThat(page.textContent("#users")).contains("rita");
        shot(page, "users");
        page.navigate(f.base + "/connections/demo/grants");
        page.fill("#grant-user", "rita");
        page.selectOption("#grant-level", "read");
        page.click("#give");
        page.waitForURL(f.base + "/connections/demo/grants");
        assertThat(page.locator("#grant-list tbody tr").allTextContents()).anySatisfy(r ->
                assertThat(r).contains("rita").contains("read").contains("admin"));
        shot(page, "grants");
    }

    private void auditLogShowsTheAuthorization(Page page) {
        page.navigate(f.base + "/audit");
        page.selectOption("#f-action", "authorization.completed");
        page.click("#filter-audit");
        page.waitForURL(url -> url.contains("action=authorization.completed"));
        assertThat(page.locator("#audit tbody tr").allTextContents()).isNotEmpty().allSatisfy(r ->
                assertThat(r).contains("authorization.completed").contains("demo"));
        page.navigate(f.base + "/audit");
        shot(page, "audit-log");
    }

    private void signIn(Page page, String user, String password) {
        page.navigate(f.base + "/signin");
        page.fill("#user", user);
        page.fill("#password", password);
        page.click("#signin");
        page.waitForURL(f.base + "/connections");
    }

    private void readerCanBrowseButNotManage(Page page) {
        assertThat(page.textContent("#connections")).contains("demo").contains("read");
        page.navigate(f.base + "/connections/demo");
        assertThat(page.textContent("#your-grant")).isEqualTo("read");
        assertThat(page.locator("#browse").count()).isEqualTo(1);
        for (String absent : List.of("#edit", "#authorize", "#grants", "#audit", "#signout-connection", "#delete",
                "#secrets-stored")) {
            assertThat(page.locator(absent).count()).as(absent).isZero();
        }
        assertThat(page.content()).doesNotContain(APP_SECRET).doesNotContain("client-secret");
        shot(page, "reader-connection");
        browseAccounts(page, "reader-");

        for (String path : List.of("/connections/demo/edit", "/connections/demo/authorize", "/connections/demo/grants",
                "/users", "/audit")) {
            Response r = page.navigate(f.base + path);
            assertThat(r.status()).as(path).isEqualTo(403);
            assertThat(page.textContent("#problem")).as(path).isNotBlank();
        }
        page.navigate(f.base + "/connections");
        String csrf = page.inputValue("header input[name=_csrf]");
        for (String path : List.of("/connections/demo/authorize", "/connections/demo/edit",
                "/connections/demo/signout", "/connections/demo/delete", "/connections/demo/grants")) {
            APIResponse r = page.request().post(f.base + path, RequestOptions.create().setMaxRedirects(0)
                    .setForm(FormData.create().set("_csrf", csrf).set("user", "rita").set("level", "manage")
                            .set("name", "demo").set("orgUrl", emulator.orgUrl())));
            assertThat(r.status()).as(path).isEqualTo(403);
        }
        for (String[] call : new String[][] {{"POST", "/api/v1/connections/demo/authorize"},
                {"PUT", "/api/v1/connections/demo"}, {"DELETE", "/api/v1/connections/demo/token"},
                {"PUT", "/api/v1/connections/demo/grants/rita"}, {"GET", "/api/v1/connections/demo/grants"}}) {
            APIResponse r = page.request().fetch(f.base + call[1], RequestOptions.create().setMethod(call[0])
                    .setHeader("X-CSRF-Token", csrf).setHeader("Content-Type", "application/json")
                    .setData("{\"level\":\"manage\"}"));
            assertThat(r.status()).as(call[1]).isEqualTo(403);
            assertThat(r.headers().get("content-type")).startsWith("application/problem+json");
        }
        APIResponse seen = page.request().get(f.base + "/api/v1/connections/demo");
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.text()).doesNotContain("secretsStored").doesNotContain(APP_SECRET);
        page.navigate(f.base + "/connections/demo");
        assertThat(page.textContent("#state")).isEqualTo("authorized");
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
