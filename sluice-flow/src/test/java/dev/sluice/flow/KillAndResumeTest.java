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

/** A real process running a flow is killed with SIGKILL mid-run; a rerun finishes with the exact target. */
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
}
