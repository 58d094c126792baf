package dev.sluice.bench.macro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The emulator's admin API over plain HTTP ({@code /_emulator/stats}, {@code /_emulator/limits},
 * {@code /_emulator/identity/...}): what the benchmarks read their server-side counts from. Admin
 * requests are not Web API requests, so they are not counted against any identity's limits. Thread-safe.
 */
final class EmulatorAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    EmulatorAdmin(EmulatorProcess emulator) {
        this.base = emulator.info().path("baseUrl").asText().replaceAll("/+$", "") + "/_emulator/";
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    JsonNode put(String path, String json) throws IOException, InterruptedException {
        return send("PUT", path, json);
    }

    JsonNode post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, json);
    }

    void delete(String path) throws IOException, InterruptedException {
        send("DELETE", path, null);
    }

    /** The per-identity service protection figures of {@code /_emulator/stats}, summed over identities. */
    IdentityTotals identityTotals() throws IOException, InterruptedException {
        long accepted = 0;
        long rejected = 0;
        long byConcurrency = 0;
        for (JsonNode i : get("stats").path("identities")) {
            accepted += i.path("accepted").asLong();
            rejected += i.path("rejected").asLong();
            byConcurrency += i.path("rejectedByConcurrency").asLong();
        }
        return new IdentityTotals(accepted, rejected, byConcurrency);
    }

    /** Accepted and rejected (429 for a limit; some of them for the concurrency limit) Web API requests. */
    record IdentityTotals(long accepted, long rejected, long rejectedByConcurrency) {
        long sent() {
            return accepted + rejected;
        }
    }

    private JsonNode send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (json != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(method + " /_emulator/" + path.replaceAll("\\?.*", "") + " got HTTP " + r.statusCode());
        }
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }
}
