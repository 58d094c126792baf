package dev.sluice.server;

import static dev.sluice.server.ServerFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.server.ServerFixture.Session;
import dev.sluice.testclock.MutableClock;
import dev.sluice.testing.WithEmulator;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 23 rows 4 and 6: API tokens carry scopes, connections and an expiry; minting needs its own scope. */
@WithEmulator(seed = {"accounts=3"})
class ApiTokenScopesTest {
    static Emulator emulator;
    static ServerFixture f;
    static Session admin;
    static Session tom;

    @BeforeAll
    static void start() throws Exception {
        f = new ServerFixture(emulator);
        admin = f.admin();
        assertThat(admin.json("POST", "/api/v1/connections", f.webConnection("demo")).statusCode()).isEqualTo(201);
        ServerApiTest.authorize(admin, "demo");
        assertThat(admin.json("POST", "/api/v1/connections", f.webConnection("other")).statusCode()).isEqualTo(201);
        tom = f.member(admin, "tom");
        admin.json("PUT", "/api/v1/connections/demo/grants/tom", Map.of("level", "write"));
        admin.json("PUT", "/api/v1/connections/other/grants/tom", Map.of("level", "read"));
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static Session program(JsonNode created) {
        Session p = new Session(f);
        p.bearer = created.get("token").asText();
        return p;
    }

    static JsonNode create(Session s, Map<String, Object> spec) {
        HttpResponse<String> r = s.json("POST", "/api/v1/tokens", spec);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return body(r);
    }

    @Test
    void theAdminSeesEveryonesTokens() {
        create(tom, Map.of("name", "toms"));
        HttpResponse<String> r = admin.get("/api/v1/tokens");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"user\":\"tom\"");
        assertThat(tom.get("/api/v1/tokens").body()).doesNotContain("\"user\":\"admin\"");
    }

    @Test
    void aReadTokenLimitedToOneConnectionReadsItAndNothingMore() {
        JsonNode t = create(tom, Map.of("name", "reader", "scopes", List.of("read"), "connections", List.of("demo"),
                "expiresInDays", 7));
        assertThat(t.get("scopes").toString()).isEqualTo("[\"read\"]");
        assertThat(t.get("connections").toString()).isEqualTo("[\"demo\"]");
        assertThat(t.get("expiresAt").asText()).isNotEmpty();
        Session p = program(t);

        assertThat(p.get("/api/v1/connections/demo/tables/account/rows?pageSize=1").statusCode()).isEqualTo(200);
        HttpResponse<String> write = p.json("POST", "/api/v1/connections/demo/tables/account/rows", Map.of("name", "x"));
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(body(write).get("detail").asText()).contains("this API token's scopes (read) allow at most 'read'");
        assertThat(body(p.get("/api/v1/connections")).get("value")).extracting(n -> n.get("name").asText())
                .containsExactly("demo");
        assertThat(body(p.get("/api/v1/connections/other")).get("detail").asText())
                .contains("limited to other connections");
        assertThat(p.json("POST", "/api/v1/connections", f.webConnection("by-token")).statusCode()).isEqualTo(403);
        assertThat(p.json("PUT", "/api/v1/session/password", Map.of("currentPassword", "one-time-tom",
                "newPassword", "changed-by-token")).statusCode()).isEqualTo(403);
    }

