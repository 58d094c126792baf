package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(StoreExtension.class)
class StoreOpeningTest {
    private static final String WRONG_PASSWORD = "wrong-password-do-not-print";

    @Test
    void defaultDatabaseIsAnH2FileInSluiceHomeFromTheEnvironment(@TempDir Path dir) {
        Path home = dir.resolve("nested/home");
        try (SluiceStore store = SluiceStore.builder().environment(Map.of("SLUICE_HOME", home.toString())).build()) {
            assertThat(store.home()).isEqualTo(home);
            assertThat(store.isPostgres()).isFalse();
            store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");
        }
        assertThat(home.resolve("sluice.mv.db")).isRegularFile();
        assertThat(home.resolve("keyset.json")).isRegularFile();
        try (SluiceStore again = SluiceStore.builder().environment(Map.of("SLUICE_HOME", home.toString())).build()) {
            assertThat(again.connections().get("contoso")).isPresent();
        }
    }

    @Test
    void healthSaysWhyTheDatabaseDoesNotAnswer(@TempDir Path home) {
        SluiceStore store = SluiceStore.builder().environment(Map.of("SLUICE_HOME", home.toString())).build();
        assertThat(store.health()).isEmpty();
        assertThat(store.ping()).isTrue();
        store.close();
        assertThat(store.ping()).isFalse();
        assertThat(store.health()).hasValueSatisfying(e -> assertThat(e.getMessage())
                .startsWith("database error while checking the database").contains("closed"));
    }

    @Test
    void unsupportedJdbcUrlIsRefusedWithExamplesAndWithoutItsQueryString(@TempDir Path home) {
        assertThatThrownBy(() -> SluiceStore.builder().home(home).environment(Map.of())
                .jdbcUrl("jdbc:mysql://db.example.com/sluice?password=" + WRONG_PASSWORD).user("u").build())
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessage("unsupported JDBC URL 'jdbc:mysql://db.example.com/sluice'; use jdbc:postgresql://HOST:5432/DATABASE "
                        + "for PostgreSQL or jdbc:h2:file:/path/to/sluice for H2");
    }

    @Test
    void aShortLivedProcessLeavesTheCompactionOnCloseOutUnlessTheFileIsLarge(@TempDir Path home) throws Exception {
        Map<String, String> env = Map.of("SLUICE_HOME", home.toString());
        try (SluiceStore store = SluiceStore.builder().environment(env).compactOnClose(false).build()) {
            assertThat(maxCompactTime(store)).isEqualTo("0");
            store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");
        }
        try (SluiceStore store = SluiceStore.builder().environment(env).build()) {
            assertThat(maxCompactTime(store)).as("H2's default").isEqualTo("200");
            assertThat(store.connections().get("contoso")).as("written by the store that did not compact").isPresent();
            byte[] filler = new byte[(int) SluiceStoreBuilder.COMPACT_ABOVE_BYTES + (1 << 20)];
            new java.util.Random(7).nextBytes(filler);
            try (java.sql.Connection c = store.dataSource().getConnection();
                    java.sql.Statement s = c.createStatement()) {
                s.execute("CREATE TABLE test_filler (b VARBINARY(" + filler.length + "))");
                try (java.sql.PreparedStatement p = c.prepareStatement("INSERT INTO test_filler VALUES (?)")) {
                    p.setBytes(1, filler);
                    p.execute();
                }
            }
        }
        assertThat(java.nio.file.Files.size(home.resolve("sluice.mv.db")))
                .isGreaterThan(SluiceStoreBuilder.COMPACT_ABOVE_BYTES);
        try (SluiceStore store = SluiceStore.builder().environment(env).compactOnClose(false).build()) {
            assertThat(maxCompactTime(store)).as("a file over the limit is compacted all the same").isEqualTo("200");
        }
    }

