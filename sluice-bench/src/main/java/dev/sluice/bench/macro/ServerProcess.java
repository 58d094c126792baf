package dev.sluice.bench.macro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sluice serve --flows DIR} in its own process, started by the release's launcher {@code bin/sluice} (256 MiB of
 * heap through {@code SLUICE_JAVA_OPTS}, like the rest of the client side), with an
 * admin session, for timing a flow run the way the server runs it: {@code POST …/runs} answers at once, the run is
 * followed through {@code GET …/runs/{run}} until it ends. Not thread-safe.
 */
final class ServerProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "bench-admin-once";
    private static final String NEW_PASSWORD = "bench-admin-chosen";
    /** How often a run is looked at while it goes. */
    private static final long POLL_MILLIS = 20;

    private final Process process;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(10)).build();
    private String csrf;

    /** What one run did, as the server's API shows it, and how long it took from the request to its end. */
    record Run(double seconds, double serverSeconds, JsonNode body) {}

    ServerProcess(Path cliJar, Path home, Path flows, Map<String, String> env) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        // as operators start it (the Dockerfile, the systemd unit): through the release's launcher, which picks the
        // JIT and collector for the machine; no class archive, so that no earlier cache decides the figure
        List<String> cmd = CliRunner.command("serve", "--port", String.valueOf(port), "--flows", flows.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> all = new HashMap<>(env);
        all.putAll(Map.of("SLUICE_JAR", cliJar.toAbsolutePath().toString(), "SLUICE_JAVA_OPTS", CliRunner.HEAP,
                "SLUICE_CDS", "off", "JAVA_HOME", System.getProperty("java.home")));
        all.put("SLUICE_HOME", home.toString());
        all.put("SLUICE_ADMIN_PASSWORD", PASSWORD);
        pb.environment().putAll(all);
        process = pb.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IOException("sluice serve did not become healthy");
            }
            Thread.sleep(POLL_MILLIS);
        }
        csrf = send("POST", "/api/v1/session", Map.of("user", "admin", "password", PASSWORD), 200)
                .path("csrfToken").asText();
        send("PUT", "/api/v1/session/password", Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD), 204);
    }

    /** The server's base URL ({@code http://127.0.0.1:PORT}). */
    String base() {
        return base;
    }

    /** A new API token (scopes read and write) of the admin, for a program's {@code Authorization: Bearer}. */
    String apiToken(String name) throws Exception {
        return send("POST", "/api/v1/tokens", Map.of("name", name, "scopes", List.of("read", "write")), 201)
                .path("token").asText();
    }

    /** Puts {@code host} (an IP address, or a host name with its port) on the outbound allowlist, as an admin does. */
    void allowOutbound(String host) throws Exception {
        send("PUT", "/api/v1/outbound-hosts/" + host, Map.of(), 200);
    }

    /** Starts the flow, follows it to its end, and answers the run. */
    Run run(String flow) throws Exception {
        long start = System.nanoTime();
        JsonNode started = send("POST", "/api/v1/flows/" + flow + "/runs", null, 202);
        String path = "/api/v1/flows/" + flow + "/runs/" + started.path("id").asText();
        JsonNode run;
        do {
            Thread.sleep(POLL_MILLIS);
            run = send("GET", path, null, 200);
        } while (run.path("status").asText().equals("running"));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!run.path("status").asText().equals("succeeded")) {
            throw new IOException("the server's run of " + flow + " ended " + run.path("status").asText() + ": "
                    + run.path("message").asText());
        }
        return new Run(seconds, run.path("durationMs").asLong() / 1000.0, run);
    }

    private JsonNode send(String method, String path, Object body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .header("Accept", "application/json");
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IOException(method + " " + path + " got HTTP " + r.statusCode() + ": " + r.body());
        }
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
