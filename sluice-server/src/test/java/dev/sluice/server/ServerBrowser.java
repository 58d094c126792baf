package dev.sluice.server;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one set-up of the browser system tests: Debian's Chromium ({@code /usr/bin/chromium}) headless through
 * Playwright, without a browser download, and the sign-in form filled in as a user does. As a JUnit extension
 * ({@code @RegisterExtension static final ServerBrowser browser = new ServerBrowser();}) it launches before the
 * class's {@code @BeforeAll} methods and closes after its {@code @AfterAll} methods; inside one test,
 * {@link #launch()} in a try-with-resources. Not thread-safe.
 */
final class ServerBrowser implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    /** How long a web-first assertion waits for its condition (Playwright's page actions wait 30 s too). */
    private static final double ASSERTION_TIMEOUT_MS = 30_000;
    private Playwright playwright;
    private Browser browser;

    /** A browser started in one test and closed by it. */
    static ServerBrowser launch() {
        ServerBrowser b = new ServerBrowser();
        b.start();
        return b;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void start() {
        // a condition waited for, not a speed limit: a loaded machine may take longer than Playwright's 5 s default
        PlaywrightAssertions.setDefaultAssertionTimeout(ASSERTION_TIMEOUT_MS);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get("/usr/bin/chromium")).setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    /** A fresh browser profile (no cookies); close it when done. */
    BrowserContext newContext() {
        return browser.newContext();
    }

    BrowserContext newContext(Browser.NewContextOptions options) {
        return browser.newContext(options);
    }

    /** Fills in and sends the sign-in form at {@code base + "/signin"}; does not wait for where it leads. */
    static void signIn(Page page, String base, String user, String password) {
        page.navigate(base + "/signin");
        page.fill("#user", user);
        page.fill("#password", password);
        page.click("#signin");
    }

    /** Signs in as the fixture's admin (one-time password already changed) and waits for the connections page. */
    static void signInAsAdmin(Page page, ServerFixture f) {
        signIn(page, f.base, "admin", ServerFixture.NEW_ADMIN_PASSWORD);
        page.waitForURL(f.base + "/connections");
    }

    @Override
    public void close() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (playwright != null) {
                playwright.close();
            }
            browser = null;
            playwright = null;
        }
    }
}
