package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorIdentity;
import dev.sluice.store.SluiceStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, "try it": three real {@code sluice serve} processes on one embedded PostgreSQL and the emulator run
 * scheduled flows of Dataverse accounts into PostgreSQL tables; one node is killed with SIGKILL mid-run and another
 * stopped with SIGTERM (it drains, and starts again); every flow must complete exactly once, every target must equal
 * the source row for row, no run may be lost, the killed node's runs must be taken over within two leases, and a
 * session signed in on one node must work on the others throughout. The emulator answers every Web API page after
 * {@code sluice.cluster.delayMs} so that runs last long enough to be killed mid-way.
 *
 * <p>By default it is small enough for CI (6 flows of 5,000 rows); the size of issue 17 is
 * {@code -Dsluice.cluster.flows=20 -Dsluice.cluster.rows=50000}. Further knobs: {@code sluice.cluster.lease}
 * (seconds), {@code sluice.cluster.maxRuns} (per node; default: every flow, so the surviving nodes have room to take
 * runs over at once), {@code sluice.cluster.pageSize}. Writes a report to {@code target/cluster-report.txt}.
 */
@Tag("system")
class ClusterSystemTest {
    static final int FLOWS = Integer.getInteger("sluice.cluster.flows", 6);
    static final int ROWS = Integer.getInteger("sluice.cluster.rows", 5_000);
    static final Duration LEASE = Duration.ofSeconds(Integer.getInteger("sluice.cluster.lease", 6));
    /** Runs per node at once. */
    static final int MAX_RUNS = Integer.getInteger("sluice.cluster.maxRuns", Math.min(FLOWS, 64));
    /** Rows per Web API page the flows read (the connection's page size): twenty pages a run by default. */
    static final int PAGE_SIZE = Integer.getInteger("sluice.cluster.pageSize", Math.max(100, Math.min(5000, ROWS / 20)));
    /** Rows per chunk (write and checkpoint) of each flow. */
    static final int CHUNK = Math.min(1000, PAGE_SIZE);
    /**
     * How long the emulator takes over each Web API request of the flows: long enough that runs overlap on every node
     * while the flows are uploaded one after another (at 200 ms a run lasted 4.5 s; a loaded CI machine once took 2 s
     * per upload, so no moment had all three nodes working and the first check waited out its 5 minutes).
     */
    static final Duration DELAY = Duration.ofMillis(Integer.getInteger("sluice.cluster.delayMs", 400));
    static final String PASSWORD = "first-admin-pass";
    static final String NEW_PASSWORD = "cluster-admin-chosen";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final List<String> report = new ArrayList<>();

