package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store opened on a second thread while picocli builds the command line: claimed by the command, or closed. */
class EarlyStoreTest {
    @TempDir
    Path dir;

    @AfterEach
    void nothingLeftOpen() {
        EarlyStore.closeUnclaimed();
    }

    @Test
    void opensOnlyForCommandsThatOpenTheDefaultStoreAtOnce() {
        assertThat(EarlyStore.opens(new String[] {"connection", "test", "contoso"})).isTrue();
        assertThat(EarlyStore.opens(new String[] {"--verbose", "query", "contoso", "account"})).isTrue();
        assertThat(EarlyStore.opens(new String[] {"import", "contoso", "contact", "--from", "c.csv"})).isTrue();
        assertThat(EarlyStore.opens(new String[] {"connection", "list"})).isTrue();
        assertThat(EarlyStore.opens(new String[] {"connection"})).as("the group alone prints its usage").isFalse();
        assertThat(EarlyStore.opens(new String[] {"--verbose", "auth"})).isFalse();
        assertThat(EarlyStore.opens(new String[] {"--version"})).isFalse();
        assertThat(EarlyStore.opens(new String[] {})).isFalse();
        assertThat(EarlyStore.opens(new String[] {"connection", "list", "--help"})).isFalse();
        assertThat(EarlyStore.opens(new String[] {"help", "query"})).isFalse();
        assertThat(EarlyStore.opens(new String[] {"query", "--store-url", "jdbc:postgresql://db/x", "c", "account"}))
                .isFalse();
        assertThat(EarlyStore.opens(new String[] {"--store-url=jdbc:postgresql://db/x", "connection", "list"}))
                .isFalse();
        assertThat(EarlyStore.opens(new String[] {"serve"})).isFalse();
        assertThat(EarlyStore.opens(new String[] {"emulator"})).isFalse();
        assertThat(EarlyStore.opens(new String[] {"flow", "run", "f.yaml"})).isTrue();
        assertThat(EarlyStore.opens(new String[] {"flow"})).as("the group alone prints its usage").isFalse();
        assertThat(EarlyStore.opens(new String[] {"flow", "run", "f.yaml", "--home", "/elsewhere"}))
                .as("another home's store").isFalse();
        assertThat(EarlyStore.opens(new String[] {"flow", "validate", "--home=/elsewhere", "f.yaml"})).isFalse();
    }

    @Test
    void theCommandWorksWithTheStoreOpenedEarly() {
        CliEnvironment env = environment(dir.resolve("home"));
        String[] args = {"connection", "list"};
        EarlyStore.start(env, args);
        Outcome o = run(env, args);
        assertThat(o.code).as(o.err).isZero();
        assertThat(o.out).contains("No connections");
        // the command's engine took it (and closed it): nothing is left to claim
        assertThat(EarlyStore.claim(env, null)).isNull();
    }

    @Test
    void onlyTheSameEnvironmentsDefaultStoreIsHandedOut() {
        CliEnvironment env = environment(dir.resolve("home"));
        EarlyStore.start(env, new String[] {"connection", "list"});
        assertThat(EarlyStore.claim(environment(dir.resolve("home")), null)).isNull();
        assertThat(EarlyStore.claim(env, "jdbc:postgresql://127.0.0.1:1/other")).isNull();
        try (var store = EarlyStore.claim(env, null)) {
            assertThat(store).isNotNull();
            assertThat(store.connections().list()).isEmpty();
        }
        assertThat(EarlyStore.claim(env, null)).as("handed out once").isNull();
    }

    @Test
    void aFailedEarlyOpenComesOutOfTheCommandAsItsOwnWould() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("home-is-a-file"), "x");
        CliEnvironment env = environment(notADirectory);
        Outcome plain = run(env, new String[] {"connection", "list"});
        assertThat(plain.code).isNotZero();

        EarlyStore.start(env, new String[] {"connection", "list"});
        Outcome early = run(env, new String[] {"connection", "list"});
        assertThat(early.code).isEqualTo(plain.code);
        assertThat(early.err).isEqualTo(plain.err);
    }

    @Test
    void aCommandsStoreLeavesH2sCompactionOnCloseOut() throws Exception {
        CliEnvironment env = environment(dir.resolve("home"));
        EarlyStore.start(env, new String[] {"connection", "list"});
        try (var store = EarlyStore.claim(env, null)) {
            assertThat(maxCompactTime(store)).as("opened early").isEqualTo("0");
        }
        try (var store = Engine.openStore(env, null, SluiceConfig.load(env.variables(), env.home()))) {
            assertThat(maxCompactTime(store)).as("opened by the command").isEqualTo("0");
        }
    }

    private static String maxCompactTime(dev.sluice.store.SluiceStore store) throws Exception {
        try (var c = store.dataSource().getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                        + "WHERE SETTING_NAME = 'MAX_COMPACT_TIME'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void aFlowRunUsesTheStoreOpenedEarlyAndKeepsItsRunThere() throws Exception {
        Path home = dir.resolve("home");
        Files.writeString(dir.resolve("people.csv"), "id,name\n1,Ada\n2,Alan\n");
        String db = "jdbc:h2:mem:early" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (var c = java.sql.DriverManager.getConnection(db, "sa", ""); var st = c.createStatement()) {
            st.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name VARCHAR(100))");
        }
        Path flow = Files.writeString(dir.resolve("people.flow.yaml"), """
                flow: people
                connections:
                  files: { directory: "%s" }
                  db: { jdbc: "%s", user: sa }
                source: { connection: files, table: people.csv }
                map: { id: id, name: name }
                target: { connection: db, table: people, write: upsert, key: [id] }
                """.formatted(dir.toString().replace("\\", "/"), db));
        CliEnvironment env = environment(home);
        String[] args = {"flow", "run", flow.toString()};
        EarlyStore.start(env, args);
        Outcome o = run(env, args);
        assertThat(o.code).as(o.err).isZero();
        assertThat(o.out).contains("read 2, created 2");
        assertThat(EarlyStore.claim(env, null)).as("the flow command took the store opened early").isNull();
        try (var store = dev.sluice.store.SluiceStore.builder().home(home).build()) {
            assertThat(store.flows().runs("people", 10)).hasSize(1);
        }
    }

    @Test
    void aStoreNoCommandClaimedIsClosed() {
        CliEnvironment env = environment(dir.resolve("home"));
        EarlyStore.start(env, new String[] {"connection", "list"});
        EarlyStore.closeUnclaimed();
        assertThat(EarlyStore.claim(env, null)).isNull();
    }

    private static CliEnvironment environment(Path home) {
        return new CliEnvironment(Map.of(CliEnvironment.HOME, home.toString(), "SLUICE_CONFIG", ""),
                new ByteArrayInputStream(new byte[0]), false, what -> {
                    throw new IllegalStateException("no prompt expected");
                }, uri -> false, Clock.systemUTC());
    }

    private record Outcome(int code, String out, String err) {}

    private static Outcome run(CliEnvironment env, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SluiceCommand.commandLine(env, args).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }
}
