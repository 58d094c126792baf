package dev.sluice.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.sluice.auth.ConnectionAuthorizer;
import dev.sluice.auth.ConnectionCredentials;
import dev.sluice.emulator.Emulator;
import dev.sluice.store.AuthMethod;
import dev.sluice.store.AuthSettings;
import dev.sluice.store.CallbackMode;
import dev.sluice.store.Connection;
import dev.sluice.store.ConnectionSettings;
import dev.sluice.store.OrgUrl;
import dev.sluice.store.SluiceStore;
import dev.sluice.store.TokenState;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole relay flow in headless Chromium: the identity emulator's app registration names the relay
 * as its redirect URI; sign-in and consent; the relay asks to continue to the instance; the instance's
 * loopback receiver gets the code by form POST and redeems it; the connection ends up authorized.
 */
@Tag("system")
class RelayBrowserSystemTest {
    @TempDir
    Path home;

    @Test
    void signInThroughTheRelayInARealBrowser() throws Exception {
        try (Emulator emulator = Emulator.builder()
                .directoryFile(Path.of(getClass().getResource("/relay-directory.yaml").toURI())).start();
                SluiceRelay relay = SluiceRelay.start(RelayOptions.loopback(Set.of()));
                SluiceStore store = SluiceStore.builder().home(home).build();
                Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(Paths.get("/usr/bin/chromium")).setHeadless(true)
                        .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                                "--disable-sync")))) {
            AuthSettings auth = new AuthSettings(AuthMethod.AUTHORIZATION_CODE, RelayFlowTest.CLIENT, null,
                    CallbackMode.LOOPBACK, URI.create(relay.localUrl() + "/callback"), null, null, null);
            Connection c = store.connections().create(new ConnectionSettings("relayed", null,
                    OrgUrl.parse(emulator.orgUrl()), null, null, RelayFlowTest.TENANT, auth, null), "alice");
            ConnectionAuthorizer authorizer = new ConnectionAuthorizer(new ConnectionCredentials(store,
                    Clock.systemUTC()));
            Path shots = Paths.get("target", "screenshots");
            var status = authorizer.authorizeInBrowser(c, "alice", url -> {
                Page page = browser.newPage();
                page.navigate(url.toString());
                page.fill("#loginfmt", RelayFlowTest.RITA);
                page.fill("#passwd", RelayFlowTest.PASSWORD);
                page.click("#idSIButton9");
                page.waitForSelector("#idBtn_Accept");
                page.click("#idBtn_Accept");
                page.waitForSelector("text=Continue to 127.0.0.1");
                assertThat(page.url()).startsWith(relay.localUrl() + "/callback").doesNotContain("code=");
                page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("relay-continue.png")));
                page.click("button[type=submit]");
                page.waitForSelector("text=You can close this tab");
                assertThat(page.url()).doesNotContain("code=");
                page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("relay-done.png")));
            }, Duration.ofSeconds(60));
            assertThat(status.state()).isEqualTo(TokenState.AUTHORIZED);
            assertThat(status.account()).isEqualTo(RelayFlowTest.RITA);
        }
    }
}
