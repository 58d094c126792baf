package dev.sluice.bench.macro;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Figure 18's baseline: a plain JDK {@link HttpClient} program that upserts contacts by alternate key
 * ({@code PATCH contacts(emailaddress1='…')}) in {@code $batch} requests of {@code BATCH} operations, one batch at a
 * time, honouring {@code Retry-After} on a 429; it prints {@code upserted N}. It is the client the issue compares
 * Sluice with: batching, but no parallelism and no bulk messages.
 * Usage: {@code java -cp sluice-bench.jar dev.sluice.bench.macro.BatchUpsertProgram WEB_API_URL PREFIX ROWS BATCH}.
 */
public final class BatchUpsertProgram {
    private BatchUpsertProgram() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        String api = args[0].endsWith("/") ? args[0] : args[0] + "/";
        String prefix = args[1];
        int rows = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        long done = 0;
        for (int from = 0; from < rows; from += batch) {
            int to = Math.min(rows, from + batch);
            String boundary = "batch_" + UUID.randomUUID();
            String body = body(api, boundary, prefix, from, to);
            HttpRequest request = HttpRequest.newBuilder(URI.create(api + "$batch"))
                    .header("Authorization", "Bearer bench-token").header("Accept", "application/json")
                    .header("OData-Version", "4.0").header("OData-MaxVersion", "4.0")
                    .header("Prefer", "odata.continue-on-error")
                    .header("Content-Type", "multipart/mixed; boundary=" + boundary)
                    .timeout(Duration.ofMinutes(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            while (true) {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 429) {
                    long seconds = Long.parseLong(r.headers().firstValue("Retry-After").orElse("1"));
                    Thread.sleep(seconds * 1000);
                    continue;
                }
                if (r.statusCode() != 200) {
                    throw new IOException("$batch got HTTP " + r.statusCode() + ": " + r.body());
                }
                int ok = count(r.body(), "HTTP/1.1 204");
                if (ok != to - from) {
                    throw new IOException("$batch answered " + ok + " of " + (to - from) + " upserts with 204");
                }
                done += ok;
                break;
            }
        }
        System.out.println("upserted " + done);
        // as the sluice command ends: neither side of the figure pays HotSpot's wait at exit for the client's selector
        dev.sluice.core.HttpClientThreads.stopSelectors(Duration.ofMillis(100));
    }

    private static String body(String api, String boundary, String prefix, int from, int to) {
        StringBuilder b = new StringBuilder((to - from) * 400);
        for (int i = from; i < to; i++) {
            Map<String, Object> fields = ContactRecords.body(i);
            StringBuilder json = new StringBuilder("{");
            fields.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":\"")
                    .append(v).append('"'));
            json.append('}');
            // the keys are letters, digits, '-', '@' and '.': nothing a URL path needs encoded
            String key = "'" + ContactRecords.email(prefix, i) + "'";
            b.append("--").append(boundary).append("\r\n")
                    .append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                    .append("PATCH ").append(api).append("contacts(emailaddress1=").append(key).append(") HTTP/1.1\r\n")
                    .append("Content-Type: application/json\r\n\r\n").append(json).append("\r\n");
        }
        return b.append("--").append(boundary).append("--\r\n").toString();
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            n++;
        }
        return n;
    }
}
