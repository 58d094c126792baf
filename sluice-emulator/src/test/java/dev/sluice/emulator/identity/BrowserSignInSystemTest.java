package dev.sluice.emulator.identity;

import static dev.sluice.emulator.identity.AadAssert.assertAadError;
import static dev.sluice.emulator.identity.IdWire.CLI;
import static dev.sluice.emulator.identity.IdWire.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The authorization code flow in a real browser: headless Chromium (Debian's package) signs in,
 * consents, and lands on a loopback redirect served by this test; the code redeems once.
 */
@Tag("system")
class BrowserSignInSystemTest {
    static final String VERIFIER = "M25iVXpKU3puUjFaYWg3T1NDTDQtcW1ROUY5YXlwalNoc0hhakxifmZHag";
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    static IdWire wire;
    static Playwright playwright;
    static Browser browser;
    static HttpServer receiver;
    static volatile CompletableFuture<Map<String, String>> landed;
    static String redirect;

    @BeforeAll
    static void start() throws IOException {
        wire = IdWire.start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", ex -> {
            String raw = ex.getRequestMethod().equals("POST")
                    ? new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    : ex.getRequestURI().getRawQuery();
            landed.complete(IdWire.params("?" + (raw == null ? "" : raw)));
            byte[] b = "<html><body><h1>Signed in</h1><p>You can close this window.</p></body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        receiver.start();
        redirect = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/";
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get("/usr/bin/chromium"))
                .setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        receiver.stop(0);
        wire.close();
    }

    @BeforeEach
    void reset() {
        landed = new CompletableFuture<>();
        wire.emulator.identity().resetConsent();
    }

    String authorizeUrl(String mode) {
        return wire.authorizeUrl("client_id", CLI, "response_type", "code", "redirect_uri", redirect, "response_mode",
                mode, "scope", wire.org() + "/user_impersonation openid profile offline_access", "state",
                "browser-state", "nonce", "n1", "code_challenge", AuthorizationCodeWireTest.s256(VERIFIER),
                "code_challenge_method", "S256", "login_hint", IdWire.DANA);
    }

    /** Signs in and consents on the real pages; returns the parameters the loopback receiver got. */
    Map<String, String> signInAndConsent(String mode, String shotPrefix) throws Exception {
        try (var context = browser.newContext(); Page page = context.newPage()) {
            page.navigate(authorizeUrl(mode));
            assertThat(page.title()).isEqualTo("Sign in to your account");
            assertThat(page.inputValue("#loginfmt")).isEqualTo(IdWire.DANA);
            page.fill("#passwd", IdWire.PASSWORD);
            if (shotPrefix != null) {
                page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(shotPrefix + "sign-in.png")));
            }
            page.click("#idSIButton9");
            page.waitForSelector("#idBtn_Accept");
            assertThat(page.textContent("body")).contains("Sluice CLI", "Access Dynamics 365 as you",
                    "Maintain access to data you have given it access to");
            if (shotPrefix != null) {
                page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(shotPrefix + "consent.png")));
            }
            page.click("#idBtn_Accept");
            Map<String, String> params = landed.get(30, TimeUnit.SECONDS);
            page.waitForLoadState();
            assertThat(page.url()).startsWith(redirect);
            assertThat(page.textContent("h1")).isEqualTo("Signed in");
            return params;
        }
    }

    HttpResponse<String> redeem(String code) {
        return wire.token("grant_type", "authorization_code", "client_id", CLI, "code", code, "redirect_uri", redirect,
                "code_verifier", VERIFIER);
    }

    @Test
    void browserSignsInConsentsAndTheCodeRedeemsOnce() throws Exception {
        Map<String, String> p = signInAndConsent("query", "");
        assertThat(p).containsEntry("state", "browser-state").containsKeys("code", "session_state");
        HttpResponse<String> r = redeem(p.get("code"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String access = json(r).get("access_token").asText();
        assertThat(json(wire.whoAmI(access)).get("UserId").asText()).isEqualTo(IdWire.DANA_SYSTEMUSER);
        assertAadError(redeem(p.get("code")), 400, "invalid_grant", 54005);
    }

    @Test
    void formPostResponseIsPostedByTheBrowserToTheLoopbackReceiver() throws Exception {
        Map<String, String> p = signInAndConsent("form_post", null);
        assertThat(p).containsEntry("state", "browser-state").containsKey("code");
        assertThat(redeem(p.get("code")).statusCode()).isEqualTo(200);
    }
}