    @Test
    void aTokenWithoutTheTokensScopeCannotMintTokens() {
        Session p = program(create(tom, Map.of("name", "no-mint", "scopes", List.of("read", "write"))));
        HttpResponse<String> r = p.json("POST", "/api/v1/tokens", Map.of("name", "child"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(body(r).get("detail").asText()).contains("'tokens' scope");
        assertThat(p.get("/api/v1/tokens").statusCode()).isEqualTo(403);
    }

    @Test
    void aMintingTokenGivesAtMostItsOwnAndItsChildrenDieWithIt() {
        JsonNode parent = create(tom, Map.of("name", "minter", "scopes", List.of("read", "tokens"),
                "expiresInDays", 10));
        Session minter = program(parent);
        assertThat(minter.json("POST", "/api/v1/tokens", Map.of("name", "wider", "scopes", List.of("read", "write")))
                .statusCode()).isEqualTo(403);
        assertThat(minter.json("POST", "/api/v1/tokens", Map.of("name", "longer", "scopes", List.of("read"),
                "expiresInDays", 30)).statusCode()).isEqualTo(403);
        JsonNode child = create(minter, Map.of("name", "child", "scopes", List.of("read")));
        assertThat(child.get("createdBy").asText()).isEqualTo(parent.get("id").asText());
        assertThat(child.get("expiresAt").asText()).isEqualTo(parent.get("expiresAt").asText());
        Session grandchild = program(child);
        assertThat(grandchild.get("/api/v1/connections/demo").statusCode()).isEqualTo(200);

        assertThat(tom.json("DELETE", "/api/v1/tokens/" + parent.get("id").asText(), null).statusCode()).isEqualTo(204);

        assertThat(minter.get("/api/v1/connections/demo").statusCode()).isEqualTo(401);
        assertThat(grandchild.get("/api/v1/connections/demo").statusCode()).isEqualTo(401);
    }

    @Test
    void onlyAnAdminsTokenWithTheAdminScopeActsAsAdmin() {
        assertThat(tom.json("POST", "/api/v1/tokens", Map.of("name", "x", "scopes", List.of("admin"))).statusCode())
                .isEqualTo(403);
        Session plain = program(create(admin, Map.of("name", "admin-plain", "scopes", List.of("read"))));
        assertThat(plain.get("/api/v1/users").statusCode()).isEqualTo(403);
        assertThat(plain.get("/api/v1/connections/demo").statusCode()).isEqualTo(200);
        Session full = program(create(admin, Map.of("name", "admin-full", "scopes", List.of("admin"))));
        assertThat(full.get("/api/v1/users").statusCode()).isEqualTo(200);
        assertThat(full.get("/api/v1/connections/demo").statusCode()).isEqualTo(403);
    }

    @Test
    void theTokensPageCreatesShowsOnceListsAndRevokes() {
        HttpResponse<String> page = tom.get("/tokens");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"create-token\"").contains("<option value=\"demo\">demo</option>")
                .doesNotContain("value=\"admin\"");
        String form = "name=" + URLEncoder.encode("from the page", StandardCharsets.UTF_8)
                + "&scope=read&connection=demo&expiresInDays=30";
        HttpResponse<String> created = tom.send("POST", "/tokens", form, "application/x-www-form-urlencoded");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Matcher m = Pattern.compile("id=\"token-value\">(slu_[A-Za-z0-9_-]+)<").matcher(created.body());
        assertThat(m.find()).isTrue();
        Session p = new Session(f);
        p.bearer = m.group(1);
        assertThat(p.get("/api/v1/connections/demo").statusCode()).isEqualTo(200);
        assertThat(tom.get("/tokens").body()).doesNotContain(m.group(1)).contains("from the page");

        String id = f.store.apiTokens().list("tom").stream().filter(t -> t.name().equals("from the page"))
                .findFirst().orElseThrow().id().toString();
        HttpResponse<String> revoked = tom.send("POST", "/tokens/" + id + "/revoke", "", "application/x-www-form-urlencoded");
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(p.get("/api/v1/connections/demo").statusCode()).isEqualTo(401);
        assertThat(tom.get("/tokens").body()).contains("revoked");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        MutableClock clock = MutableClock.startingNow();
        dev.sluice.store.SluiceStore store = dev.sluice.store.SluiceStore.builder()
                .home(java.nio.file.Files.createTempDirectory("sluice-expiry")).clock(clock).build();
        try (ServerFixture timed = new ServerFixture(null, store, b -> b.clock(clock))) {
            Session a = timed.admin();
            HttpResponse<String> r = a.json("POST", "/api/v1/tokens", Map.of("name", "short", "expiresInDays", 1));
            Session p = new Session(timed);
            p.bearer = body(r).get("token").asText();
            assertThat(p.get("/api/v1/connections").statusCode()).isEqualTo(200);
            clock.advance(Duration.ofDays(1).plusSeconds(1));
            assertThat(p.get("/api/v1/connections").statusCode()).isEqualTo(401);
        }
    }
}
