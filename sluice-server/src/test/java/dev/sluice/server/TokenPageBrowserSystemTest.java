package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.sluice.server.ServerFixture.Session;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 23 row 4 in headless Chromium: the API tokens page creates a scoped token (shown once), which works as a
 * bearer token, lists it and revokes it; an admin manages the outbound hosts page. No CSP violation on the way.
 */
@Tag("system")
class TokenPageBrowserSystemTest {
    static ServerFixture f;
    @RegisterExtension
    static final ServerBrowser browser = new ServerBrowser();

    @BeforeAll
    static void start() throws Exception {
        f = new ServerFixture(null);
        f.admin();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void anAdminCreatesUsesAndRevokesATokenAndAllowsAnOutboundHost() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            List<String> csp = new ArrayList<>();
            page.onConsoleMessage(m -> {
                if (m.text().contains("Content Security Policy")) {
                    csp.add(m.text());
                }
            });
            ServerBrowser.signInAsAdmin(page, f);

            page.click("text=API tokens");
            page.waitForURL(f.base + "/tokens");
            page.fill("#token-name", "nightly export");
            page.check("input[name=scope][value=write]");
            page.fill("#token-days", "30");
            page.click("#create-token");
            String token = page.textContent("#token-value").strip();
            assertThat(token).startsWith("slu_");
            assertThat(page.textContent("#token-list")).contains("nightly export").contains("read write")
                    .contains("active");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "screenshots", "tokens.png")));

            Session program = new Session(f);
            program.bearer = token;
            assertThat(program.get("/api/v1/connections").statusCode()).isEqualTo(200);
            assertThat(program.get("/api/v1/users").statusCode()).isEqualTo(403);

            page.click("button[aria-label='Revoke token nightly export']");
            page.waitForURL(f.base + "/tokens");
            assertThat(page.textContent("#token-list")).contains("revoked");
            assertThat(page.content()).doesNotContain(token);
            assertThat(program.get("/api/v1/connections").statusCode()).isEqualTo(401);

            page.click("text=Outbound hosts");
            page.waitForURL(f.base + "/outbound");
            page.fill("#outbound-host", "login.contoso.example");
            page.click("#allow-host");
            page.waitForURL(f.base + "/outbound");
            assertThat(page.textContent("#stored-hosts")).contains("login.contoso.example");
            assertThat(f.store.outboundHosts().list()).extracting(h -> h.wireName()).contains("login.contoso.example");
            assertThat(csp).isEmpty();
        }
    }
}
