package dev.sluice.server;

import static dev.sluice.server.ServerFixture.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorIdentity;
import dev.sluice.server.ServerFixture.Session;
import dev.sluice.testing.WithEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Flows in the server: upload, runs with grant checks, history, dead letters, schedules and triggers. */
@WithEmulator(seed = {"accounts=5"})
class FlowServerTest {
    static Emulator emulator;
    static ServerFixture f;
    static Session admin;
    static Session writer;
    static Session reader;
    static Path out;

    static final String WHERE = "where: \"accountnumber != null && accountnumber.startsWith('FLOW-')\"";

    @BeforeAll
    static void start() throws Exception {
        f = new ServerFixture(emulator, null, b -> b.schedulerPollingInterval(Duration.ofMillis(200)));
        admin = f.admin();
        EmulatorIdentity.App app = f.identity().app("Sluice Service").orElseThrow();
        created(admin.json("POST", "/api/v1/connections", Map.of("name", "crm", "orgUrl", emulator.orgUrl(),
                "tenant", f.identity().tenantId().toString(), "auth", Map.of("method", "client-secret",
                        "clientId", app.clientId().toString(), "clientSecret", app.secrets().get(0).reveal()))));
        ok(admin.json("POST", "/api/v1/connections/crm/authorize", null));
        writer = f.member(admin, "wendy");
        reader = f.member(admin, "rick");
        ok(admin.json("PUT", "/api/v1/connections/crm/grants/wendy", Map.of("level", "write")));
        ok(admin.json("PUT", "/api/v1/connections/crm/grants/rick", Map.of("level", "read")));
        createAccount("FLOW-1", 100);
        createAccount("FLOW-2", 200);
        createAccount("FLOW-3", null);
        out = Files.createTempDirectory("flow-out");
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static void createAccount(String number, Integer revenue) {
        Map<String, Object> row = new java.util.HashMap<>(Map.of("name", "Account " + number, "accountnumber",
                number));
        if (revenue != null) {
            row.put("revenue", revenue);
        }
        created(admin.json("POST", "/api/v1/connections/crm/tables/account/rows", row));
    }

    static JsonNode created(java.net.http.HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return body(r);
    }

    static JsonNode accepted(java.net.http.HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/runs/" + body(r).get("id").asText()));
        return body(r);
    }

    /** The run once it has ended, as its own API shows it. */
    static JsonNode finished(Session s, String flow, JsonNode started) {
        String path = "/api/v1/flows/" + flow + "/runs/" + started.get("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> !ok(s.get(path)).get("status").asText().equals("running"));
        return ok(s.get(path));
    }

    static JsonNode ok(java.net.http.HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return body(r);
    }

    static java.net.http.HttpResponse<String> upload(Session s, String yaml) {
        return s.send("POST", "/api/v1/flows", yaml, "application/yaml");
    }

    static String toFiles(String name, String revenue, String extra) {
        return "flow: " + name + "\n"
                + "connections:\n  out: { directory: \"" + out.toString().replace("\\", "/") + "\" }\n"
                + "source:\n  connection: crm\n  table: account\n  select: [accountid, name, accountnumber, revenue]\n"
                + "  " + WHERE + "\n"
                + "map:\n  id: accountid\n  name: name\n  number: accountnumber\n  double_revenue: \"" + revenue + "\"\n"
                + "target: { connection: out, table: " + name + ".csv, write: upsert, key: [id] }\n" + extra;
    }

    static String touch(String name, String extra) {
        return "flow: " + name + "\n"
                + "source:\n  connection: crm\n  table: account\n  select: [accountid, accountnumber]\n  " + WHERE + "\n"
                + "map:\n  accountid: accountid\n  description: \"'touched ' + accountnumber\"\n"
                + "target: { connection: crm, table: account, write: update, key: [accountid] }\n" + extra;
    }

    @Test
    void anInvalidFlowIsRefusedWithFileLineAndColumn() {
        String yaml = toFiles("broken", "revenue * 2.0", "").replace("  name: name\n", "  name: nmae\n");
        java.net.http.HttpResponse<String> r = upload(admin, yaml);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode p = body(r).get("problems").get(0);
        assertThat(p.get("file").asText()).isEqualTo("broken.flow.yaml");
        assertThat(p.get("line").asInt()).isEqualTo(11);
        assertThat(p.get("column").asInt()).isEqualTo(9);
        assertThat(p.get("message").asText()).contains("nmae");
        assertThat(p.get("suggestion").asText()).isEqualTo("name");
        assertThat(admin.get("/api/v1/flows/broken").statusCode()).isEqualTo(404);
    }

    @Test
    void aMemberMayNotUploadAFlowThatDeclaresConnections() {
        java.net.http.HttpResponse<String> r = upload(writer, toFiles("mine", "revenue * 2.0", ""));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(body(r).get("detail").asText()).contains("declares connections (out)");
    }

    @Test
    void anUploadedFlowRunsOnDemandWithHistoryAndDeadLettersThatARetryClears() throws Exception {
        JsonNode up = created(upload(admin, toFiles("accounts-out", "revenue * 2.0", "")));
        assertThat(up.get("valid").asBoolean()).isTrue();
        assertThat(up.get("origin").asText()).isEqualTo("upload");

        JsonNode run = finished(admin, "accounts-out", accepted(admin.json("POST", "/api/v1/flows/accounts-out/runs",
                null)));
        assertThat(run.get("status").asText()).isEqualTo("succeeded");
        assertThat(run.get("startedBy").asText()).isEqualTo("admin");
        assertThat(run.get("startedVia").asText()).isEqualTo("on demand");
        assertThat(run.get("read").asLong()).as("where is pushed down: only FLOW- accounts are read").isEqualTo(3);
        assertThat(run.get("created").asLong()).isEqualTo(2);
        assertThat(run.get("skipped").asLong()).isZero();
        assertThat(run.get("rejected").asLong()).isEqualTo(1);
        assertThat(run.get("detail").asText()).startsWith("where: pushed down to the source: accountnumber != null");
        assertThat(Files.readString(out.resolve("accounts-out.csv"), StandardCharsets.UTF_8))
                .contains("FLOW-1").contains("FLOW-2").doesNotContain("FLOW-3");

        JsonNode runs = ok(admin.get("/api/v1/flows/accounts-out/runs")).get("value");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("status").asText()).isEqualTo("succeeded");
        assertThat(runs.get(0).get("rejected").asLong()).isEqualTo(1);
        JsonNode shown = ok(admin.get("/api/v1/flows/accounts-out"));
        assertThat(shown.get("definition").asText()).contains("flow: accounts-out");
        assertThat(shown.get("lastRun").get("created").asLong()).isEqualTo(2);

        Session viewer = f.member(admin, "vera");
        ok(admin.json("PUT", "/api/v1/connections/crm/grants/vera", Map.of("level", "view")));
        java.net.http.HttpResponse<String> hidden = viewer.get("/api/v1/flows/accounts-out/dead-letters");
        assertThat(hidden.statusCode()).as("dead letters are source records: read on the source").isEqualTo(403);
        assertThat(viewer.get("/flows/accounts-out").body()).doesNotContain("FLOW-3").doesNotContain("Dead letters");

        JsonNode dead = ok(admin.get("/api/v1/flows/accounts-out/dead-letters")).get("value");
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).get("source").get("accountnumber").asText()).isEqualTo("FLOW-3");
        assertThat(dead.get(0).get("errorKind").asText()).isEqualTo("INVALID_INPUT");
        assertThat(dead.get(0).get("message").asText()).isNotBlank();

