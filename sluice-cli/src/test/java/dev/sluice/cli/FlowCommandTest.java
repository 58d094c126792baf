package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FlowCommandTest {
    @TempDir
    Path dir;
    private String db;
    private Path flow;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws IOException, SQLException {
        db = "jdbc:h2:mem:cli" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        sql("CREATE TABLE people (id INTEGER PRIMARY KEY, name VARCHAR(100))");
        Files.writeString(dir.resolve("people.csv"), "id,first,last\r\n1,Ada,Lovelace\r\n2,Alan,Turing\r\n3,Bad,\r\n");
        flow = dir.resolve("people.flow.yaml");
        Files.writeString(flow, """
                flow: people
                connections:
                  files: { directory: "%s" }
                  db: { jdbc: "%s", user: sa }
                source: { connection: files, table: people.csv }
                map: { id: id, name: "first + ' ' + last" }
                target: { connection: db, table: people, write: upsert, key: [id] }
                """.formatted(dir, db));
    }

    private void sql(String s) throws SQLException {
        try (var c = DriverManager.getConnection(db, "sa", ""); Statement st = c.createStatement()) {
            st.execute(s);
        }
    }

    private String query(String q) throws SQLException {
        try (var c = DriverManager.getConnection(db, "sa", ""); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(q)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private int sluice(String... args) {
        CommandLine cli = new CommandLine(new SluiceCommand());
        CommandTree.add(cli, null); // the bare tree, without the CLI's error handling
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void validateAcceptsAGoodFlow() {
        assertThat(sluice("flow", "validate", flow.toString(), "--home", dir.resolve("home").toString())).isZero();
        assertThat(out.toString()).contains("flow 'people' is valid: files/people.csv -> db/people (upsert, 2 columns)");
    }

    @Test
    void validateReportsProblemsWithLocationsAndExitCode2() throws IOException {
        Files.writeString(flow, Files.readString(flow).replace("name: \"first", "nmae: \"first"));
        assertThat(sluice("flow", "validate", flow.toString(), "--home", dir.resolve("home").toString())).isEqualTo(2);
        assertThat(err.toString()).contains(flow + ":6:16: unknown column 'nmae' on table 'people'; its columns are "
                        + "id, name (did you mean 'name'?)")
                .contains("1 problem; the flow was not run");
    }

    @Test
    void validateReportsEveryProblemNotOnlyTheFirst() throws IOException {
        Files.writeString(flow, Files.readString(flow).replace("name: \"first", "nmae: \"first")
                .replace("table: people.csv", "tabel: people.csv").replace("write: upsert", "write: upsrt"));
        assertThat(sluice("flow", "validate", flow.toString(), "--home", dir.resolve("home").toString())).isEqualTo(2);
        assertThat(err.toString().lines().toList()).containsExactly(
                flow + ":5:30: unknown key 'tabel' in source; known keys: connection, table, select, where, incremental, "
                        + "on-expired-token, trigger, interval, fetchxml (did you mean 'table'?)",
                flow + ":6:16: unknown column 'nmae' on table 'people'; its columns are id, name (did you mean 'name'?)",
                flow + ":7:49: write must be create, update, upsert or delete, not 'upsrt' (did you mean 'upsert'?)",
                "3 problems; the flow was not run");
    }

    @Test
    void runKeepsItsRunInTheStoreTheStoreUrlNames() throws Exception {
        Path elsewhere = dir.resolve("elsewhere");
        Files.createDirectories(elsewhere);
        String url = "jdbc:h2:file:" + elsewhere.resolve("sluice");
        assertThat(sluice("--store-url", url, "flow", "run", flow.toString(), "--home", dir.resolve("home").toString()))
                .as(err.toString()).isZero();
        try (var store = dev.sluice.store.SluiceStore.builder().home(dir.resolve("home")).jdbcUrl(url).build()) {
            assertThat(store.flows().runs("people", 10)).hasSize(1);
        }
        try (var store = dev.sluice.store.SluiceStore.builder().home(dir.resolve("home")).build()) {
            assertThat(store.flows().runs("people", 10)).as("not in --home's H2 file").isEmpty();
        }
    }

    @Test
    void runWritesNoCarriageReturnsWhenNotOnATerminal() {
        assertThat(sluice("flow", "run", flow.toString(), "--home", dir.resolve("home").toString())).isZero();
        assertThat(err.toString()).doesNotContain("\r").doesNotStartWith("\n").doesNotStartWith(System.lineSeparator());
    }

    @Test
    void runWritesAndReportsThenRetryReplaysDeadLetters() throws IOException, SQLException {
        String home = dir.resolve("home").toString();
        assertThat(sluice("flow", "run", flow.toString(), "--dry-run", "--home", home)).isZero();
        assertThat(out.toString()).contains("dry run, nothing written: read 3").contains("would upsert {id=1, name=Ada Lovelace}");
        assertThat(query("SELECT count(*) FROM people")).isEqualTo("0");

        assertThat(sluice("flow", "run", flow.toString(), "--home", home)).isZero();
        assertThat(out.toString()).contains("read 3, created 2, updated 0, skipped 0, rejected 1")
                .contains("1 records went to the dead letters");

        Files.writeString(flow, Files.readString(flow).replace("first + ' ' + last", "last == null ? first : first + ' ' + last"));
        assertThat(sluice("flow", "retry-dead-letters", flow.toString(), "--home", home)).isZero();
        assertThat(out.toString()).contains("retried 1: created 1, updated 0, still failing 0");
        assertThat(query("SELECT name FROM people WHERE id = 3")).isEqualTo("Bad");
    }
}
