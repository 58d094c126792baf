package dev.sluice.server;

import static dev.sluice.server.ServerFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.server.ServerFixture.Session;
import dev.sluice.testing.EmulatorBrowser;
import dev.sluice.testing.WithEmulator;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithEmulator(seed = {"accounts=120"})
class ServerApiTest {
    static final String DANA = "dana@demo.sluice.dev";
    static Emulator emulator;
    static ServerFixture f;
    static Session admin;
    static String connectionId;

    @BeforeAll
    static void start() throws Exception {
        f = new ServerFixture(emulator);
        admin = f.admin();
        HttpResponse<String> created = admin.json("POST", "/api/v1/connections", f.webConnection("demo"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        connectionId = body(created).get("id").asText();
        authorize(admin, "demo");
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    /** Begins the authorization, signs in at the emulator, and returns the callback URL the browser was sent to. */
    static URI consent(Session s, String connection) {
        HttpResponse<String> begun = s.json("POST", "/api/v1/connections/" + connection + "/authorize", null);
        assertThat(begun.statusCode()).as(begun.body()).isEqualTo(200);
        URI url = URI.create(body(begun).get("authorizationUrl").asText());
        HttpResponse<String> landed = new EmulatorBrowser().signIn(url, DANA, EmulatorBrowser.DEMO_PASSWORD);
        assertThat(landed.uri().getPath()).isEqualTo("/oauth/callback");
        return landed.uri();
    }

    static void authorize(Session s, String connection) {
        HttpResponse<String> page = s.get(consent(s, connection).toString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("Authorized as " + DANA);
    }

    @Test
    void firstStartCreatesAnAdminWhoMustChangeTheOneTimePassword() {
        assertThat(f.store.users().get("admin").orElseThrow().mustChangePassword()).isFalse();
        assertThat(f.printed.toString()).contains("SLUICE_ADMIN_PASSWORD").doesNotContain(ServerFixture.ADMIN_PASSWORD);
        Session fresh = admin.f == f ? new Session(f) : null;
        admin.json("POST", "/api/v1/users", Map.of("name", "newbie", "password", "one-time-pw"));
        fresh.signIn("newbie", "one-time-pw");
        HttpResponse<String> held = fresh.get("/api/v1/connections");
        assertThat(held.statusCode()).isEqualTo(403);
        assertThat(body(held).get("detail").asText()).contains("change your one-time password");
        assertThat(fresh.json("PUT", "/api/v1/session/password", Map.of("currentPassword", "one-time-pw",
                "newPassword", "newbie-own-pw")).statusCode()).isEqualTo(204);
        assertThat(fresh.get("/api/v1/connections").statusCode()).isEqualTo(200);
    }

    @Test
    void connectionViewShowsStateAndAccountButNeverASecret() {
        HttpResponse<String> r = admin.get("/api/v1/connections/demo");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode c = body(r);
        assertThat(c.get("state").asText()).isEqualTo("authorized");
        assertThat(c.get("account").asText()).isEqualTo(DANA);
        assertThat(c.at("/auth/secretsStored").toString()).contains("client-secret");
        assertThat(r.body()).doesNotContain("sluice-demo-web-secret");
        HttpResponse<String> token = admin.get("/api/v1/connections/demo/token");
        assertThat(body(token).get("hasRefreshToken").asBoolean()).isTrue();
        assertThat(token.body()).doesNotContain("eyJ");
    }

    @Test
    void testConnectionAnswersWhoAmIOfTheAuthorizingUser() {
        HttpResponse<String> r = admin.json("POST", "/api/v1/connections/demo/test", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(body(r).get("userId").asText()).isEqualTo("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
    }

    @Test
    void replayedCallbackGetsAnErrorPageAndStoresNothing() {
        URI callback = consent(admin, "demo");
        assertThat(admin.get(callback.toString()).statusCode()).isEqualTo(200);
        long events = f.store.audit().list(dev.sluice.store.AuditQuery.all()).events().size();
        HttpResponse<String> again = admin.get(callback.toString());
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("already used").doesNotContain("Authorized as");
        assertThat(f.store.tokens().status(java.util.UUID.fromString(connectionId)).state().wireName())
                .isEqualTo("authorized");
        assertThat(events).isPositive();
    }

    @Test
    void tamperedCallbackStateIsRefused() {
        URI callback = consent(admin, "demo");
        String tampered = callback.toString().replaceAll("state=([^&]+)", "state=x$1");
        HttpResponse<String> r = admin.get(tampered);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Nothing was stored");
    }

    @Test
    void callbackOfAnotherSignedInUserIsRefused() {
        URI callback = consent(admin, "demo");
        Session other = f.member(admin, "mallory");
        HttpResponse<String> r = other.get(callback.toString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).doesNotContain("Authorized as");
    }

    @Test
    void callbackWithoutASessionSaysToSignIn() {
        URI callback = consent(admin, "demo");
        HttpResponse<String> r = new Session(f).get(callback.toString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("not signed in");
    }

    @Test
    void queryPagesThroughEveryRowWithAnOpaqueContinuationEachPageReadOnce() {
        Set<String> ids = new HashSet<>();
        int rows = 0;
        String next = "/api/v1/connections/demo/tables/account/rows?select=name&pageSize=49";
        int pages = 0;
        while (next != null) {
            HttpResponse<String> r = admin.get(next);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode b = body(r);
            b.get("value").forEach(row -> ids.add(row.get("accountid").asText()));
            rows += b.get("value").size();
            pages++;
            String token = b.get("continuation").isNull() ? null : b.get("continuation").asText();
            assertThat(token == null || !token.contains("http")).isTrue();
            next = token == null ? null : "/api/v1/connections/demo/tables/account/rows?continuation=" + token;
        }
        assertThat(ids).hasSizeGreaterThanOrEqualTo(120).hasSize(rows);
        assertThat(pages).isEqualTo((rows + 48) / 49);
        // each page asked of Dataverse once (the next one read ahead while the client took this one), the later
        // ones with its own skip token, not a filter that scans from the start again
        List<String> asked = emulator.stats().recentRequests(500).stream()
                .filter(q -> q.url().startsWith("/api/data/v9.2/accounts?")
                        && q.headers().toString().contains("odata.maxpagesize=49"))
                .map(q -> q.url()).toList();
        assertThat(asked).hasSize(pages);
        assertThat(asked.subList(1, pages)).allMatch(u -> u.contains("$skiptoken=") && !u.contains("%20gt%20"));
        JsonNode audit = body(admin.get("/api/v1/audit?connection=demo&action=data.queried&pageSize=3"));
        assertThat(audit.get("value").get(0).get("detail").asText())
                .isEqualTo("queried table 'account': " + (rows - 49 * (pages - 1)) + " rows");
    }

    @Test
    void theNextPagesAreReadAheadAndOnlyTheCallerWhoseQueryItIsGetsThem() {
        String rows = "/api/v1/connections/demo/tables/account/rows";
        String token = body(admin.get(rows + "?select=name&pageSize=31")).get("continuation").asText();
        // pages 2 and 3 are asked of Dataverse before anyone asks the server for them (two pages ahead)
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> urls(31).size() == 3);
        assertThat(urls(31).subList(1, 3)).allMatch(u -> u.contains("$skiptoken="));
        Session reader = f.member(admin, "ahead-reader");
        assertThat(admin.json("PUT", "/api/v1/connections/demo/grants/ahead-reader", Map.of("level", "read"))
                .statusCode()).isIn(200, 204);
        String secondPage = urls(31).get(1);
        // another caller with the same continuation gets the same rows, read for them (not the page read ahead)
        JsonNode theirs = body(reader.get(rows + "?continuation=" + token));
        assertThat(urls(31).stream().filter(secondPage::equals)).hasSize(2);
        // the admin gets the page read ahead for them: page 2 is not asked for a third time
        JsonNode mine = body(admin.get(rows + "?continuation=" + token));
        assertThat(mine.get("value")).isEqualTo(theirs.get("value"));
        assertThat(urls(31).stream().filter(secondPage::equals)).hasSize(2);
    }

    /** The account queries with this page size the emulator has answered, oldest first. */
    private static List<String> urls(int pageSize) {
        return emulator.stats().recentRequests(500).stream()
                .filter(q -> q.url().startsWith("/api/data/v9.2/accounts?")
                        && q.headers().toString().contains("odata.maxpagesize=" + pageSize))
                .map(q -> q.url()).toList();
    }

    @Test
    void aFilteredQueryKeepsItsFilterOnEveryPage() {
        String first = "/api/v1/connections/demo/tables/account/rows?select=name,numberofemployees&pageSize=7"
                + "&filter=" + URLEncoder.encode("numberofemployees ge 0", StandardCharsets.UTF_8);
        Set<String> ids = new HashSet<>();
        String next = first;
        while (next != null) {
            JsonNode b = body(admin.get(next));
            b.get("value").forEach(row -> {
                assertThat(row.get("numberofemployees").asInt()).isGreaterThanOrEqualTo(0);
                assertThat(ids.add(row.get("accountid").asText())).isTrue();
            });
            next = b.get("continuation").isNull() ? null
                    : "/api/v1/connections/demo/tables/account/rows?continuation=" + b.get("continuation").asText();
        }
        assertThat(ids).isNotEmpty();
    }

    @Test
    void aTamperedContinuationIsRefusedAndNamesWhy() {
        String rows = "/api/v1/connections/demo/tables/account/rows";
        String token = body(admin.get(rows + "?pageSize=5")).get("continuation").asText();
        HttpResponse<String> garbage = admin.get(rows + "?continuation=" + token.substring(0, token.length() / 2));
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("'continuation' is not a token from a previous page of this query");
        String huge = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"t\":\"account\","
                + "\"s\":[],\"f\":null,\"n\":100000,\"a\":\"" + java.util.UUID.randomUUID() + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(admin.get(rows + "?continuation=" + huge).statusCode()).isEqualTo(400);
        HttpResponse<String> other = admin.get("/api/v1/connections/demo/tables/contact/rows?continuation=" + token);
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.body()).contains("belongs to table 'account', not 'contact'");
    }

    @Test
    void rowWritesAreAuditedWithCountsNotContents() {
        String rows = "/api/v1/connections/demo/tables/account/rows";
        HttpResponse<String> created = admin.json("POST", rows, Map.of("name", "Secret Co"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = body(created).get("id").asText();
        assertThat(admin.json("PATCH", rows + "/" + id, Map.of("name", "Renamed Co")).statusCode()).isEqualTo(204);
        assertThat(body(admin.get(rows + "/" + id)).get("name").asText()).isEqualTo("Renamed Co");
        HttpResponse<String> upsert = admin.json("PUT", rows + "/" + java.util.UUID.randomUUID(), Map.of("name", "Up"));
        assertThat(upsert.statusCode()).as(upsert.body()).isEqualTo(201);
        assertThat(admin.json("DELETE", rows + "/" + id, null).statusCode()).isEqualTo(204);
        assertThat(admin.get(rows + "/" + id).statusCode()).isEqualTo(404);
        String log = admin.get("/api/v1/audit?connection=demo&pageSize=50").body();
        assertThat(log).contains("created 1 row in table 'account'", "deleted 1 row of table 'account'")
                .doesNotContain("Secret Co", "Renamed Co");
    }

    @Test
    void bulkImportStreamsJsonLinesAndReportsBadLines() {
        String lines = "{\"name\":\"Bulk 1\"}\n{\"name\":\"Bulk 2\"}\nnot json\n{\"name\":\"Bulk 3\"}\n";
        HttpResponse<String> r = admin.send("POST", "/api/v1/connections/demo/tables/account/import?mode=create",
                lines, "application/x-ndjson");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode b = body(r);
        assertThat(b.get("succeeded").asLong()).isEqualTo(3);
        assertThat(b.get("failed").asLong()).isEqualTo(1);
        assertThat(b.get("failures").get(0).get("line").asInt()).isEqualTo(3);
    }

    @Test
    void tablesAndColumnsAreListed() {
        HttpResponse<String> t = admin.get("/api/v1/connections/demo/tables");
        assertThat(t.statusCode()).as(t.body()).isEqualTo(200);
        assertThat(t.body()).contains("\"entitySetName\":\"accounts\"");
        HttpResponse<String> cols = admin.get("/api/v1/connections/demo/tables/account");
        assertThat(cols.statusCode()).as(cols.body()).isEqualTo(200);
        assertThat(cols.body()).contains("\"logicalName\":\"name\"");
    }

    @Test
    void stateChangingRequestWithTheCookieButNoCsrfTokenIsRefused() {
        Session s = new Session(f);
        s.signIn("admin", ServerFixture.NEW_ADMIN_PASSWORD);
        s.csrf = null;
        HttpResponse<String> r = s.json("POST", "/api/v1/tokens", Map.of("name", "x"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(body(r).get("detail").asText()).contains("CSRF");
        s.csrf = "wrong";
        assertThat(s.json("POST", "/api/v1/tokens", Map.of("name", "x")).statusCode()).isEqualTo(403);
    }

    @Test
    void signInIssuesANewSessionIdSoAPlantedOneIsNeverAdopted() {
        Session s = new Session(f);
        s.cookie = "sluice_session=planted-by-attacker";
        s.signIn("admin", ServerFixture.NEW_ADMIN_PASSWORD);
        assertThat(s.cookie).startsWith("sluice_session=").isNotEqualTo("sluice_session=planted-by-attacker");
        Session attacker = new Session(f);
        attacker.cookie = "sluice_session=planted-by-attacker";
        assertThat(attacker.get("/api/v1/session").statusCode()).isEqualTo(401);
        String old = s.cookie;
        s.signIn("admin", ServerFixture.NEW_ADMIN_PASSWORD);
        Session stale = new Session(f);
        stale.cookie = old;
        assertThat(stale.get("/api/v1/session").statusCode()).isEqualTo(401);
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSite() {
        Session s = new Session(f);
        HttpResponse<String> r = s.json("POST", "/api/v1/session", Map.of("user", "admin",
                "password", ServerFixture.NEW_ADMIN_PASSWORD));
        assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly", "SameSite=Lax")
                .doesNotContain("Secure");
    }

    @Test
    void repeatedWrongPasswordsAreThrottled() {
        Session s = new Session(f);
        for (int i = 0; i < 5; i++) {
            assertThat(s.json("POST", "/api/v1/session", Map.of("user", "throttled", "password", "wrong-pass"))
                    .statusCode()).isEqualTo(401);
        }
        HttpResponse<String> r = s.json("POST", "/api/v1/session", Map.of("user", "throttled", "password", "x"));
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void apiTokenIsShownOnceWorksAsBearerAndStopsWhenRevoked() {
        HttpResponse<String> created = admin.json("POST", "/api/v1/tokens", Map.of("name", "ci"));
        assertThat(created.statusCode()).isEqualTo(201);
        String token = body(created).get("token").asText();
        assertThat(token).startsWith("slu_");
        assertThat(admin.get("/api/v1/tokens").body()).doesNotContain(token);
        Session program = new Session(f);
        program.bearer = token;
        assertThat(program.get("/api/v1/connections/demo").statusCode()).isEqualTo(200);
        assertThat(program.json("POST", "/api/v1/connections/demo/test", null).statusCode()).isEqualTo(200);
        assertThat(admin.json("DELETE", "/api/v1/tokens/" + body(created).get("id").asText(), null).statusCode())
                .isEqualTo(204);
        HttpResponse<String> refused = program.get("/api/v1/connections/demo");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    void redirectUriElsewhereIsRefused() {
        Map<String, Object> body = new java.util.HashMap<>(f.webConnection("evil"));
        body.put("auth", Map.of("method", "authorization-code", "clientId", "x", "callbackMode", "server",
                "redirectUri", "https://evil.example/oauth/callback"));
        HttpResponse<String> r = admin.json("POST", "/api/v1/connections", body);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(body(r).get("detail").asText()).contains("redirectUri must be this server's callback");
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        HttpResponse<String> r = admin.json("POST", "/api/v1/connections", Map.of("name", "Bad Name!",
                "orgUrl", emulator.orgUrl(), "auth", Map.of("method", "client-secret", "clientId", "x")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(body(r).get("detail").asText()).contains("connection name 'Bad Name!' is not valid");
        HttpResponse<String> notJson = admin.send("POST", "/api/v1/connections", "{", "application/json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(body(notJson).get("title").asText()).isEqualTo("Bad request");
    }

    @Test
    void openApiDocumentListsExactlyTheApiRoutes() {
        JsonNode doc = body(new Session(f).get("/api/v1/openapi.json"));
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        Set<String> documented = new HashSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey())));
        Set<String> real = new HashSet<>();
        f.server.routeTable().stream().filter(r -> r.contains(" /api/v1")).forEach(real::add);
        assertThat(documented).isEqualTo(real);
    }

    @Test
    void healthAndReadinessAnswerAnyoneAndMetricsOnlyAnAdmin() {
        Session anyone = new Session(f);
        assertThat(anyone.get("/health").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = anyone.get("/health/ready");
        assertThat(body(ready).get("database").asText()).isEqualTo("up");
        admin.json("POST", "/api/v1/connections/demo/test", null);
        HttpResponse<String> refused = anyone.get("/metrics");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).doesNotContain("demo", connectionId);
        String metrics = admin.get("/metrics").body();
        String node = "node=\"" + f.server.nodeName() + "\"";
        assertThat(metrics).contains("sluice_http_requests_seconds_count",
                "sluice_dataverse_calls_total{" + node + ",status=\"200\"}", "sluice_rows_read_total",
                "sluice_rows_written_total", "sluice_token_refreshes_total",
                "sluice_dataverse_throttle_wait_seconds_total{connection=\"" + connectionId + "\"," + node + "}",
                "sluice_node_run_limit{" + node + "} 4.0", "sluice_flow_run_takeovers_total{" + node + "}")
                .doesNotContain("connection=\"demo\"");
    }

    @Test
    void everyResponseCarriesARequestId() {
        HttpResponse<String> r = new Session(f).get("/health");
        assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(List.of(r.headers().firstValue("X-Request-Id").get())).allMatch(id -> id.length() >= 8);
    }
}
