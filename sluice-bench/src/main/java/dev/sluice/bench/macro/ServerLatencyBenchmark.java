package dev.sluice.bench.macro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Figure 16, the server's latency under load: while {@code sluice serve} runs bulk imports of {@code rows} contacts
 * through its import endpoint (one after another, until enough samples are taken), single-row GETs of accounts by
 * id through the server's REST API ({@code GET …/tables/account/rows/{id}?select=…}, an API token) take turns with
 * the same GET sent straight to the emulator ({@code GET accounts(id)?$select=…}), one at a time from one client.
 * Only GETs sent while an import runs count. Target: the server's p99 ≤ 3× the emulator's own p99. Every import is
 * checked (the server's answer and {@link KeyScan}); every GET must answer 200.
 */
final class ServerLatencyBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT = "accountnumber,name,revenue";

    private ServerLatencyBenchmark() {}

    static void run(Path jar, EmulatorProcess emulator, int rows, int samples, Report report) throws Exception {
        Path dir = Files.createTempDirectory("sluice-bench-serverlatency");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        try {
            UserPath user = UserPath.connect(jar, dir, emulator);
            List<String> ids = ids(http, emulator);
            Path flows = Files.createDirectories(dir.resolve("flows"));
            try (ServerProcess server = new ServerProcess(jar, user.home(), flows,
                    Map.of("SLUICE_OUTBOUND_PROXY", "direct"))) {
                server.allowOutbound(URI.create(emulator.orgUrl()).getHost()); // the stored connection's host
                ApiClient api = new ApiClient(server.base(), server.apiToken("bench-latency"));
                Random random = new Random(16);
                for (int i = 0; i < 200; i++) { // a running server has served before
                    String id = ids.get(random.nextInt(ids.size()));
                    api.get("account", id + "?select=" + SELECT);
                    direct(http, emulator, id);
                }
                AtomicBoolean importing = new AtomicBoolean();
                AtomicBoolean stop = new AtomicBoolean();
                List<Double> importSeconds = new ArrayList<>();
                CompletableFuture<Void> imports = CompletableFuture.runAsync(() -> {
                    try {
                        for (int n = 0; !stop.get(); n++) {
                            Path file = ContactFiles.jsonLines(dir, "lat" + n, rows);
                            importing.set(true);
                            long t0 = System.nanoTime();
                            JsonNode answer = api.importLines("contact", "upsert", "emailaddress1", file);
                            importing.set(false);
                            importSeconds.add((System.nanoTime() - t0) / 1e9);
                            if (answer.path("succeeded").asLong() != rows || answer.path("failed").asLong() != 0) {
                                throw new AssertionError("the server's import of " + rows + " contacts answered "
                                        + answer);
                            }
                            UserWriteBenchmark.check(emulator, "lat" + n, rows, "the server's import");
                            Files.delete(file);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    } finally {
                        importing.set(false);
                    }
                });
                double[] viaServer = new double[samples];
                double[] straight = new double[samples];
                int taken = 0;
                while (taken < samples && !imports.isDone()) {
                    if (!importing.get()) {
                        Thread.sleep(1);
                        continue;
                    }
                    String id = ids.get(random.nextInt(ids.size()));
                    long t0 = System.nanoTime();
                    api.get("account", id + "?select=" + SELECT);
                    long t1 = System.nanoTime();
                    direct(http, emulator, id);
                    long t2 = System.nanoTime();
                    if (importing.get()) {
                        viaServer[taken] = (t1 - t0) / 1e6;
                        straight[taken] = (t2 - t1) / 1e6;
                        taken++;
                    }
                }
                stop.set(true);
                imports.join();
                if (taken < samples) {
                    throw new IllegalStateException("only " + taken + " of " + samples + " GETs were taken while an "
                            + "import ran");
                }
                double server99 = percentile(viaServer, 99);
                double direct99 = percentile(straight, 99);
                report.add(new Figure("server p99 GET in an import vs emulator's", "ms", server99,
                        direct99, 3, false, false, true, String.format("%,d GETs of an account by id each way, taking "
                                + "turns, one at a time, all while sluice serve ran a bulk import of %,d contacts "
                                + "(%d import(s): %s s): through the server's REST API p50 %.2f / p99 %.2f ms; straight "
                                + "to the emulator p50 %.2f / p99 %.2f ms; every import checked (every row once)",
                                samples, rows, importSeconds.size(), importSeconds.stream()
                                        .map(x -> String.format("%.1f", x)).toList(), percentile(viaServer, 50),
                                server99, percentile(straight, 50), direct99)));
            }
        } finally {
            UserPath.deleteTree(dir);
        }
    }

    /** The ids of the seeded accounts (the first page). */
    private static List<String> ids(HttpClient http, EmulatorProcess emulator) throws IOException,
            InterruptedException {
        HttpResponse<String> r = http.send(request(emulator.webApiUrl() + "accounts?$select=accountid").build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> ids = new ArrayList<>();
        for (JsonNode row : JSON.readTree(r.body()).path("value")) {
            ids.add(row.path("accountid").asText());
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("the emulator has no accounts: HTTP " + r.statusCode());
        }
        return ids;
    }

    private static void direct(HttpClient http, EmulatorProcess emulator, String id) throws IOException,
            InterruptedException {
        HttpResponse<byte[]> r = http.send(request(emulator.webApiUrl() + "accounts(" + id + ")?$select=" + SELECT)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("GET accounts(" + id + ") got HTTP " + r.statusCode());
        }
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1))
                .header("Authorization", "Bearer " + UserPath.BEARER).header("Accept", "application/json")
                .header("OData-Version", "4.0").header("Prefer", "odata.maxpagesize=5000");
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
