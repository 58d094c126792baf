package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import dev.sluice.core.ServerTls;
import dev.sluice.store.SluiceStore;
import dev.sluice.testing.TestCa;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code __Host-} cookie path in a real browser: Chromium keeps a {@code __Host-} cookie only when it is Secure,
 * has Path=/ and no Domain, and was set over https, so an admin who signs in over the server's own TLS and reaches
 * the connections page proves the whole path. (The test CA is not in Chromium's store: certificate errors are
 * ignored for this context only; the page is still https.)
 */
@Tag("system")
class HttpsBrowserSystemTest {
    @TempDir
    Path dir;

    @Test
    void anAdminSignsInOverHttpsAndTheBrowserKeepsTheHostPrefixedSessionCookie() throws Exception {
        TestCa ca = TestCa.create("Sluice Test CA");
        TestCa.Issued issued = ca.issue("localhost", TestCa.loopbackNames());
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String base = "https://127.0.0.1:" + port;
        try (SluiceStore store = SluiceStore.builder().home(dir.resolve("home")).build();
                SluiceServer server = SluiceServer.builder().store(store).port(port)
                        .tls(ServerTls.fromPem(issued.writeChain(dir.resolve("cert.pem")),
                                issued.writeKey(dir.resolve("key.pem"))))
                        .adminPassword(ServerFixture.ADMIN_PASSWORD)
                        .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).build().start();
                ServerBrowser browser = ServerBrowser.launch();
                BrowserContext context = browser.newContext(new Browser.NewContextOptions().setIgnoreHTTPSErrors(true))) {
            Page page = context.newPage();
            page.navigate(base + "/");
            assertThat(page.url()).isEqualTo(base + "/signin");
            page.fill("#user", "admin");
            page.fill("#password", ServerFixture.ADMIN_PASSWORD);
            page.click("#signin");
            page.waitForURL(base + "/password");
            page.fill("#currentPassword", ServerFixture.ADMIN_PASSWORD);
            page.fill("#newPassword", ServerFixture.NEW_ADMIN_PASSWORD);
            page.click("#change");
            page.waitForURL(base + "/connections");
            assertThat(page.textContent("main")).contains("You have no connections yet");

            Cookie session = context.cookies(base).stream().filter(c -> c.name.equals("__Host-sluice_session"))
                    .findFirst().orElseThrow(() -> new AssertionError("no __Host- session cookie kept by the browser"));
            assertThat(session.secure).isTrue();
            assertThat(session.path).isEqualTo("/");
            assertThat(session.httpOnly).isTrue();
            assertThat(context.cookies(base)).noneMatch(c -> c.name.equals("sluice_session"));
            assertThat(server.publicUrl().toString()).isEqualTo(base);
        }
    }
}
