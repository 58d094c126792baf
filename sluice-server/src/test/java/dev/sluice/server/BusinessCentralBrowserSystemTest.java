package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.sluice.emulator.Emulator;
import dev.sluice.testing.WithEmulator;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * In Debian's Chromium: an admin creates a Business Central connection with the form (kind, environment, company,
 * a service app), tests it, and browses the company's customers.
 */
@Tag("system")
@WithEmulator(seed = {"bc.customers=30"})
class BusinessCentralBrowserSystemTest {
    static final String SERVICE_APP = "2e7c3f4a-6d5b-4e8c-9fa0-3b4c5d6e7f80";
    static final String SERVICE_SECRET = "sluice-demo-service-secret";
    static final Path SHOTS = Paths.get("target", "screenshots");

    static Emulator emulator;
    static ServerFixture f;
    @RegisterExtension
    static final ServerBrowser browser = new ServerBrowser();

    @BeforeAll
    static void start() throws Exception {
        f = new ServerFixture(emulator);
        f.admin(); // the one-time password is changed to the admin's own
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void adminCreatesABusinessCentralConnectionTestsItAndBrowsesCustomers() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            ServerBrowser.signInAsAdmin(page, f);

            page.navigate(f.base + "/connections/new");
            page.fill("#name", "cronus");
            page.selectOption("#kind", "business-central");
            page.fill("#orgUrl", emulator.baseUrl());
            page.fill("#environment", "sandbox");
            page.fill("#company", "CRONUS Canada, Inc.");
            page.fill("#tenant", emulator.identity().info().tenantId().toString());
            page.selectOption("#method", "client-secret");
            page.fill("#clientId", SERVICE_APP);
            page.fill("#clientSecret", SERVICE_SECRET);
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("bc-connection-new.png")).setFullPage(true));
            page.click("#save");
            page.waitForURL(f.base + "/connections/cronus?done=created");
            assertThat(page.content()).doesNotContain(SERVICE_SECRET);

            page.click("#test");
            page.waitForSelector("#test-result.notice");
            assertThat(page.textContent("#test-result")).isEqualTo("Connected. Business Central companies: "
                    + "CRONUS Canada, Inc.");

            page.click("#browse");
            page.waitForSelector("#tables");
            page.click("#tables a:text-is('customers')");
            page.waitForSelector("#rows");
            assertThat(page.locator("#rows tbody tr").count()).isEqualTo(25);
            page.click("#next-page");
            page.waitForSelector("#rows");
            assertThat(page.locator("#rows tbody tr").count()).isEqualTo(5);
            assertThat(page.textContent("#position")).contains("26");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("bc-customers.png")).setFullPage(true));
            page.click("#previous-page"); // keyset paging backwards on Business Central's id
            page.waitForSelector("#rows");
            assertThat(page.locator("#rows tbody tr").count()).isEqualTo(25);
            assertThat(page.locator("#previous-page").count()).isZero();

            page.navigate(f.base + "/connections/cronus/edit");
            assertThat(page.inputValue("#company")).isEqualTo("CRONUS Canada, Inc.");
            assertThat(page.inputValue("#environment")).isEqualTo("sandbox");
        }
    }
}