    @Test
    void threeNodesRunEveryFlowExactlyOnceThroughAKillAndADrain() throws Exception {
        Instant began = Instant.now();
        try (Emulator emulator = Emulator.builder().seed("accounts", ROWS).start();
             EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            sql(pg.getPostgresDatabase().getConnection(), "CREATE DATABASE sluice", "CREATE DATABASE warehouse");
            String warehouse = "jdbc:postgresql://localhost:" + pg.getPort() + "/warehouse";
            String storeUrl = "jdbc:postgresql://localhost:" + pg.getPort() + "/sluice";
            loadSource(emulator, warehouse);
            List<String> ddl = new ArrayList<>();
            for (int i = 1; i <= FLOWS; i++) {
                ddl.add("CREATE TABLE " + table(i) + " (id UUID PRIMARY KEY, name VARCHAR(200), number VARCHAR(40), "
                        + "revenue NUMERIC(19,4))");
            }
            sql(DriverManager.getConnection(warehouse, "postgres", ""), ddl.toArray(String[]::new));

            Path home = Files.createDirectories(dir.resolve("home"));
            SluiceStore.builder().home(home).environment(Map.of()).build().close(); // the nodes' shared keyset file
            Map<String, String> env = Map.of("SLUICE_STORE_USER", "postgres", "SLUICE_ADMIN_PASSWORD", PASSWORD);
            List<String> options = List.of("--max-runs", String.valueOf(MAX_RUNS), "--lease-time",
                    LEASE.toSeconds() + "s", "--allow-host", "127.0.0.1:" + emulator.port());
            List<ClusterNodeProcess> nodes = new ArrayList<>();
            for (String name : List.of("node-a", "node-b", "node-c")) {
                nodes.add(new ClusterNodeProcess(name, storeUrl, home, dir, env, options));
            }
            try {
                for (ClusterNodeProcess n : nodes) {
                    n.start(); // all at once: they race to migrate the new database, Flyway's lock lets one do it
                }
                for (ClusterNodeProcess n : nodes) {
                    n.awaitHealthy(http, Duration.ofMinutes(3));
                }
                report.add(String.format("nodes healthy %.1f s after the start", secondsSince(began)));
                run(emulator, pg, warehouse, storeUrl, nodes, home, env, options);
            } finally {
                for (ClusterNodeProcess n : nodes) {
                    n.close();
                }
                report.add(String.format("wall time %.1f s", secondsSince(began)));
                Path out = Path.of("target", "cluster-report.txt");
                Files.createDirectories(out.getParent());
                Files.writeString(out, String.join("\n", report) + "\n", StandardCharsets.UTF_8);
                System.out.println(String.join("\n", report));
                for (ClusterNodeProcess n : nodes) {
                    Files.copy(n.log, Path.of("target", "cluster-" + n.name + ".log"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private void run(Emulator emulator, EmbeddedPostgres pg, String warehouse, String storeUrl,
            List<ClusterNodeProcess> nodes, Path home, Map<String, String> env, List<String> options) throws Exception {
        ClusterNodeProcess a = nodes.get(0);
        ClusterNodeProcess b = nodes.get(1);
        ClusterNodeProcess c = nodes.get(2);
        Client client = new Client();

        // a round-robin client: signs in on A, changes its password through B, works through C, A, B…
        JsonNode signedIn = client.ok(a, "POST", "/api/v1/session", Map.of("user", "admin", "password", PASSWORD));
        client.csrf = signedIn.get("csrfToken").asText();
        client.expect(b, "PUT", "/api/v1/session/password", Map.of("currentPassword", PASSWORD, "newPassword",
                NEW_PASSWORD), 204);
        EmulatorIdentity id = emulator.identity().info();
        EmulatorIdentity.App app = id.app("Sluice Service").orElseThrow();
        emulator.identity().resetTokenRequestCounts();
        client.expect(c, "POST", "/api/v1/connections", Map.of("name", "crm", "orgUrl", emulator.orgUrl(), "tenant",
                id.tenantId().toString(), "auth", Map.of("method", "client-secret", "clientId",
                        app.clientId().toString(), "clientSecret", app.secrets().get(0).reveal()),
                "options", Map.of("pageSize", PAGE_SIZE)), 201);
        client.ok(a, "POST", "/api/v1/connections/crm/authorize", null);
        String token = client.send(b, "POST", "/api/v1/tokens", Map.of("name", "cluster-ops", "scopes",
                List.of("read", "admin"))).get("token").asText();
        Client program = new Client();
        program.bearer = token;
        JsonNode cluster = program.ok(c, "GET", "/api/v1/nodes", null);
        assertThat(cluster.get("value").findValuesAsText("name")).containsExactly("node-a", "node-b", "node-c");
        assertThat(cluster.get("value").findValuesAsText("state")).containsOnly("running");

        // sign-in throttling is the cluster's: five failures spread over the nodes slow the sixth down on any node
        for (int i = 0; i < 5; i++) {
            new Client().expect(nodes.get(i % 3), "POST", "/api/v1/session", Map.of("user", "admin", "password",
                    "wrong-" + i), 401);
        }
        new Client().expect(c, "POST", "/api/v1/session", Map.of("user", "admin", "password", "wrong-5"), 429);

        // every page of the flows' reads takes a while, so runs are still going when nodes go away
        emulator.faults().add(dev.sluice.emulator.FaultSpec.delay(DELAY).method("GET").pathPrefix("/api/data/")
                .times(dev.sluice.emulator.FaultSpec.UNLIMITED));
        Instant uploaded = Instant.now();
        for (int i = 1; i <= FLOWS; i++) {
            client.expectYaml(nodes.get(i % 3), flow(i, warehouse), 201);
        }
        report.add(String.format("%d flows of %,d rows uploaded through the three nodes; schedule every 1h (one run "
                + "each), %d runs per node at once, lease %d s, pages of %d rows each answered after %d ms, chunks of "
                + "%d rows", FLOWS, ROWS, MAX_RUNS, LEASE.toSeconds(), PAGE_SIZE, DELAY.toMillis(), CHUNK));

        // every node works at once: no node runs everything while others idle
        Map<String, List<String>> holding = new TreeMap<>();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
            holding.clear();
            holding.putAll(held(program.ok(a, "GET", "/api/v1/nodes", null), true));
            return holding.size() == 3 && holding.get("node-b").size() > 0 && holding.get("node-c").size() > 0;
        });
        report.add("runs held with progress at once: " + summary(holding) + "; runs held (with or without progress): "
                + summary(held(program.ok(a, "GET", "/api/v1/nodes", null), false)));

        // SIGKILL node B mid-run
        List<String> killedRuns = held(program.ok(a, "GET", "/api/v1/nodes", null), false).getOrDefault("node-b",
                List.of());
        Instant killed = Instant.now();
        b.kill();
        report.add(String.format("node-b killed with SIGKILL %.1f s after the upload, holding %d run(s)",
                seconds(uploaded, killed), killedRuns.size()));

        // SIGTERM node C: it finishes its current chunks, checkpoints, gives its runs back and exits
        List<String> drainedRuns = held(program.ok(a, "GET", "/api/v1/nodes", null), false).getOrDefault("node-c",
                List.of());
        Instant terminated = Instant.now();
        assertThat(c.terminate(Duration.ofSeconds(90))).as("node-c exits after draining: " + c.output()).isTrue();
        report.add(String.format("node-c stopped with SIGTERM holding %d run(s); drained and exited in %.1f s",
                drainedRuns.size(), secondsSince(terminated)));
        assertThat(c.output()).contains("node draining node=node-c").contains("node drained node=node-c");
        try (Connection db = DriverManager.getConnection(storeUrl, "postgres", "")) {
            assertThat(count(db, "SELECT count(*) FROM flow_runs WHERE status = 'running' AND node = 'node-c'"))
                    .as("node-c gave every run back").isZero();
        }

        // sessions and tokens stay valid on the surviving nodes, and on node C once it is back
        client.ok(a, "GET", "/api/v1/session", null);
        c.start().awaitHealthy(http, Duration.ofMinutes(3));
        JsonNode me = client.ok(c, "GET", "/api/v1/session", null);
        assertThat(me.get("name").asText()).isEqualTo("admin");
        assertThat(me.get("csrfToken").asText()).as("the session signed in on node-a").isEqualTo(client.csrf);
        program.ok(c, "GET", "/api/v1/nodes", null);
        // the Nodes page, through the session signed in on node-a: every node, the killed one gone
        // (node-b counts as gone once its last heartbeat is a lease old: on a quiet machine node-c is back sooner)
        await().atMost(LEASE.multipliedBy(3)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            String page = client.page(c, "/nodes");
            assertThat(page).contains("data-node=\"node-a\"", "data-node=\"node-b\"", "data-node=\"node-c\"");
            String from = page.substring(page.indexOf("data-node=\"node-b\""));
            assertThat(from.substring(0, from.indexOf("</tr>"))).as("node-b's row").contains(">gone<");
        });

        // every flow completes
        Duration limit = Duration.ofMinutes(Math.max(10, (long) FLOWS * ROWS / 50_000));
        try (Connection db = DriverManager.getConnection(storeUrl, "postgres", "")) {
            await().atMost(limit).pollInterval(Duration.ofMillis(500)).until(() -> count(db,
                    "SELECT count(*) FROM flow_runs WHERE status <> 'running'") >= FLOWS);
            report.add(String.format("every flow ended %.1f s after the upload", secondsSince(uploaded)));
            verifyRuns(db, killed, killedRuns, drainedRuns);
        }
        client.ok(a, "GET", "/api/v1/session", null);
        client.ok(c, "GET", "/api/v1/session", null);

        // the targets equal the source, row for row
        try (Connection w = DriverManager.getConnection(warehouse, "postgres", "")) {
            for (int i = 1; i <= FLOWS; i++) {
                String t = table(i);
                assertThat(count(w, "SELECT count(*) FROM " + t)).as(t).isEqualTo(ROWS);
                assertThat(count(w, "SELECT count(*) FROM (SELECT id, name, number, revenue FROM source EXCEPT "
                        + "SELECT id, name, number, revenue FROM " + t + ") x")).as(t + " misses rows").isZero();
                assertThat(count(w, "SELECT count(*) FROM (SELECT id, name, number, revenue FROM " + t + " EXCEPT "
                        + "SELECT id, name, number, revenue FROM source) x")).as(t + " has other rows").isZero();
            }
        }
        report.add(String.format("all %d targets equal the source's %,d rows, row for row", FLOWS, ROWS));

        // one token for the connection, however many nodes used it
        assertThat(emulator.identity().tokenRequests("client_credentials", app.clientId().toString()))
                .as("token requests of the connection's service principal").isEqualTo(1);
        report.add("token requests to the identity provider for the shared connection: 1");
    }

    /** Checks every run and reports takeovers and the spread over the nodes. */
    private void verifyRuns(Connection db, Instant killed, List<String> killedRuns, List<String> drainedRuns)
            throws SQLException {
        Map<String, Integer> finishedBy = new TreeMap<>();
        List<String> takeovers = new ArrayList<>();
        long worstMs = 0;
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT flow, id, status, read_count, "
                + "node, takeovers, taken_over_at, taken_over_from, message FROM flow_runs ORDER BY flow")) {
            int n = 0;
            while (rs.next()) {
                n++;
                String flow = rs.getString(1);
                assertThat(rs.getString(3)).as(flow + ": " + rs.getString(9)).isEqualTo("succeeded");
                assertThat(rs.getLong(4)).as(flow + " read").isEqualTo(ROWS);
                finishedBy.merge(rs.getString(5), 1, Integer::sum);
                if (rs.getInt(6) > 0) {
                    long ms = Duration.between(killed, rs.getObject(7, OffsetDateTime.class).toInstant()).toMillis();
                    takeovers.add(String.format("%s from %s by %s after %.1f s", flow, rs.getString(8),
                            rs.getString(5), ms / 1000.0));
                    assertThat(rs.getString(8)).as("only the killed node's runs are taken over").isEqualTo("node-b");
                    worstMs = Math.max(worstMs, ms);
                }
            }
            assertThat(n).as("one run per flow: none lost, none twice").isEqualTo(FLOWS);
        }
        assertThat(count(db, "SELECT count(DISTINCT flow) FROM flow_runs")).isEqualTo(FLOWS);
        // a run's status is final before db-scheduler deletes its task row (and the active-run row): a moment later
        await("no run left active or queued").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> count(db, "SELECT count(*) FROM flow_active_runs") == 0
                        && count(db, "SELECT count(*) FROM flow_run_leases") == 0);
        assertThat(takeovers).as("the killed node held runs").isNotEmpty();
        assertThat(takeovers.size()).isEqualTo(killedRuns.size());
        assertThat(Duration.ofMillis(worstMs)).as("takeover within two leases").isLessThanOrEqualTo(LEASE.multipliedBy(2));
        report.add("takeovers after the SIGKILL (lease " + LEASE.toSeconds() + " s, target at most "
                + LEASE.multipliedBy(2).toSeconds() + " s): " + String.join("; ", takeovers));
        report.add("runs given back by the draining node and finished elsewhere without a takeover: "
                + drainedRuns.size());
        report.add("runs finished per node: " + finishedBy);
    }

