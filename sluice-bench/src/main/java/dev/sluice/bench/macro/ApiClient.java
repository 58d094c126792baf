package dev.sluice.bench.macro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A program's use of {@code sluice serve}'s REST API with an API token ({@code Authorization: Bearer}) over the JDK
 * {@link HttpClient}, as the server figures (14–16) need it: the paged rows query followed through its
 * {@code continuation} (each page's raw {@code value} array written on a line of a file, nothing parsed but the
 * continuation), the bulk import of a JSON-lines file, and a single-row GET. Thread-safe.
 */
final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] VALUE = "\"value\":[".getBytes(StandardCharsets.US_ASCII);
    private static final String CONTINUATION = "\"continuation\":";

    private final String base;
    private final String bearer;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    ApiClient(String base, String bearer) {
        this.base = base;
        this.bearer = bearer;
    }

    private String table(String table) {
        return base + "/api/v1/connections/" + UserPath.CONNECTION + "/tables/" + table;
    }

    /**
     * Reads {@code table}'s rows ({@code select}, {@code pageSize} a page) page by page following the continuation,
     * at most {@code maxPages}, writing each page's {@code value} array on a line of {@code out}; answers the pages.
     */
    long rows(String table, String select, int pageSize, long maxPages, Path out) throws IOException,
            InterruptedException {
        String first = table(table) + "/rows?select=" + select + "&pageSize=" + pageSize;
        String next = first;
        long pages = 0;
        try (OutputStream w = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            while (next != null && pages < maxPages) {
                HttpResponse<byte[]> r = http.send(request(next).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                byte[] b = r.body();
                if (r.statusCode() != 200) {
                    throw new IOException("GET rows got HTTP " + r.statusCode() + ": "
                            + new String(b, StandardCharsets.UTF_8));
                }
                int from = RawPagesProgram.indexOf(b, VALUE, 0) + VALUE.length - 1;
                int to = b.length - 1;
                while (to > from && b[to] != ']') {
                    to--;
                }
                w.write(b, from, to + 1 - from);
                w.write('\n');
                String tail = new String(b, to, b.length - to, StandardCharsets.UTF_8);
                int at = tail.indexOf(CONTINUATION);
                String token = at < 0 ? "null" : tail.substring(at + CONTINUATION.length()).strip();
                if (token.startsWith("\"")) {
                    token = token.substring(1, token.indexOf('"', 1));
                    next = first + "&continuation=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
                } else {
                    next = null;
                }
                pages++;
            }
        }
        return pages;
    }

    /** Bulk import of a JSON-lines file; answers the server's counts ({@code succeeded}, {@code failed}, …). */
    JsonNode importLines(String table, String mode, String key, Path lines) throws IOException, InterruptedException {
        HttpRequest req = request(table(table) + "/import?mode=" + mode + "&key=" + key)
                .header("Content-Type", "application/x-ndjson").timeout(Duration.ofMinutes(20))
                .POST(HttpRequest.BodyPublishers.ofFile(lines)).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("POST import got HTTP " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** GET of one row by key; fails unless 200. */
    void get(String table, String key) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(request(table(table) + "/rows/" + key).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("GET row got HTTP " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        }
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
    }
}
