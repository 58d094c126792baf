package dev.sluice.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.DataverseRecordProvider;
import dev.sluice.dataverse.Query;
import dev.sluice.dataverse.RecordKey;
import dev.sluice.dataverse.Row;
import dev.sluice.emulator.Emulator;
import dev.sluice.store.SluiceStore;
import dev.sluice.testing.WithEmulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change-tracking flow that remembers which account number each account was written under is killed with SIGKILL
 * in the middle of a chunk's write: once while it builds the memory, once in the middle of the deletions found
 * through it (target rows gone, their memory and checkpoint not yet saved). Each rerun ends with the exact target.
 */
@Tag("system")
@WithEmulator(noAuth = true, seed = {"accounts=400"})
class KeyMemoryKillTest {
    static final String FLOW = """
            flow: accounts-by-number
            source:
              connection: crm
              table: account
              select: [accountnumber, name]
              where: "accountnumber != null"
              incremental: change-tracking
            map: { number: accountnumber, name: name }
            target: { connection: db, table: dw, write: upsert, key: [number], chunk-size: 50, on-delete: delete }
            """;

    static Emulator emulator;

    @TempDir
    Path dir;

    @Test
    void killedWhileBuildingTheMemoryAndWhileDeletingThroughItEachRerunEndsWithTheExactTarget() throws Exception {
        String db = "jdbc:h2:file:" + dir.resolve("dw") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        Fixture.sql(db, "CREATE TABLE dw (number VARCHAR(20) PRIMARY KEY, name VARCHAR(200))");
        DataverseClient client = DataverseClient.builder().orgUrl(emulator.orgUrl())
                .credential(StaticTokenCredential.of("kill-test", "t")).build();
        Path home = dir.resolve("home");

        killWhileWriting(db, home, "upsert", 4);
        assertThat(Fixture.rows(db, "SELECT count(*) FROM dw")).containsExactly("225");
        RunSummary built = rerun(client, db, home);
        assertThat(built.resumed()).isTrue();
        assertThat(Fixture.rows(db, "SELECT number || '|' || name FROM dw ORDER BY 1")).isEqualTo(accounts(client))
                .hasSize(400);

        List<Row> all = client.query(Query.table("account").select("accountid", "name")).stream().toList();
        for (int i = 0; i < 150; i++) {
            client.delete("account", RecordKey.of(all.get(i).getUuid("accountid")));
        }
        for (int i = 150; i < 155; i++) {
            client.update("account", RecordKey.of(all.get(i).getUuid("accountid")), Map.of("accountnumber",
                    "NEW-" + i));
        }
        for (int i = 155; i < 165; i++) {
            client.update("account", RecordKey.of(all.get(i).getUuid("accountid")), Map.of("name", "Renamed " + i));
        }

        // chunk 0: 15 changes and 35 deletions (one delete write); chunk 1: 50 deletions, killed half done
        killWhileWriting(db, home, "delete", 1);
        RunSummary rest = rerun(client, db, home);
        assertThat(rest.resumed()).isTrue();
        assertThat(Fixture.rows(db, "SELECT number || '|' || name FROM dw ORDER BY 1")).isEqualTo(accounts(client))
                .hasSize(250).contains("NEW-150|" + all.get(150).getString("name"));
        assertThat(rerun(client, db, home).read()).isZero();
    }

    private void killWhileWriting(String db, Path home, String mode, int blockAt) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KeyMemoryKillProcess.class.getName(),
                emulator.orgUrl(), db, home.toString(), mode, String.valueOf(blockAt)).redirectErrorStream(true)
                .start();
        String blocked = null;
        StringBuilder log = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("blocked ")) {
                    blocked = line;
                    break;
                }
                log.append(line).append('\n');
            }
            p.destroyForcibly(); // SIGKILL: no shutdown hooks, no clean close
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(blocked).as("the child must block in its %s write %d; it said:\n%s", mode, blockAt, log)
                .isEqualTo("blocked " + mode + "=" + blockAt);
    }

    private static RunSummary rerun(DataverseClient client, String db, Path home) {
        try (JdbcRecordProvider target = new JdbcRecordProvider(db, "sa", null); SluiceStore store = Fixture.store(home);
                CheckedFlow f = new FlowValidator(ConnectionResolver.of(Map.of("crm",
                        new DataverseRecordProvider(client), "db", target)), Map.of())
                        .check(FlowParser.parse("kill.flow.yaml", FLOW))) {
            return new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
        }
    }

    private static List<String> accounts(DataverseClient client) {
        return client.query(Query.table("account").select("accountnumber", "name")).stream()
                .filter(r -> r.getString("accountnumber") != null)
                .map(r -> r.getString("accountnumber") + "|" + r.getString("name")).sorted().toList();
    }
}
