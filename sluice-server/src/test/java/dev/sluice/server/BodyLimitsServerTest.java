package dev.sluice.server;

import static dev.sluice.server.ServerFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Emulator;
import dev.sluice.server.ServerFixture.Session;
import dev.sluice.server.internal.BodyLimits;
import dev.sluice.testing.WithEmulator;
import java.io.ByteArrayInputStream;
import java.net.Socket;
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

    /** Sends a request over a raw socket that declares a body of {@code declared} bytes and sends none. */
    static String declaredOnly(String path, String type, long declared) throws Exception {
        URI base = URI.create(f.base);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getAuthority()
                    + "\r\nContent-Type: " + type + "\r\nContent-Length: " + declared
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aDeclaredBodyFarOverTheLimitIsRefusedBeforeSignInWithoutWaitingForIt() throws Exception {
        // no body is sent: the answer comes from the declared length alone (the JDK 17 client's Expect:
        // 100-continue would wait forever on a final answer, JDK-8286171)
        String response = declaredOnly("/api/v1/session", "application/json",
                JSON_LIMIT + BodyLimits.DRAIN_BYTES + 1);
        assertThat(response).startsWith("HTTP/1.1 413 ");
        String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        assertThat(head).contains("content-type: application/problem+json");
        assertThat(response).contains("64 KiB");
    }

    @Test
    void aClientSendingABodyALittleOverTheLimitReadsTheAnswerEveryTime() throws Exception {
        // Read to its end and thrown away after the 413 (BodyLimits.drainRest): a server that closed with the body
        // still arriving would make the kernel reset the connection, and the reset could drop the answer (CI saw it).
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> json = post("/api/v1/session", HttpRequest.BodyPublishers.ofString(
                    bigJson(JSON_LIMIT + i * 1000)), "application/json");
            assertThat(json.statusCode()).isEqualTo(413);
            assertThat(body(json).get("detail").asText()).contains("64 KiB");
        }
    }

    @Test
    void aStreamedBodyWithoutALengthIsCutOffAtTheLimit() throws Exception {
        // exactly one byte over the limit, in one chunk: cut off at the limit
        String json = bigJson(JSON_LIMIT);
        byte[] chunk = json.substring(0, JSON_LIMIT + 1).getBytes(StandardCharsets.US_ASCII);
        URI base = URI.create(f.base);
        String response;
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write(("POST /api/v1/session HTTP/1.1\r\nHost: " + base.getAuthority()
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(chunk);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(response).startsWith("HTTP/1.1 413 ").contains("\"title\":\"Content too large\"");
    }

    @Test
    void aClientStreamingABodyFarOverTheLimitReadsTheAnswerEveryTime() throws Exception {
        // Read up to the limit, refused, the rest read and thrown away after the answer (BodyLimits.drainRest): the
        // client reads the 413 every time. Without that the server closed with the stream still arriving, and the
        // reset dropped the answer (CI saw "Broken pipe" here).
        for (int i = 0; i < 20; i++) {
            byte[] big = bigJson(16 * JSON_LIMIT + i * 1000).getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> r = post("/api/v1/session", HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(big)), "application/json");
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(body(r).get("title").asText()).isEqualTo("Content too large");
        }
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
        // the browser's sign-in form, outside /api: the same check before the form is parsed
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = post("/signin", HttpRequest.BodyPublishers.ofString("user=a&password="
                    + "x".repeat(JSON_LIMIT + i * 1000)), "application/x-www-form-urlencoded");
            assertThat(r.statusCode()).isEqualTo(413);
        }
        assertThat(declaredOnly("/signin", "application/x-www-form-urlencoded", JSON_LIMIT + BodyLimits.DRAIN_BYTES
                + 1)).startsWith("HTTP/1.1 413 ").contains("64 KiB");
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
