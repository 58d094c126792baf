package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.store.FlowRun;
import dev.sluice.store.SluiceStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two servers on one PostgreSQL share db-scheduler's table: a schedule runs once per period, never twice. */
class FlowScheduleClusterTest {
    /** The flow's schedule; runs must start at least this far apart (fixed delay after the previous run). */
    static final Duration EVERY = Duration.ofSeconds(2);

    @Test
    void twoServersOnOneDatabaseRunAScheduleOncePerPeriod() throws Exception {
        Path data = Files.createTempDirectory("flow-cluster-data");
        Files.writeString(data.resolve("in.csv"), "id,name\n1,Ada\n2,Alan\n", StandardCharsets.UTF_8);
        Path flows = Files.createTempDirectory("flow-cluster-flows");
        Files.writeString(flows.resolve("copy.flow.yaml"), "flow: copy-people\n"
                + "connections:\n  files: { directory: \"" + data.toString().replace("\\", "/") + "\" }\n"
                + "source: { connection: files, table: in.csv }\n"
                + "map:\n  id: id\n  name: name\n"
                + "target: { connection: files, table: out.csv, write: upsert, key: [id] }\n"
                + "schedule: every 2s\n", StandardCharsets.UTF_8);
        Path home = Files.createTempDirectory("flow-cluster-home");
        try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            SluiceStore one = SluiceStore.builder().home(home).jdbcUrl(url).user("postgres").build();
            SluiceStore two = SluiceStore.builder().home(home).jdbcUrl(url).user("postgres").build();
            try (ServerFixture a = new ServerFixture(null, one, b -> b.flowsFolder(flows)
                    .schedulerPollingInterval(Duration.ofMillis(100)));
                 ServerFixture b = new ServerFixture(null, two, x -> x.flowsFolder(flows)
                         .schedulerPollingInterval(Duration.ofMillis(100)))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> one.flows().runs("copy-people", 50).size() >= 4);
                List<FlowRun> runs = one.flows().runs("copy-people", 50).stream()
                        .sorted(Comparator.comparing(FlowRun::startedAt)).toList();
                for (int i = 1; i < runs.size(); i++) {
                    assertThat(Duration.between(runs.get(i - 1).startedAt(), runs.get(i).startedAt()))
                            .as("run %d starts a full period after run %d", i, i - 1).isGreaterThanOrEqualTo(EVERY);
                }
                try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT count(*) FROM scheduled_tasks WHERE task_instance = "
                             + "'schedule:copy-people'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
                assertThat(Files.readString(data.resolve("out.csv"), StandardCharsets.UTF_8)).contains("Ada");
            }
        }
    }
}
