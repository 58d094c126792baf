package dev.sluice.server;

import static dev.sluice.server.ServerFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Emulator;
import dev.sluice.server.ServerFixture.Session;
import dev.sluice.testing.WithEmulator;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every connection endpoint against every grant level: allowed below, 403 problem+json that leaks nothing above. */
@WithEmulator(seed = {"accounts=5"})
class AuthorizationMatrixTest {
    static final List<String> LEVELS = List.of("none", "view", "read", "write", "manage");
    static Emulator emulator;
    static ServerFixture f;
    static Session admin;
    static final Map<String, Session> members = new LinkedHashMap<>();
    static String accountId;

    /** An endpoint call and the least level that may make it. */
    record Call(String method, String path, Object body, String needs) {}

    @BeforeAll
    static void start() throws Exception {
        f = new ServerFixture(emulator);
        admin = f.admin();
        assertThat(admin.json("POST", "/api/v1/connections", f.webConnection("shared")).statusCode()).isEqualTo(201);
        ServerApiTest.authorize(admin, "shared");
        assertThat(admin.json("POST", "/api/v1/users", Map.of("name", "bystander", "password", "bystander-pw",
                "mustChangePassword", false)).statusCode()).isEqualTo(201);
        for (String level : LEVELS) {
            Session s = f.member(admin, "m-" + level);
            if (!level.equals("none")) {
                assertThat(admin.json("PUT", "/api/v1/connections/shared/grants/m-" + level,
                        Map.of("level", level)).statusCode()).isEqualTo(200);
            }
            members.put(level, s);
        }
        HttpResponse<String> rows = admin.get("/api/v1/connections/shared/tables/account/rows?pageSize=1");
        accountId = body(rows).get("value").get(0).get("accountid").asText();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static List<Call> calls() {
        String c = "/api/v1/connections/shared";
        String rows = c + "/tables/account/rows";
        return List.of(
                new Call("GET", c, null, "view"),
                new Call("GET", c + "/token", null, "view"),
                new Call("POST", c + "/test", null, "read"),
                new Call("GET", c + "/tables", null, "read"),
                new Call("GET", c + "/tables/account", null, "read"),
                new Call("GET", rows + "?pageSize=2", null, "read"),
                new Call("GET", rows + "/" + accountId, null, "read"),
                new Call("GET", c + "/fetchxml?fetchXml=%3Cfetch%3E%3Centity%20name%3D%27account%27%2F%3E%3C%2Ffetch%3E",
                        null, "read"),
                new Call("POST", c + "/fetchxml", Map.of("fetchXml", "<fetch><entity name='account'/></fetch>"), "read"),
                new Call("POST", rows, Map.of("name", "matrix"), "write"),
                new Call("PATCH", rows + "/" + accountId, Map.of("name", "matrix-updated"), "write"),
                new Call("PUT", rows + "/" + UUID.randomUUID(), Map.of("name", "matrix-upsert"), "write"),
                new Call("DELETE", rows + "/" + UUID.randomUUID(), null, "write"),
                new Call("POST", c + "/tables/account/import", "{\"name\":\"imported\"}\n", "write"),
                new Call("GET", c + "/grants", null, "manage"),
                new Call("PUT", c + "/grants/bystander", Map.of("level", "view"), "manage"),
                new Call("DELETE", c + "/grants/bystander", null, "manage"),
                new Call("POST", c + "/authorize", null, "manage"),
                new Call("PUT", c, f.webConnection("shared"), "manage"),
                new Call("GET", "/api/v1/audit?connection=shared", null, "manage"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "view", "read", "write", "manage"})
    void eachLevelMayMakeExactlyTheCallsItIncludes(String level) {
        Session s = members.get(level);
        for (Call call : calls()) {
            if (call.path().endsWith("/grants/bystander") && call.method().equals("DELETE")) {
                admin.json("PUT", "/api/v1/connections/shared/grants/bystander", Map.of("level", "view"));
            }
            HttpResponse<String> r = call.body() instanceof String lines
                    ? s.send(call.method(), call.path(), lines, "application/x-ndjson")
                    : s.json(call.method(), call.path(), call.body());
            boolean allowed = LEVELS.indexOf(level) >= LEVELS.indexOf(call.needs());
            String what = level + " " + call.method() + " " + call.path() + " -> " + r.statusCode() + " " + r.body();
            if (allowed) {
                // past the grant check: success, or (deleting a row that is not there) Dataverse's own 404
                assertThat(r.statusCode()).as(what).isIn(call.method().equals("DELETE") && call.path().contains("/rows/")
                        ? List.of(404) : List.of(200, 201, 204));
            } else {
                assertThat(r.statusCode()).as(what).isEqualTo(403);
                assertThat(r.headers().firstValue("Content-Type").orElseThrow()).as(what)
                        .startsWith("application/problem+json");
                assertThat(r.body()).as(what).doesNotContain(emulator.orgUrl(), "dana@", "accountid", "matrix");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "view", "read", "write"})
    void belowManageNobodyMaySignOutOrDeleteTheConnection(String level) {
        Session s = members.get(level);
        assertThat(s.json("DELETE", "/api/v1/connections/shared/token", null).statusCode()).isEqualTo(403);
        assertThat(s.json("DELETE", "/api/v1/connections/shared", null).statusCode()).isEqualTo(403);
        assertThat(f.store.connections().get("shared")).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "view", "read", "write", "manage"})
    void aMissingConnectionLooksTheSameAsOneWithoutAGrant(String level) {
        HttpResponse<String> missing = members.get(level).get("/api/v1/connections/no-such-connection");
        HttpResponse<String> hidden = members.get("none").get("/api/v1/connections/shared");
        assertThat(missing.statusCode()).isEqualTo(403).isEqualTo(hidden.statusCode());
        assertThat(body(missing).get("title")).isEqualTo(body(hidden).get("title"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "view", "read", "write", "manage"})
    void membersMayNotManageUsersOrReadTheWholeAuditLog(String level) {
        Session s = members.get(level);
        assertThat(s.get("/api/v1/users").statusCode()).isEqualTo(403);
        assertThat(s.json("POST", "/api/v1/users", Map.of("name", "x-" + level, "password", "whatever-pw"))
                .statusCode()).isEqualTo(403);
        assertThat(s.get("/api/v1/audit").statusCode()).isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"read", "write"})
    void anApiTokenCarriesExactlyItsOwnersGrant(String level) {
        Session owner = members.get(level);
        HttpResponse<String> created = owner.json("POST", "/api/v1/tokens", Map.of("name", "program"));
        Session program = new Session(f);
        program.bearer = body(created).get("token").asText();
        assertThat(program.get("/api/v1/connections/shared/tables/account/rows?pageSize=1").statusCode()).isEqualTo(200);
        int create = program.json("POST", "/api/v1/connections/shared/tables/account/rows",
                Map.of("name", "by-token")).statusCode();
        assertThat(create).isEqualTo(level.equals("write") ? 201 : 403);
        assertThat(program.get("/api/v1/connections/shared/grants").statusCode()).isEqualTo(403);
    }
}
