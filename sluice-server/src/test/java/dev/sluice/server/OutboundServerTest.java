package dev.sluice.server;

import static dev.sluice.server.ServerFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorIdentity;
import dev.sluice.server.ServerFixture.Session;
import dev.sluice.testing.WithEmulator;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 23 row 3: outbound destinations are policy. Members cannot point connections at hosts off the allowlist nor
 * add hosts; refused destinations get no connection at all; a remote's error text comes back only as an excerpt.
 * Every request here goes to loopback.
 */
@WithEmulator(seed = {"accounts=3"})
class OutboundServerTest {
    static Emulator emulator;
    static ServerFixture f;
    static Session admin;
    static Session mia;
    static EmulatorIdentity.App service;

    @BeforeAll
    static void start() throws Exception {
        f = new ServerFixture(emulator);
        admin = f.admin();
        mia = f.member(admin, "mia");
        service = f.identity().app("Sluice Service").orElseThrow();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static Map<String, Object> serviceConnection(String name, Map<String, Object> changes, Map<String, Object> auth) {
        Map<String, Object> a = new HashMap<>(Map.of("method", "client-secret", "clientId",
                service.clientId().toString(), "clientSecret", service.secrets().get(0).reveal()));
        a.putAll(auth);
        Map<String, Object> c = new HashMap<>(Map.of("name", name, "orgUrl", emulator.orgUrl(), "tenant",
                f.identity().tenantId().toString(), "auth", a));
        c.putAll(changes);
        return c;
    }

    @Test
    void aMemberCannotPointAConnectionAtAHostOffTheAllowlist() {
        try (Canary canary = Canary.quiet()) {
            for (Map<String, Object> c : new Map[] {
                serviceConnection("ssrf-org", Map.of("orgUrl", canary.origin()), Map.of()),
                serviceConnection("ssrf-authority", Map.of("authority", canary.origin()), Map.of()),
                serviceConnection("ssrf-token", Map.of(), Map.of("tokenEndpoint", canary.origin() + "/token")),
                serviceConnection("ssrf-discovery", Map.of(), Map.of("discoveryUrl", canary.origin() + "/.well-known")),
                serviceConnection("ssrf-private", Map.of(), Map.of("tokenEndpoint", "https://10.0.0.5/token"))}) {
                HttpResponse<String> r = mia.json("POST", "/api/v1/connections", c);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
                assertThat(body(r).get("detail").asText()).contains("is not on the outbound allowlist")
                        .contains("ask an admin to allow it");
            }
            assertThat(canary.hits).isEmpty();
            assertThat(f.store.connections().list()).extracting(c -> c.name()).noneMatch(n -> n.startsWith("ssrf-"));
        }
    }

    @Test
    void onlyAnAdminMaySeeOrChangeTheAllowlist() {
        assertThat(mia.json("PUT", "/api/v1/outbound-hosts/127.0.0.1:9", null).statusCode()).isEqualTo(403);
        assertThat(mia.get("/api/v1/outbound-hosts").statusCode()).isEqualTo(403);
        assertThat(mia.get("/outbound").statusCode()).isEqualTo(403);
        assertThat(f.store.outboundHosts().list()).noneMatch(h -> h.wireName().equals("127.0.0.1:9"));

        HttpResponse<String> list = admin.get("/api/v1/outbound-hosts");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("login.microsoftonline.com", "*.dynamics.com",
                emulator.orgUrl().replace("http://", ""));
        assertThat(admin.get("/outbound").body()).contains("id=\"default-hosts\"").contains("login.microsoftonline.us");
    }

    @Test
    void aHostTheAdminAddsMayBeUsedAndADiscoveredEndpointElsewhereIsRefusedBeforeConnecting() {
        try (Canary elsewhere = Canary.quiet();
                Canary idp = new Canary(h -> new Canary.Answer(200, "application/json",
                        "{\"authorization_endpoint\":\"" + "http://127.0.0.1:" + elsewhere.port() + "/authorize\","
                                + "\"token_endpoint\":\"http://127.0.0.1:" + elsewhere.port() + "/token\"}"))) {
            String host = "127.0.0.1:" + idp.port();
            assertThat(admin.json("PUT", "/api/v1/outbound-hosts/" + host, null).statusCode()).isEqualTo(200);
            HttpResponse<String> created = mia.json("POST", "/api/v1/connections", serviceConnection("idp-discovery",
                    Map.of(), Map.of("discoveryUrl", idp.origin() + "/.well-known/openid-configuration")));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

            HttpResponse<String> authorize = mia.json("POST", "/api/v1/connections/idp-discovery/authorize", null);
            assertThat(authorize.statusCode()).isEqualTo(403);
            assertThat(body(authorize).get("detail").asText()).contains("refused before connecting")
                    .contains("127.0.0.1:" + elsewhere.port());
            assertThat(idp.hits).hasSize(1);
            assertThat(elsewhere.hits).isEmpty();
            assertThat(admin.json("DELETE", "/api/v1/outbound-hosts/" + host, null).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void aRemotesErrorTextComesBackOnlyAsAShortExcerpt() {
        String essay = "<script>alert(1)</script>" + "blah ".repeat(2000) + "THE-END";
        try (Canary idp = new Canary(h -> new Canary.Answer(400, "application/json",
                "{\"error\":\"invalid_client\",\"error_description\":\"" + essay + "\"}"))) {
            assertThat(admin.json("PUT", "/api/v1/outbound-hosts/127.0.0.1:" + idp.port(), null).statusCode())
                    .isEqualTo(200);
            assertThat(admin.json("POST", "/api/v1/connections", serviceConnection("chatty", Map.of(),
                    Map.of("tokenEndpoint", idp.origin() + "/token"))).statusCode()).isEqualTo(201);

            HttpResponse<String> r = admin.json("POST", "/api/v1/connections/chatty/authorize", null);
            String detail = body(r).get("detail").asText();
            assertThat(detail).contains("invalid_client").doesNotContain("THE-END").endsWith("[…]");
            assertThat(detail.length()).isLessThan(500);
            String page = admin.send("POST", "/connections/chatty/authorize", "", "application/x-www-form-urlencoded")
                    .body();
            assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert")
                    .doesNotContain("THE-END");
        }
    }
}
