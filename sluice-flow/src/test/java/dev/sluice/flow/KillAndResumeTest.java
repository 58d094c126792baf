package dev.sluice.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.store.SluiceStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real process running a flow is killed with SIGKILL mid-run, or while one chunk is half written and the next is
 * already read; a rerun finishes with the exact target.
 */
@Tag("system")
class KillAndResumeTest {
    private static final int ROWS = 30_000;

    @TempDir
    Path dir;

    @Test
    void aRunKilledMidwayResumesFromItsCheckpointAndEndsWithTheExactTarget() throws Exception {
        StringBuilder csv = new StringBuilder("id,name,amount\r\n");
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            csv.append(i).append(",name ").append(i).append(',').append(i % 997).append(".5\r\n");
            expected.add(i + "|Item name " + i + "|" + (i % 997) + ".50");
        }
        Files.writeString(dir.resolve("big.csv"), csv);
        // WRITE_DELAY=0: H2 otherwise keeps the last 500 ms of commits in memory, and SIGKILL loses them
        String db = "jdbc:h2:file:" + dir.resolve("target") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        Fixture.sql(db, "CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(50), amount DECIMAL(10,2))");
        Path flow = Fixture.write(dir.resolve("items.flow.yaml"), """
                flow: items
                connections:
                  files: { directory: "%s" }
                  db: { jdbc: "%s", user: sa }
                source: { connection: files, table: big.csv }
                map: { id: id, name: "'Item ' + name", amount: amount }
                target: { connection: db, table: items, write: upsert, key: [id], chunk-size: 50 }
                """.formatted(dir, db));

        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FlowProcess.class.getName(), flow.toString(),
                dir.resolve("home").toString()).redirectErrorStream(true).start();
        int chunks = 0;
        StringBuilder log = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && chunks < 40) {
                if (line.startsWith("chunk ")) {
                    chunks++;
                } else {
                    log.append(line).append('\n');
                }
            }
            p.destroyForcibly(); // SIGKILL: no shutdown hooks, no clean close
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(chunks).as("the child must have been killed mid-run; it said:\n%s", log).isEqualTo(40);
        assertThat(Fixture.rows(db, "SELECT count(*) FROM items").get(0)).isNotEqualTo(String.valueOf(ROWS));

        try (SluiceStore store = Fixture.store(dir.resolve("home"));
                CheckedFlow f = new FlowValidator(ConnectionResolver.of(Map.of()), Map.of()).check(flow)) {
            assertThat(store.flows().checkpoint("items")).isPresent();
            RunSummary s = new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
            assertThat(s.resumed()).isTrue();
            assertThat(s.read()).isLessThan(ROWS);
        }
        assertThat(Fixture.rows(db, "SELECT id, name, amount FROM items ORDER BY id")).isEqualTo(expected);
    }

    @Test
    void aRunKilledWhileItWritesOneChunkAndHasReadTheNextResumesToTheExactTarget() throws Exception {
        int rows = 2_000;
        int chunk = 100;
        int blockAt = 7;
        StringBuilder csv = new StringBuilder("id,name,amount\r\n");
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(",name ").append(i).append(',').append(i % 97).append(".25\r\n");
            expected.add(i + "|Item name " + i + "|" + (i % 97) + ".25");
        }
        Files.writeString(dir.resolve("big.csv"), csv);
        String db = "jdbc:h2:file:" + dir.resolve("overlap") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        Fixture.sql(db, "CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(50), amount DECIMAL(10,2))");
        Path flow = Fixture.write(dir.resolve("overlap.flow.yaml"), """
                flow: overlap
                source: { connection: files, table: big.csv }
                map: { id: id, name: "'Item ' + name", amount: amount }
                target: { connection: db, table: items, write: upsert, key: [id], chunk-size: %d }
                """.formatted(chunk));

        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OverlapKillProcess.class.getName(), flow.toString(),
                dir.resolve("home2").toString(), dir.toString(), db, String.valueOf(blockAt))
                .redirectErrorStream(true).start();
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
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(blocked).as("the child must block in the middle of chunk %d; it said:\n%s", blockAt, log).isNotNull();
        long readWhenKilled = Long.parseLong(blocked.substring(blocked.indexOf("read=") + 5));
        assertThat(readWhenKilled).as("the next chunk was read while chunk %d was written", blockAt)
                .isGreaterThanOrEqualTo((long) (blockAt + 2) * chunk);
        assertThat(Fixture.rows(db, "SELECT count(*) FROM items").get(0))
                .isEqualTo(String.valueOf(blockAt * chunk + chunk / 2));

        try (SluiceStore store = Fixture.store(dir.resolve("home2"));
                CheckedFlow f = new FlowValidator(ConnectionResolver.of(Map.of("files", new FileRecordProvider(dir),
                        "db", new JdbcRecordProvider(db, "sa", null))), Map.of()).check(flow)) {
            RunSummary s = new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
            assertThat(s.resumed()).isTrue();
            assertThat(s.read()).isLessThanOrEqualTo(rows - (long) (blockAt - 1) * chunk);
        }
        assertThat(Fixture.rows(db, "SELECT id, name, amount FROM items ORDER BY id")).isEqualTo(expected);
    }
}
