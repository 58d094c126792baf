package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorIdentity;
import dev.sluice.store.SluiceStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A real server on a free loopback port over H2 in a temp dir, pointed at an emulator. */
final class ServerFixture implements AutoCloseable {
    static final String ADMIN_PASSWORD = "first-admin-pass";
    static final String NEW_ADMIN_PASSWORD = "admin-chosen-pass";
    static final ObjectMapper JSON = new ObjectMapper();

    final Path home;
    final SluiceStore store;
    final SluiceServer server;
    final Emulator emulator;
    final String base;
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    ServerFixture(Emulator emulator) throws IOException {
        this(emulator, null, b -> { });
    }

    /** As above on {@code store} (null: H2 in a temp dir), with further builder settings. */
    ServerFixture(Emulator emulator, SluiceStore store, java.util.function.Consumer<SluiceServerBuilder> settings)
            throws IOException {
        this.emulator = emulator;
        this.home = Files.createTempDirectory("sluice-server-test");
        this.store = store != null ? store : SluiceStore.builder().home(home).build();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        this.base = "http://127.0.0.1:" + port;
        // the emulator runs on loopback, which a server reaches only when an admin allows it (issue 23)
        SluiceServerBuilder b = SluiceServer.builder().store(this.store).port(port).publicBaseUrl(URI.create(base))
                .adminPassword(ADMIN_PASSWORD).out(new PrintStream(printed, true, StandardCharsets.UTF_8));
        if (emulator != null) {
            b.allowOutbound(emulator.orgUrl());
        }
        settings.accept(b);
        this.server = b.build().start();
    }

    /** A signed-in admin whose one-time password has been changed. */
    Session admin() {
        Session s = new Session(this);
        HttpResponse<String> r = s.json("POST", "/api/v1/session", Map.of("user", "admin", "password", ADMIN_PASSWORD));
        if (r.statusCode() == 401) {
            s.signIn("admin", NEW_ADMIN_PASSWORD);
            return s;
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        s.csrf = body(r).get("csrfToken").asText();
        HttpResponse<String> changed = s.json("PUT", "/api/v1/session/password", Map.of("currentPassword",
                ADMIN_PASSWORD, "newPassword", NEW_ADMIN_PASSWORD));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        return s;
    }

    /** Creates a member and signs them in (password already changed). */
    Session member(Session admin, String name) {
        assertThat(admin.json("POST", "/api/v1/users", Map.of("name", name, "password", "one-time-" + name,
                "mustChangePassword", false)).statusCode()).isEqualTo(201);
        Session s = new Session(this);
        s.signIn(name, "one-time-" + name);
        return s;
    }

    EmulatorIdentity identity() {
        return emulator.identity().info();
    }

    /** A connection body for the emulator's "Sluice Server" app, coming back to this server. */
    Map<String, Object> webConnection(String name) {
        EmulatorIdentity.App app = identity().app("Sluice Server").orElseThrow();
        return Map.of("name", name, "orgUrl", emulator.orgUrl(), "tenant", identity().tenantId().toString(),
                "auth", Map.of("method", "authorization-code", "clientId", app.clientId().toString(),
                        "callbackMode", "server", "redirectUri", base + "/oauth/callback",
                        "clientSecret", app.secrets().get(0).reveal()));
    }

    static JsonNode body(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }

    /** One client with its own cookie and CSRF token (or API token). */
    static final class Session {
        final ServerFixture f;
        final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String cookie;
        String csrf;
        String bearer;
        /** Further headers sent with every request (e.g. what a browser says about where a request comes from). */
        final Map<String, String> headers = new java.util.LinkedHashMap<>();

        Session(ServerFixture f) {
            this.f = f;
        }

        void signIn(String user, String password) {
            HttpResponse<String> r = json("POST", "/api/v1/session", Map.of("user", user, "password", password));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            csrf = body(r).get("csrfToken").asText();
        }

        HttpResponse<String> get(String path) {
            return send("GET", path, null, null);
        }

        HttpResponse<String> json(String method, String path, Object body) {
            try {
                return send(method, path, body == null ? null : JSON.writeValueAsString(body), "application/json");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        HttpResponse<String> send(String method, String path, String body, String type) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : f.base + path))
                    .timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (type != null) {
                b.header("Content-Type", type);
            }
            if (cookie != null) {
                b.header("Cookie", cookie);
            }
            if (csrf != null) {
                b.header("X-CSRF-Token", csrf);
            }
            if (bearer != null) {
                b.header("Authorization", "Bearer " + bearer);
            }
            headers.forEach(b::header);
            try {
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                r.headers().allValues("Set-Cookie").forEach(c -> {
                    String pair = c.split(";", 2)[0];
                    cookie = pair.endsWith("=") ? null : pair;
                });
                return r;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
