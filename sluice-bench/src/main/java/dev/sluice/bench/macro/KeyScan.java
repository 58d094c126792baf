package dev.sluice.bench.macro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;

/**
 * Checks what a write figure left behind, independently of the client under test: scans a table (by default
 * {@code contacts?$select=emailaddress1}) page by page with a plain {@link HttpClient} and counts the rows
 * whose key column has the run's prefix ({@code prefix-0000042…}), which indices are present, and which appear
 * more than once. ({@code $count} is no help: Dataverse caps it at 5000.) Stateless.
 */
final class KeyScan {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyScan() {}

    /**
     * What the scan found for one prefix.
     *
     * @param rows rows with the prefix
     * @param distinct distinct indices among them
     * @param duplicates rows beyond the first for an index
     * @param missing indices in {@code 0..expected-1} with no row
     * @param unexpected rows with the prefix whose index is outside {@code 0..expected-1}
     */
    record Result(long rows, long distinct, long duplicates, long missing, long unexpected) {
        boolean exact() {
            return duplicates == 0 && missing == 0 && unexpected == 0;
        }

        @Override
        public String toString() {
            return String.format("%,d rows, %,d distinct keys, %,d duplicated, %,d missing, %,d unexpected", rows,
                    distinct, duplicates, missing, unexpected);
        }
    }

    static Result scan(EmulatorProcess emulator, String bearer, String prefix, int expected)
            throws IOException, InterruptedException {
        return scan(emulator, bearer, "contacts", "emailaddress1", prefix, expected);
    }

    /** Scans {@code entitySet} for rows whose {@code column} starts with {@code prefix-}. */
    static Result scan(EmulatorProcess emulator, String bearer, String entitySet, String column, String prefix,
            int expected) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String filter = URLEncoder.encode("startswith(" + column + ",'" + prefix + "-')", StandardCharsets.UTF_8)
                .replace("+", "%20");
        String next = emulator.webApiUrl() + entitySet + "?$select=" + column + "&$filter=" + filter;
        BitSet seen = new BitSet(expected);
        long rows = 0;
        long duplicates = 0;
        long unexpected = 0;
        String head = prefix + "-";
        while (next != null) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(next)).timeout(Duration.ofMinutes(2))
                    .header("Authorization", "Bearer " + bearer).header("Accept", "application/json")
                    .header("OData-Version", "4.0").header("Prefer", "odata.maxpagesize=5000").build();
            HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            JsonNode page;
            try (InputStream in = r.body()) {
                page = JSON.readTree(in);
            }
            if (r.statusCode() != 200) {
                throw new IOException("scanning contacts got HTTP " + r.statusCode() + ": "
                        + page.path("error").path("message").asText());
            }
            for (JsonNode row : page.path("value")) {
                String email = row.path(column).asText("");
                if (!email.startsWith(head)) {
                    continue;
                }
                rows++;
                int index = index(email, head);
                if (index < 0 || index >= expected) {
                    unexpected++;
                } else if (seen.get(index)) {
                    duplicates++;
                } else {
                    seen.set(index);
                }
            }
            JsonNode link = page.get("@odata.nextLink");
            next = link == null ? null : link.asText();
        }
        long distinct = seen.cardinality();
        return new Result(rows, distinct, duplicates, expected - distinct, unexpected);
    }

    /** The number right after the prefix, or -1. */
    static int index(String value, String head) {
        int end = head.length();
        while (end < value.length() && Character.isDigit(value.charAt(end))) {
            end++;
        }
        try {
            return end == head.length() ? -1 : Integer.parseInt(value.substring(head.length(), end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