    /** The runs each live node holds (with {@code progress}: only those that have read something). */
    private static Map<String, List<String>> held(JsonNode nodes, boolean progress) {
        Map<String, List<String>> out = new TreeMap<>();
        for (JsonNode n : nodes.get("value")) {
            if (!n.get("alive").asBoolean()) {
                continue;
            }
            List<String> runs = new ArrayList<>();
            for (JsonNode r : n.get("runs")) {
                long read = r.get("read").asLong();
                if (!progress || read > 0 && read < ROWS) {
                    runs.add(r.get("flow").asText());
                }
            }
            out.put(n.get("name").asText(), runs);
        }
        return out;
    }

    private static String summary(Map<String, List<String>> holding) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        holding.forEach((k, v) -> sizes.put(k, v.size()));
        return sizes.toString();
    }

    static String table(int i) {
        return String.format("accounts_%02d", i);
    }

    static String flow(int i, String warehouse) {
        return "flow: " + String.format("accounts-%02d", i) + "\n"
                + "connections:\n  warehouse: { jdbc: \"" + warehouse + "\", user: postgres }\n"
                + "source: { connection: crm, table: account, select: [accountid, name, accountnumber, revenue] }\n"
                + "map: { id: accountid, name: name, number: accountnumber, revenue: revenue }\n"
                + "target: { connection: warehouse, table: " + table(i) + ", write: upsert, key: [id], chunk-size: "
                + CHUNK + " }\n"
                + "schedule: every 1h\n";
    }

    /** The emulator's accounts, read through its Web API, into the warehouse's {@code source} table. */
    private static void loadSource(Emulator emulator, String warehouse) throws Exception {
        EmulatorIdentity id = emulator.identity().info();
        EmulatorIdentity.App app = id.app("Sluice Service").orElseThrow();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> t = http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/"
                + id.tenantId() + "/oauth2/v2.0/token")).POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=" + app.clientId() + "&client_secret="
                        + URLEncoder.encode(app.secrets().get(0).reveal(), StandardCharsets.UTF_8) + "&scope="
                        + URLEncoder.encode(emulator.orgUrl() + "/.default", StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded").build(),
                HttpResponse.BodyHandlers.ofString());
        String bearer = JSON.readTree(t.body()).get("access_token").asText();
        try (Connection w = DriverManager.getConnection(warehouse, "postgres", "")) {
            try (Statement s = w.createStatement()) {
                s.execute("CREATE TABLE source (id UUID PRIMARY KEY, name VARCHAR(200), number VARCHAR(40), "
                        + "revenue NUMERIC(19,4))");
            }
            w.setAutoCommit(false);
            String next = emulator.webApiUrl() + "accounts?$select=accountid,name,accountnumber,revenue";
            try (PreparedStatement p = w.prepareStatement("INSERT INTO source VALUES (?, ?, ?, ?)")) {
                while (next != null) {
                    JsonNode page = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(next))
                            .header("Authorization", "Bearer " + bearer).header("Prefer", "odata.maxpagesize=5000")
                            .build(), HttpResponse.BodyHandlers.ofString()).body());
                    for (JsonNode r : page.get("value")) {
                        p.setObject(1, UUID.fromString(r.get("accountid").asText()));
                        p.setString(2, text(r.get("name")));
                        p.setString(3, text(r.get("accountnumber")));
                        p.setBigDecimal(4, r.path("revenue").isNumber() ? new BigDecimal(r.get("revenue").asText())
                                : null);
                        p.addBatch();
                    }
                    p.executeBatch();
                    next = page.hasNonNull("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
                }
            }
            w.commit();
            assertThat(count(w, "SELECT count(*) FROM source")).isEqualTo(ROWS);
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    /** Runs the statements and closes the connection. */
    private static void sql(Connection c, String... statements) throws SQLException {
        try (c; Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double secondsSince(Instant from) {
        return seconds(from, Instant.now());
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /** An HTTP client with one session cookie and CSRF token (or an API token), for any node. */
    final class Client {
        String cookie;
        String csrf;
        String bearer;

        JsonNode ok(ClusterNodeProcess node, String method, String path, Object body) {
            return expect(node, method, path, body, 200);
        }

        JsonNode send(ClusterNodeProcess node, String method, String path, Object body) {
            return expect(node, method, path, body, 201);
        }

        JsonNode expect(ClusterNodeProcess node, String method, String path, Object body, int status) {
            try {
                return call(node, method, path, body == null ? null : JSON.writeValueAsString(body),
                        "application/json", status);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A web page (200), as HTML. */
        String page(ClusterNodeProcess node, String path) {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(node.base() + path))
                    .timeout(Duration.ofSeconds(60)).header("Accept", "text/html");
            if (cookie != null) {
                r.header("Cookie", cookie);
            }
            try {
                HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as("GET " + path + " on " + node.name).isEqualTo(200);
                return response.body();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        JsonNode expectYaml(ClusterNodeProcess node, String yaml, int status) {
            return call(node, "POST", "/api/v1/flows", yaml, "application/yaml", status);
        }

        private JsonNode call(ClusterNodeProcess node, String method, String path, String body, String type,
                int status) {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(node.base() + path))
                    .timeout(Duration.ofSeconds(60)).header("Accept", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                r.header("Content-Type", type);
            }
            if (cookie != null) {
                r.header("Cookie", cookie);
            }
            if (csrf != null) {
                r.header("X-CSRF-Token", csrf);
            }
            if (bearer != null) {
                r.header("Authorization", "Bearer " + bearer);
            }
            try {
                HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
                response.headers().allValues("Set-Cookie").forEach(c -> {
                    String pair = c.split(";", 2)[0];
                    cookie = pair.endsWith("=") ? null : pair;
                });
                assertThat(response.statusCode()).as(method + " " + path + " on " + node.name + ": "
                        + response.body()).isEqualTo(status);
                return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
