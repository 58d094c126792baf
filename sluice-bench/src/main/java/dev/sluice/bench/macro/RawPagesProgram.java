package dev.sluice.bench.macro;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Figure 12's baseline as a process of its own: the JDK {@link HttpClient} fetches the pages of a Web API query
 * (5000 rows each, following {@code @odata.nextLink}) and writes each page's raw {@code value} array, as the
 * service sent it, on a line of a file; nothing is parsed but the nextLink. Prints {@code rows N} (rows counted by
 * their {@code @odata.etag}). Usage: {@code java -cp sluice-bench.jar dev.sluice.bench.macro.RawPagesProgram URL
 * BEARER FILE}.
 */
public final class RawPagesProgram {
    private static final byte[] ETAG = "\"@odata.etag\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VALUE = "\"value\":[".getBytes(StandardCharsets.US_ASCII);
    private static final String NEXT = "\"@odata.nextLink\":\"";

    private RawPagesProgram() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String next = args[0];
        long rows = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[2])), 1 << 16)) {
            while (next != null) {
                HttpRequest req = HttpRequest.newBuilder(URI.create(next)).timeout(Duration.ofMinutes(2))
                        .header("Authorization", "Bearer " + args[1]).header("Accept", "application/json")
                        .header("OData-Version", "4.0").header("Prefer", "odata.maxpagesize=5000").build();
                HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                byte[] b = r.body();
                if (r.statusCode() != 200) {
                    throw new IOException("page got HTTP " + r.statusCode() + ": " + new String(b, StandardCharsets.UTF_8));
                }
                int from = indexOf(b, VALUE, 0) + VALUE.length - 1;
                int to = b.length - 1;
                while (to > from && b[to] != ']') {
                    to--;
                }
                out.write(b, from, to + 1 - from);
                out.write('\n');
                rows += count(b, from, to);
                String tail = new String(b, to, b.length - to, StandardCharsets.UTF_8);
                int at = tail.indexOf(NEXT);
                next = at < 0 ? null : tail.substring(at + NEXT.length(), tail.indexOf('"', at + NEXT.length()));
            }
        }
        System.out.println("rows " + rows);
        // as the sluice command ends: neither side of the figure pays HotSpot's wait at exit for the client's selector
        dev.sluice.core.HttpClientThreads.stopSelectors(Duration.ofMillis(100));
    }

    static int indexOf(byte[] b, byte[] what, int from) {
        outer:
        for (int i = from; i <= b.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("the page has no " + new String(what, StandardCharsets.US_ASCII));
    }

    private static int count(byte[] b, int from, int to) {
        int n = 0;
        for (int i = from; i <= to - ETAG.length; i++) {
            if (b[i] == '"' && b[i + 1] == '@') {
                boolean match = true;
                for (int j = 2; j < ETAG.length && match; j++) {
                    match = b[i + j] == ETAG[j];
                }
                if (match) {
                    n++;
                }
            }
        }
        return n;
    }
}
