package dev.sluice.flow;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.DataverseRecordProvider;
import dev.sluice.emulator.Emulator;
import dev.sluice.store.SluiceStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The one set-up of the end-to-end flow tests: a Dataverse client on the emulator (connection {@code crm}), a real
 * PostgreSQL (connection named by the test), a directory of files (connection {@code files}) and an engine store in
 * it; runs flows through the parser, validator and runner as the engine does. Start it in {@code @BeforeAll}, close
 * it in {@code @AfterAll}. Not thread-safe.
 */
final class EndToEndFlows implements AutoCloseable {
    final DataverseClient client;
    final EmbeddedPostgres postgres;
    final String pgUrl;
    final Path dir;
    final SluiceStore store;
    final ConnectionResolver resolver;

    private EndToEndFlows(DataverseClient client, EmbeddedPostgres postgres, String pgConnection, Path dir) {
        this.client = client;
        this.postgres = postgres;
        this.pgUrl = postgres.getJdbcUrl("postgres", "postgres");
        this.dir = dir;
        this.store = Fixture.store(dir.resolve("home"));
        this.resolver = ConnectionResolver.of(Map.of("crm", new DataverseRecordProvider(client),
                pgConnection, new JdbcRecordProvider(pgUrl, null, null), "files", new FileRecordProvider(dir)));
    }

    /**
     * Starts PostgreSQL and runs {@code tables} (DDL) in it; the client reads pages of {@code pageSize} rows with a
     * static token named {@code name} (the emulator is started with {@code noAuth}).
     */
    static EndToEndFlows start(Emulator emulator, String name, int pageSize, String pgConnection, String... tables) {
        DataverseClient client = DataverseClient.builder().orgUrl(emulator.orgUrl()).pageSize(pageSize)
                .credential(StaticTokenCredential.of(name, "t")).build();
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.start();
            EndToEndFlows flows = new EndToEndFlows(client, postgres, pgConnection, Files.createTempDirectory(name));
            flows.pg(tables);
            return flows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs SQL statements in PostgreSQL. */
    void pg(String... statements) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of a PostgreSQL query as "a|b|c" strings. */
    List<String> rows(String sql) {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            return Fixture.rows(c, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses and validates a flow file against the fixture's connections. */
    CheckedFlow check(String yaml) {
        return new FlowValidator(resolver, Map.of()).check(FlowParser.parse("flow.yaml", yaml));
    }

    /** Checks and runs a flow once, with the default options. */
    RunSummary run(String yaml) {
        try (CheckedFlow f = check(yaml)) {
            return new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            store.close();
        } finally {
            postgres.close();
        }
    }
}