        ok(upload(admin, toFiles("accounts-out", "revenue == null ? dyn(0.0) : revenue * 2.0", "")));
        JsonNode retried = ok(admin.json("POST", "/api/v1/flows/accounts-out/dead-letters/retry", null));
        assertThat(retried.get("created").asLong()).isEqualTo(1);
        assertThat(retried.get("rejected").asLong()).isZero();
        assertThat(ok(admin.get("/api/v1/flows/accounts-out/dead-letters")).get("value")).isEmpty();
        assertThat(Files.readString(out.resolve("accounts-out.csv"), StandardCharsets.UTF_8)).contains("FLOW-3");

        JsonNode audit = ok(admin.get("/api/v1/audit?action=flow.run")).get("value");
        assertThat(audit.get(0).get("actor").asText()).isEqualTo("admin");
        assertThat(audit.get(0).get("detail").asText()).contains("accounts-out").contains("created 2")
                .contains("rejected 1");
    }

    @Test
    void runningNeedsReadOnTheSourceAndWriteOnTheTarget() {
        created(upload(writer, touch("accounts-touch", "")));
        JsonNode listed = ok(reader.get("/api/v1/flows")).get("value");
        assertThat(listed.findValuesAsText("name")).contains("accounts-touch");

        java.net.http.HttpResponse<String> refused = reader.json("POST", "/api/v1/flows/accounts-touch/runs", null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(body(refused).get("detail").asText()).contains("'write' grant on its target connection 'crm'");

        JsonNode run = finished(writer, "accounts-touch", accepted(writer.json("POST",
                "/api/v1/flows/accounts-touch/runs", null)));
        assertThat(run.get("updated").asLong()).isEqualTo(3);
        JsonNode row = ok(admin.get("/api/v1/connections/crm/tables/account/rows?filter="
                + java.net.URLEncoder.encode("accountnumber eq 'FLOW-2'", StandardCharsets.UTF_8)
                + "&select=description")).get("value").get(0);
        assertThat(row.get("description").asText()).isEqualTo("touched FLOW-2");
        assertThat(ok(admin.get("/api/v1/audit?action=flow.run&actor=wendy")).get("value").findValuesAsText("detail"))
                .anyMatch(d -> d.startsWith("flow 'accounts-touch' on demand: read 3, created 0, updated 3"));
    }

    @Test
    void aScheduleRunsTheFlowAgainAndAgain() {
        created(upload(admin, touch("accounts-every-second", "schedule: every 1s\n")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ok(admin.get("/api/v1/flows/accounts-every-second/runs")).get("value").size())
                        .isGreaterThanOrEqualTo(2));
        JsonNode runs = ok(admin.get("/api/v1/flows/accounts-every-second/runs")).get("value");
        assertThat(runs.get(runs.size() - 1).get("read").asLong()).isEqualTo(3);
        ok(upload(admin, touch("accounts-every-second", "")));
    }

    @Test
    void aTriggerPicksUpARowCreatedInDataverse() {
        String yaml = "flow: accounts-trigger\n"
                + "connections:\n  out: { directory: \"" + out.toString().replace("\\", "/") + "\" }\n"
                + "source:\n  connection: crm\n  table: account\n  select: [accountid, name, accountnumber]\n"
                + "  incremental: change-tracking\n  trigger: new-or-updated\n  interval: 1s\n"
                + "map:\n  id: accountid\n  name: name\n  number: accountnumber\n"
                + "target: { connection: out, table: triggered.csv, write: upsert, key: [id] }\n";
        created(upload(admin, yaml));
        Path file = out.resolve("triggered.csv");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file)
                && Files.readString(file, StandardCharsets.UTF_8).contains("FLOW-1"));
        createAccount("TRIGGERED-1", 5);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(file, StandardCharsets.UTF_8)
                .contains("TRIGGERED-1"));
        JsonNode runs = ok(admin.get("/api/v1/flows/accounts-trigger/runs")).get("value");
        assertThat(runs.get(0).get("read").asLong()).isPositive();
    }

    @Test
    void theFlowPagesShowRunsAndOfferRunNowOnlyToWhoMayRun() {
        created(upload(writer, touch("accounts-page", "")));
        java.net.http.HttpResponse<String> ran = writer.send("POST", "/flows/accounts-page/run", "_csrf=" + writer.csrf,
                "application/x-www-form-urlencoded");
        assertThat(ran.statusCode()).as(ran.body()).isEqualTo(303);
        await().atMost(Duration.ofSeconds(30)).until(() -> writer.get("/flows/accounts-page").body()
                .contains("succeeded"));
        java.net.http.HttpResponse<String> page = writer.get("/flows/accounts-page");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"run-now\"").contains("id=\"runs\"").contains("succeeded")
                .contains("flow: accounts-page").contains("wendy (on demand)");
        assertThat(reader.get("/flows").body()).contains("accounts-page");
        java.net.http.HttpResponse<String> seen = reader.get("/flows/accounts-page");
        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(seen.body()).doesNotContain("run-now");
        java.net.http.HttpResponse<String> refused = reader.send("POST", "/flows/accounts-page/run",
                "_csrf=" + reader.csrf, "application/x-www-form-urlencoded");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("grant on its target connection");
    }

    @Test
    void anOnDemandRunAnswersAtOnceShowsLiveProgressAndStopsAtAChunkBoundaryWhenCancelled() throws Exception {
        StringBuilder csv = new StringBuilder("number,name\n");
        for (int i = 1; i <= 40; i++) {
            csv.append("CANCEL-").append(i).append(",Cancel me ").append(i).append('\n');
        }
        Files.writeString(out.resolve("cancel.csv"), csv.toString(), StandardCharsets.UTF_8);
        created(upload(admin, "flow: cancel-me\n"
                + "connections:\n  in: { directory: \"" + out.toString().replace("\\", "/") + "\" }\n"
                + "source: { connection: in, table: cancel.csv }\n"
                + "map: { accountnumber: number, name: name }\n"
                + "target: { connection: crm, table: account, write: upsert, key: [accountnumber], chunk-size: 1 }\n"));
        // every write takes a while, so the run is still going when the test looks at it
        emulator.faults().add(dev.sluice.emulator.FaultSpec.delay(Duration.ofMillis(250)).times(1000).method("POST")
                .pathRegex(".*UpsertMultiple.*"));
        try {
            JsonNode started = accepted(admin.json("POST", "/api/v1/flows/cancel-me/runs", null));
            assertThat(started.get("status").asText()).isEqualTo("running");
            String path = "/api/v1/flows/cancel-me/runs/" + started.get("id").asText();
            assertThat(admin.json("POST", "/api/v1/flows/cancel-me/runs", null).statusCode()).isEqualTo(409);

            await().atMost(Duration.ofSeconds(30)).until(() -> ok(admin.get(path)).get("read").asLong() >= 2);
            JsonNode live = ok(admin.get(path));
            assertThat(live.get("status").asText()).isEqualTo("running");
            assertThat(live.get("expected").asLong()).isEqualTo(40);
            assertThat(live.get("rowsPerSecond").asLong()).isPositive();
            assertThat(live.get("etaSeconds").isNumber()).isTrue();

            java.net.http.HttpResponse<String> refused = reader.json("POST", path + "/cancel", null);
            assertThat(refused.statusCode()).isEqualTo(403);
            JsonNode asked = body(admin.json("POST", path + "/cancel", null));
            assertThat(asked.get("cancelRequested").asBoolean()).isTrue();
            assertThat(asked.get("cancelRequestedBy").asText()).isEqualTo("admin");

            JsonNode stopped = finished(admin, "cancel-me", started);
            assertThat(stopped.get("status").asText()).isEqualTo("cancelled");
            long done = stopped.get("read").asLong();
            assertThat(done).isLessThan(40);
            assertThat(admin.json("POST", path + "/cancel", null).statusCode()).isEqualTo(409);
        } finally {
            emulator.faults().clear();
        }
        JsonNode rest = finished(admin, "cancel-me", accepted(admin.json("POST", "/api/v1/flows/cancel-me/runs",
                null)));
        assertThat(rest.get("status").asText()).isEqualTo("succeeded");
        JsonNode runs = ok(admin.get("/api/v1/flows/cancel-me/runs")).get("value");
        assertThat(runs.get(0).get("read").asLong() + runs.get(1).get("read").asLong())
                .as("the second run went on from the first one's checkpoint").isEqualTo(40);
        // UpsertMultiple does not say whether it created or updated: the runs count upserts, not guesses
        assertThat(runs.get(0).get("upserted").asLong() + runs.get(1).get("upserted").asLong()).isEqualTo(40);
        assertThat(rest.get("created").asLong() + rest.get("updated").asLong()).isZero();
        assertThat(rest.get("written").asLong()).isEqualTo(rest.get("upserted").asLong());
        JsonNode rows = ok(admin.get("/api/v1/connections/crm/tables/account/rows?filter="
                + java.net.URLEncoder.encode("startswith(accountnumber,'CANCEL-')", StandardCharsets.UTF_8)
                + "&select=accountnumber")).get("value");
        assertThat(rows).hasSize(40);
    }
}
