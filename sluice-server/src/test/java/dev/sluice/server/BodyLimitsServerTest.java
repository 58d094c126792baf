package dev.sluice.server;

import static dev.sluice.server.ServerFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Emulator;
import dev.sluice.server.ServerFixture.Session;
import dev.sluice.testing.WithEmulator;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 23 row 2: bodies are bounded before they are parsed or anyone is authenticated; limits answer 413/400. */
@WithEmulator(seed = {"accounts=3"})
class BodyLimitsServerTest {
    static final int JSON_LIMIT = 64 * 1024;
    static final int IMPORT_LIMIT = 256 * 1024;
    static Emulator emulator;
    static ServerFixture f;
    static Session admin;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        f = new ServerFixture(emulator, null, b -> b.bodyLimits(JSON_LIMIT, IMPORT_LIMIT));
        admin = f.admin();
        assertThat(admin.json("POST", "/api/v1/connections", f.webConnection("demo")).statusCode()).isEqualTo(201);
        ServerApiTest.authorize(admin, "demo");
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static HttpResponse<String> post(String path, HttpRequest.BodyPublisher body, String type) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(f.base + path)).header("Content-Type", type)
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String bigJson(int bytes) {
        return "{\"user\":\"admin\",\"password\":\"" + "x".repeat(bytes) + "\"}";
    }

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedBeforeSignIn() throws Exception {
        // Expect: 100-continue, so the answer comes before the body is sent: a server that refuses by the declared
        // length closes the connection, and a client still writing the body would see a broken pipe instead
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(f.base + "/api/v1/session"))
                .header("Content-Type", "application/json").expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString(bigJson(JSON_LIMIT))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(body(r).get("detail").asText()).contains("64 KiB");
    }

    @Test
    void aStreamedBodyWithoutALengthIsCutOffAtTheLimit() throws Exception {
        byte[] big = bigJson(2 * JSON_LIMIT).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = post("/api/v1/session", HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(big)), "application/json");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(body(r).get("title").asText()).isEqualTo("Content too large");
    }

    @Test
    void deepNestingIsABadRequestNotAnInternalError() throws Exception {
        String deep = "[".repeat(30_000) + "]".repeat(30_000); // under the size limit, far over the depth limit
        HttpResponse<String> r = post("/api/v1/session", HttpRequest.BodyPublishers.ofString(deep), "application/json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(body(r).get("detail").asText()).isEqualTo("the body nests deeper than 64 levels");
        HttpResponse<String> rows = admin.send("POST", "/api/v1/connections/demo/tables/account/rows",
                "{\"a\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(101), "application/json");
        assertThat(rows.statusCode()).isEqualTo(400);
    }

    @Test
    void aFormOverTheLimitIsRefused() throws Exception {
        HttpResponse<String> r = post("/signin", HttpRequest.BodyPublishers.ofString("user=a&password="
                + "x".repeat(JSON_LIMIT)), "application/x-www-form-urlencoded");
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void anImportIsStreamedWithItsOwnLimitPerLineAndInAll() {
        String line = "{\"name\":\"" + "y".repeat(JSON_LIMIT + 10) + "\"}\n";
        HttpResponse<String> longLine = admin.send("POST", "/api/v1/connections/demo/tables/account/import",
                line, "application/x-ndjson");
        assertThat(longLine.statusCode()).isEqualTo(413);
        assertThat(body(longLine).get("detail").asText()).contains("line 1 of the import is longer than 64 KiB")
                .contains("the 0 line(s) before it were sent");
        assertThat(body(longLine).get("succeeded").asInt()).isZero();

        String many = "{\"name\":\"z\"}\n".repeat(IMPORT_LIMIT / 13 + 10);
        HttpResponse<String> tooMuch = admin.send("POST", "/api/v1/connections/demo/tables/account/import",
                many, "application/x-ndjson");
        assertThat(tooMuch.statusCode()).isEqualTo(413);

        String fine = "{\"name\":\"" + "y".repeat(JSON_LIMIT / 2) + "\"}\n{\"name\":\"small\"}\n";
        HttpResponse<String> ok = admin.send("POST", "/api/v1/connections/demo/tables/account/import?mode=create",
                fine, "application/x-ndjson");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        // both lines were read and sent: the long name is Dataverse's to refuse (160 characters at most)
        assertThat(body(ok).get("succeeded").asInt() + body(ok).get("failed").asInt()).isEqualTo(2);
        assertThat(body(ok).get("failures").toString()).doesNotContain("longer than");
    }

    @Test
    void signInRefusesABodyThatIsNotJson() throws Exception {
        HttpResponse<String> r = post("/api/v1/session", HttpRequest.BodyPublishers.ofString(
                "{\"user\":\"admin\",\"password\":\"x\"}"), "text/plain");
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(admin.get("/api/v1/session").statusCode()).isEqualTo(200);
    }
}