    private static String maxCompactTime(SluiceStore store) throws Exception {
        try (java.sql.Connection c = store.dataSource().getConnection(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                        + "WHERE SETTING_NAME = 'MAX_COMPACT_TIME'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void aKeysetThatCannotBeReadIsTheErrorAndTheDatabaseOpenedBesideItIsClosedAgain(@TempDir Path home)
            throws Exception {
        Map<String, String> badKeyset = Map.of("SLUICE_HOME", home.toString(), "SLUICE_KEYSET", "{not a keyset");
        assertThatThrownBy(() -> SluiceStore.builder().environment(badKeyset).build())
                .isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("the SLUICE_KEYSET environment variable does not hold a Tink keyset");
        // the database was opened while the keyset was read, and closed when the keyset failed: H2 removed its lock
        assertThat(home.resolve("sluice.mv.db")).isRegularFile();
        assertThat(home.resolve("sluice.lock.db")).doesNotExist();

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> SluiceStore.builder().environment(badKeyset)
                .jdbcUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/sluice").user("sluice")
                .connectTimeout(Duration.ofSeconds(2)).build())
                .as("both fail: the keyset's error, as when the keyset was read first")
                .hasMessageStartingWith("the SLUICE_KEYSET environment variable does not hold a Tink keyset");
    }

    @Test
    void builderNamesWhatIsMissingOrConflicting(@TempDir Path home) {
        assertThatThrownBy(() -> SluiceStore.builder().home(home).password(Secret.of("x")).build())
                .hasMessageStartingWith("SluiceStoreBuilder: user(...) or password(...) is set but jdbcUrl(...) is not");
        assertThatThrownBy(() -> SluiceStore.builder().home(home).jdbcUrl("jdbc:postgresql://localhost/sluice").build())
                .hasMessage("SluiceStoreBuilder: jdbcUrl(...) names a PostgreSQL database but user(...) is not set");
    }

    @Test
    void unreachablePostgresIsTransientAndSaysWhatToCheck(@TempDir Path home) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> SluiceStore.builder().home(home).environment(Map.of())
                .jdbcUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/sluice").user("sluice").password(Secret.of(WRONG_PASSWORD))
                .connectTimeout(Duration.ofSeconds(2)).build())
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TRANSIENT))
                .hasMessageStartingWith("cannot reach the PostgreSQL database jdbc:postgresql://127.0.0.1:" + closedPort + "/sluice")
                .hasMessageEndingWith("check that the server is running and that the URL's host and port are right")
                .hasMessageNotContaining(WRONG_PASSWORD);
    }

    @Test
    void wrongPostgresPasswordIsAnAuthErrorThatNeverShowsThePassword(@TempDir Path home, StoreExtension.Fixtures fixtures) {
        EmbeddedPostgresServer pg = fixtures.postgres();
        String url = pg.newDatabase();

        assertThatThrownBy(() -> SluiceStore.builder().home(home).environment(Map.of()).jdbcUrl(url)
                .user(EmbeddedPostgresServer.PASSWORD_ROLE).password(Secret.of(WRONG_PASSWORD)).build())
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
                    assertThat(stackTraceOf(e)).doesNotContain(WRONG_PASSWORD);
                })
                .hasMessage("the PostgreSQL database " + url + " refused the login of user 'sluice_pw'; check the user and "
                        + "password you configured");

        try (SluiceStore store = SluiceStore.builder().home(home).environment(Map.of()).jdbcUrl(url)
                .user(EmbeddedPostgresServer.PASSWORD_ROLE).password(Secret.of(EmbeddedPostgresServer.PASSWORD)).build()) {
            assertThat(store.isPostgres()).isTrue();
            assertThat(store.connections().list()).isEmpty();
        }
    }

    @Test
    void missingPostgresDatabaseSaysToCreateIt(@TempDir Path home, StoreExtension.Fixtures fixtures) {
        String url = fixtures.postgres().url("no_such_database");

        assertThatThrownBy(() -> SluiceStore.builder().home(home).environment(Map.of()).jdbcUrl(url).user("postgres").build())
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessageContaining("does not exist; create it");
    }

    @Test
    void aStoreOpenedBeforeOnPostgresOrH2NeedsNoFlywayRun(StoreExtension.Fixtures fixtures) {
        for (Backend backend : Backend.values()) {
            SluiceStore store = fixtures.create(backend).open();
            assertThat(dev.sluice.store.internal.MigrationCheck.upToDate(store.dataSource(), "sluice_schema_history"))
                    .as(backend.name()).isTrue();
        }
    }

    @Test
    void h2FileLockedByAnotherProcessIsAConflictThatSaysWhatToDo(@TempDir Path home) throws Exception {
        SluiceStore.builder().home(home).environment(Map.of()).build().close();
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), H2Holder.class.getName(), home.resolve("sluice").toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("holding");

            assertThatThrownBy(() -> SluiceStore.builder().home(home).environment(Map.of()).connectTimeout(Duration.ofSeconds(2)).build())
                    .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT))
                    .hasMessage("the H2 database file " + home.resolve("sluice.mv.db") + " is locked by another process that "
                            + "opened it for itself alone (an older Sluice, or another tool such as the H2 console); stop "
                            + "that process, or point SLUICE_HOME elsewhere (Sluice processes of this version share one "
                            + "SLUICE_HOME)");
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String stackTraceOf(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    /** Another process that opens the H2 file and keeps it open until killed. */
    public static final class H2Holder {
        public static void main(String[] args) throws Exception {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + args[0], "sa", "")) {
                System.out.println(c.isValid(5) ? "holding" : "not connected");
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }
}
