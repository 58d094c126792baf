package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorIdentity;
import dev.sluice.testing.WithEmulator;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice auth login} with a real browser: the CLI "opens" headless Chromium (Debian's package,
 * driven by Playwright) on the emulator's sign-in page; the person signs in and consents; the CLI's
 * loopback receiver gets the code and the connection is authorized.
 */
@Tag("system")
@WithEmulator
class BrowserLoginSystemTest {
    static Emulator emulator;

    @TempDir
    Path home;

    @Test
    void authLoginSignsInThroughTheEmulatorsPagesInChromium() {
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(Paths.get("/usr/bin/chromium")).setHeadless(true)
                        .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                                "--disable-sync")))) {
            Cli cli = new Cli(home);
            String[] landed = new String[1];
            cli.browser = url -> {
                Page page = browser.newPage();
                page.navigate(url.toString());
                page.fill("#loginfmt", "dana@demo.sluice.dev");
                page.fill("#passwd", "sluice-demo-password");
                page.click("#idSIButton9");
                page.waitForSelector("#idBtn_Accept");
                assertThat(page.textContent("body")).contains("Sluice CLI", "Access Dynamics 365 as you");
                page.click("#idBtn_Accept");
                page.waitForSelector("text=You can close this tab");
                landed[0] = page.url();
                page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "screenshots",
                        "cli-login-done.png")));
                return true;
            };
            EmulatorIdentity id = emulator.identity().info();
            Cli.expectOk(cli.run("connection", "add", "dana", "--org-url", emulator.orgUrl(), "--tenant",
                    id.tenantId().toString(), "--client-id", id.app("Sluice CLI").orElseThrow().clientId().toString()));
            Cli.Result login = Cli.expectOk(cli.run("auth", "login", "dana"));
            assertThat(login.out()).contains("Authorized 'dana' as dana@demo.sluice.dev");
            assertThat(landed[0]).startsWith("http://127.0.0.1:");
            assertThat(Cli.expectOk(cli.run("connection", "test", "dana")).out()).contains("dana@demo.sluice.dev");
        }
    }
}
