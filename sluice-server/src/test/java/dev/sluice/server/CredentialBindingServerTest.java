package dev.sluice.server;

import static dev.sluice.server.ServerFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorIdentity;
import dev.sluice.server.ServerFixture.Session;
import dev.sluice.store.AuditAction;
import dev.sluice.store.AuditQuery;
import dev.sluice.testing.WithEmulator;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 23 row 1, per field, as a user with the manage grant who is not an admin: an edit never sends the stored
 * token or secret to a new place. The canary stands for the user's own host; the admin allowed it (the outbound
 * allowlist is not what is tested here).
 */
@WithEmulator(seed = {"accounts=3"})
class CredentialBindingServerTest {
    static Emulator emulator;
    static ServerFixture f;
    static Session admin;
    static Session mona;
    static Canary canary;
    static EmulatorIdentity.App service;

    @BeforeAll
    static void start() throws Exception {
        canary = Canary.quiet();
        f = new ServerFixture(emulator);
        admin = f.admin();
        assertThat(admin.json("PUT", "/api/v1/outbound-hosts/" + "127.0.0.1:" + canary.port(), null).statusCode())
                .isEqualTo(200);
        mona = f.member(admin, "mona");
        service = f.identity().app("Sluice Service").orElseThrow();
    }

    @org.junit.jupiter.api.AfterAll
    static void stop() {
        f.close();
        canary.close();
    }

    /** A client-secret connection to the emulator, authorized by the admin; mona manages it. */
    static Map<String, Object> connection(String name) {
        Map<String, Object> auth = new HashMap<>(Map.of("method", "client-secret", "clientId",
                service.clientId().toString()));
        Map<String, Object> c = new HashMap<>(Map.of("name", name, "orgUrl", emulator.orgUrl(),
                "tenant", f.identity().tenantId().toString(), "authority", emulator.orgUrl(), "auth", auth));
        return c;
    }

    static String authorized(String name) {
        Map<String, Object> c = connection(name);
        @SuppressWarnings("unchecked")
        Map<String, Object> auth = (Map<String, Object>) c.get("auth");
        auth.put("clientSecret", service.secrets().get(0).reveal());
        HttpResponse<String> created = admin.json("POST", "/api/v1/connections", c);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(admin.json("POST", "/api/v1/connections/" + name + "/authorize", null).statusCode()).isEqualTo(200);
        assertThat(admin.json("PUT", "/api/v1/connections/" + name + "/grants/mona", Map.of("level", "manage"))
                .statusCode()).isEqualTo(200);
        return body(created).get("id").asText();
    }

    /** The edit mona makes for a field. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> edited(String name, String field) {
        Map<String, Object> c = connection(name);
        Map<String, Object> auth = (Map<String, Object>) c.get("auth");
        switch (field) {
            case "orgUrl" -> c.put("orgUrl", canary.origin()); // authority stays the emulator's
            case "authority" -> c.put("authority", canary.origin());
            case "tenant" -> c.put("tenant", "demo.sluice.dev");
            case "tokenEndpoint" -> auth.put("tokenEndpoint", canary.origin() + "/token");
            case "discoveryUrl" -> auth.put("discoveryUrl", canary.origin() + "/.well-known/openid-configuration");
            case "clientId" -> auth.put("clientId", UUID.randomUUID().toString());
            case "method" -> auth.put("method", "client-certificate");
            default -> throw new IllegalArgumentException(field);
        }
        return c;
    }

    @ParameterizedTest
    @ValueSource(strings = {"orgUrl", "authority", "tenant", "tokenEndpoint", "discoveryUrl", "clientId", "method"})
    void aManagersEditOfABindingFieldDropsTheTokensAndTheStoredTokenGoesNowhereNew(String field) {
        String name = "bind-" + field.toLowerCase();
        String id = authorized(name);
        String token = f.store.tokens().get(UUID.fromString(id)).orElseThrow().accessToken().reveal();
        canary.hits.clear();
        Map<String, Object> change = edited(name, field);
        boolean moves = field.equals("authority") || field.equals("tenant") || field.equals("tokenEndpoint")
                || field.equals("discoveryUrl");
        if (moves) {
            HttpResponse<String> refused = mona.json("PUT", "/api/v1/connections/" + name, change);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(body(refused).get("detail").asText()).contains("enter the client secret again")
                    .doesNotContain(service.secrets().get(0).reveal());
            assertThat(body(admin.get("/api/v1/connections/" + name)).get("state").asText()).isEqualTo("authorized");
            @SuppressWarnings("unchecked")
            Map<String, Object> auth = (Map<String, Object>) change.get("auth");
            auth.put("clientSecret", "mona-typed-this");
        }

        HttpResponse<String> saved = mona.json("PUT", "/api/v1/connections/" + name, change);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(body(saved).get("state").asText()).isEqualTo("needs-authorization");
        mona.json("POST", "/api/v1/connections/" + name + "/test", null);
        mona.json("POST", "/api/v1/connections/" + name + "/authorize", null);

        assertThat(canary.hits).allSatisfy(h -> {
            assertThat(String.valueOf(h.authorization())).doesNotContain(token);
            assertThat(h.body()).doesNotContain(token).doesNotContain(service.secrets().get(0).reveal());
        });
        assertThat(f.store.audit().list(AuditQuery.all().connection(UUID.fromString(id))
                .action(AuditAction.CONNECTION_CHANGED).actor("mona")).events())
                .anySatisfy(e -> assertThat(e.detail()).contains("dropped its tokens"));
    }
}
