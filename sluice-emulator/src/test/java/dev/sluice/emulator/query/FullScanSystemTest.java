package dev.sluice.emulator.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.Wire;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scans 1,000,000 seeded accounts in 5000-row pages with a plain HttpClient and prints rows/s and heap
 * used. No time assertion (speed targets live in sluice-bench); asserts every row comes exactly once.
 */
@Tag("system")
class FullScanSystemTest {
    static final int ROWS = 1_000_000;

    @Test
    void scanningAMillionAccountsReturnsEachRowOnce() throws Exception {
        try (Wire wire = Wire.start(Emulator.builder().noAuth(true).seed("accounts", ROWS))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Set<UUID> ids = new HashSet<>(ROWS * 2);
            int rows = 0;
            int pages = 0;
            long bytes = 0;
            String url = wire.api("accounts");
            long start = System.nanoTime();
            while (url != null) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                        .header("Accept", "application/json").header("Prefer", "odata.maxpagesize=5000")
                        .header("Authorization", "Bearer x").build();
                HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                assertThat(r.statusCode()).isEqualTo(200);
                url = null;
                try (InputStream in = r.body(); JsonParser p = Wire.JSON.getFactory().createParser(in)) {
                    int depth = 0;
                    while (p.nextToken() != null) {
                        JsonToken t = p.currentToken();
                        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                            depth++;
                        } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                            depth--;
                        } else if (t == JsonToken.FIELD_NAME && depth == 3 && p.currentName().equals("accountid")) {
                            p.nextToken();
                            assertThat(ids.add(UUID.fromString(p.getText()))).isTrue();
                            rows++;
                        } else if (t == JsonToken.FIELD_NAME && depth == 1
                                && p.currentName().equals("@odata.nextLink")) {
                            p.nextToken();
                            url = p.getText();
                        }
                    }
                    bytes += p.currentLocation().getByteOffset();
                }
                pages++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Runtime rt = Runtime.getRuntime();
            long heapMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
            System.out.printf("full scan: %d rows in %d pages, %.1f s, %.0f rows/s, %.0f MB of JSON, heap used %d MB%n",
                    rows, pages, seconds, rows / seconds, bytes / 1e6, heapMb);
            assertThat(rows).isEqualTo(ROWS);
            assertThat(ids).hasSize(ROWS);
        }
    }
}
