package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Emulator;
import dev.sluice.server.ServerFixture.Session;
import dev.sluice.testing.WithEmulator;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web UI's pages over plain HTTP: grants enforced like the API, CSRF on forms, everything escaped. */
@WithEmulator(seed = {"accounts=5"})
class WebUiPagesTest {
    static Emulator emulator;
    static ServerFixture f;
    static Session admin;
    static Session reader;

    @BeforeAll
    static void start() throws Exception {
        f = new ServerFixture(emulator);
        admin = f.admin();
        assertThat(admin.json("POST", "/api/v1/connections", f.webConnection("demo")).statusCode()).isEqualTo(201);
        ServerApiTest.authorize(admin, "demo");
        reader = f.member(admin, "rita");
        assertThat(admin.json("PUT", "/api/v1/connections/demo/grants/rita", java.util.Map.of("level", "read"))
                .statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void pagesWithoutASessionSendToSignIn() {
        HttpResponse<String> r = new Session(f).get("/connections/demo/edit");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue("/signin");
    }

    @Test
    void managerSeesWhichSecretsAreStoredButNeverTheirValues() {
        String secret = "sluice-demo-web-secret";
        for (String path : new String[] {"/connections/demo", "/connections/demo/edit", "/connections/demo/authorize"}) {
            HttpResponse<String> r = admin.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).doesNotContain(secret);
        }
        assertThat(admin.get("/connections/demo").body()).contains("id=\"secrets-stored\"").contains("client-secret");
    }

    @Test
    void authorizePageStatesThePermissionsAndWhoElseUsesTheConnection() {
        HttpResponse<String> r = admin.get("/connections/demo/authorize");
        assertThat(r.body()).contains("Read and write your Dynamics data as you")
                .contains("Keep access when you are not signed in").contains("Sign you in and read your profile")
                .contains("<td>rita</td><td>read</td>");
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("form-action 'self' " + emulator.orgUrl().replaceAll("/+$", ""));
    }

    @Test
    void readerGetsForbiddenPagesForManagingAndNoManageButtons() {
        for (String path : new String[] {"/connections/demo/edit", "/connections/demo/authorize",
                "/connections/demo/grants", "/users", "/audit"}) {
            HttpResponse<String> r = reader.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(r.body()).as(path).contains("id=\"problem\"");
        }
        String detail = reader.get("/connections/demo").body();
        assertThat(detail).contains("id=\"browse\"").doesNotContain("id=\"edit\"").doesNotContain("id=\"authorize\"")
                .doesNotContain("secrets-stored").doesNotContain("client-secret");
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        String csrf = admin.csrf;
        admin.csrf = null;
        try {
            HttpResponse<String> r = admin.send("POST", "/connections/demo/delete", "", "application/x-www-form-urlencoded");
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("CSRF");
        } finally {
            admin.csrf = csrf;
        }
        assertThat(admin.get("/connections/demo").statusCode()).isEqualTo(200);
    }

    @Test
    void aFilterIsEscapedWhereverThePageShowsIt() {
        String evil = "<img src=x onerror=alert(1)>";
        HttpResponse<String> r = reader.get("/connections/demo/tables/account?filter="
                + URLEncoder.encode(evil, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(evil).contains("&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void theTableBrowserShowsAPageOfRows() {
        HttpResponse<String> r = reader.get("/connections/demo/tables/account");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String rows = r.body().substring(r.body().indexOf("id=\"rows\""));
        rows = rows.substring(0, rows.indexOf("</table>"));
        assertThat(rows.split("<tr>").length - 2).isEqualTo(5);
        assertThat(rows).contains("<th scope=\"col\">name</th>");
    }
}
