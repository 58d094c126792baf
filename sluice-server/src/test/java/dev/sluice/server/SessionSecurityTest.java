package dev.sluice.server;

import static dev.sluice.server.ServerFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Emulator;
import dev.sluice.server.ServerFixture.Session;
import dev.sluice.testing.WithEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 23 rows 7, 8, 9 and 11: sessions end on a password change; sign-in from elsewhere; throttling; callbacks. */
@WithEmulator(seed = {"accounts=3"})
class SessionSecurityTest {
    static Emulator emulator;
    static ServerFixture f;
    static Session admin;

    @BeforeAll
    static void start() throws Exception {
        f = new ServerFixture(emulator);
        admin = f.admin();
        assertThat(admin.json("POST", "/api/v1/connections", f.webConnection("demo")).statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static Session signedIn(String user, String password) {
        Session s = new Session(f);
        s.signIn(user, password);
        return s;
    }

    /** A sign-in sent from another loopback address (Linux routes all of 127/8 to lo): a second client machine. */
    static int signInFrom(String localAddress, String user, String password) {
        String json = "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}";
        URI base = URI.create(f.base);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            out.write(("POST /api/v1/session HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nContent-Type: "
                    + "application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void changingYourPasswordEndsYourOtherSessionsButNotThisOne() {
        f.member(admin, "pat");
        Session here = signedIn("pat", "one-time-pat");
        Session laptop = signedIn("pat", "one-time-pat");
        Session phone = signedIn("pat", "one-time-pat");

        assertThat(here.json("PUT", "/api/v1/session/password", Map.of("currentPassword", "one-time-pat",
                "newPassword", "pats-own-password")).statusCode()).isEqualTo(204);

        assertThat(here.get("/api/v1/session").statusCode()).isEqualTo(200);
        assertThat(laptop.get("/api/v1/session").statusCode()).isEqualTo(401);
        assertThat(phone.get("/api/v1/session").statusCode()).isEqualTo(401);

        Session other = signedIn("pat", "pats-own-password");
        HttpResponse<String> form = here.send("POST", "/password", "currentPassword=pats-own-password&newPassword="
                + "pats-second-password", "application/x-www-form-urlencoded");
        assertThat(form.statusCode()).isEqualTo(302);
        assertThat(other.get("/api/v1/session").statusCode()).isEqualTo(401);
        assertThat(here.get("/api/v1/session").statusCode()).isEqualTo(200);
    }

    @Test
    void anAdminResetEndsEverySessionOfThatUser() {
        f.member(admin, "quinn");
        Session one = signedIn("quinn", "one-time-quinn");
        Session two = signedIn("quinn", "one-time-quinn");
        assertThat(admin.json("PATCH", "/api/v1/users/quinn", Map.of("password", "reset-by-admin")).statusCode())
                .isEqualTo(200);
        assertThat(one.get("/api/v1/session").statusCode()).isEqualTo(401);
        assertThat(two.get("/api/v1/session").statusCode()).isEqualTo(401);
    }

    @Test
    void aSignInFromAnotherSiteIsRefused() {
        Session victim = new Session(f);
        victim.headers.put("Origin", "https://evil.example");
        HttpResponse<String> form = victim.send("POST", "/signin", "user=admin&password="
                + ServerFixture.NEW_ADMIN_PASSWORD, "application/x-www-form-urlencoded");
        assertThat(form.statusCode()).isEqualTo(403);
        assertThat(form.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("sluice_session="));

        Session crossSite = new Session(f);
        crossSite.headers.put("Sec-Fetch-Site", "cross-site");
        HttpResponse<String> api = crossSite.json("POST", "/api/v1/session", Map.of("user", "admin", "password",
                ServerFixture.NEW_ADMIN_PASSWORD));
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(crossSite.cookie).isNull();
    }

    @Test
    void theSignInFormNeedsTheTokenOfAFormThisBrowserLoaded() {
        Session stranger = new Session(f);
        HttpResponse<String> withoutForm = stranger.send("POST", "/signin", "user=admin&password="
                + ServerFixture.NEW_ADMIN_PASSWORD, "application/x-www-form-urlencoded");
        assertThat(withoutForm.statusCode()).isEqualTo(403);
        assertThat(withoutForm.body()).contains("reload the sign-in page");

        Session browser = new Session(f);
        browser.headers.put("Sec-Fetch-Site", "same-origin");
        browser.headers.put("Origin", f.base);
        HttpResponse<String> page = browser.get("/signin");
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).isTrue();
        HttpResponse<String> signedIn = browser.send("POST", "/signin", "_csrf=" + m.group(1) + "&user=admin&password="
                + ServerFixture.NEW_ADMIN_PASSWORD, "application/x-www-form-urlencoded");
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/connections");
        assertThat(browser.cookie).startsWith("sluice_session=");
    }

    @Test
    void wrongPasswordsFromOneAddressDoNotLockTheAccountForAnother() {
        int last = 0;
        for (int i = 0; i < 8; i++) {
            last = signInFrom("127.0.0.2", "admin", "guess-" + i);
        }
        assertThat(last).isEqualTo(429);
        Session real = new Session(f);
        real.signIn("admin", ServerFixture.NEW_ADMIN_PASSWORD);
        assertThat(real.get("/api/v1/session").statusCode()).isEqualTo(200);
    }

    @Test
    void anotherUsersFailedCallbackLeavesTheOwnersAuthorizationPending() {
        URI callback = ServerApiTest.consent(admin, "demo");
        Session mallory = f.member(admin, "mallory");
        HttpResponse<String> stolen = mallory.get(callback.toString());
        assertThat(stolen.statusCode()).isEqualTo(400);
        assertThat(stolen.body()).doesNotContain("Authorized as");

        HttpResponse<String> own = admin.get(callback.toString());
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(own.body()).contains("Authorized as " + ServerApiTest.DANA);
        assertThat(body(admin.get("/api/v1/connections/demo")).get("state").asText()).isEqualTo("authorized");
    }
}
