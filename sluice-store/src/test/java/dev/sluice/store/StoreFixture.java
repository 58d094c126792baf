package dev.sluice.store;

import dev.sluice.core.Secret;
import dev.sluice.testclock.MutableClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Opens stores on a fresh H2 file or a fresh PostgreSQL database, all sharing one home (and so one keyset file),
 * and closes them at the end of the test. Not thread-safe.
 */
final class StoreFixture implements AutoCloseable {
    private final Backend backend;
    private final Path home;
    private final MutableClock clock;
    private final String jdbcUrl;
    private final List<SluiceStore> opened = new ArrayList<>();

    private StoreFixture(Backend backend, Path home, MutableClock clock, String jdbcUrl) {
        this.backend = backend;
        this.home = home;
        this.clock = clock;
        this.jdbcUrl = jdbcUrl;
    }

    /** A fixture for the backend; PostgreSQL comes from the run-wide embedded server. */
    static StoreFixture create(Backend backend, Path home, MutableClock clock, ExtensionContext context) {
        String url = backend == Backend.POSTGRES ? postgres(context).newDatabase() : null;
        StoreFixture fixture = new StoreFixture(backend, home, clock, url);
        // closed by JUnit when the test ends
        context.getStore(ExtensionContext.Namespace.create(StoreFixture.class)).put(fixture, fixture);
        return fixture;
    }

    /** The run-wide embedded PostgreSQL, started on first use and closed at the end of the run. */
    static EmbeddedPostgresServer postgres(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(EmbeddedPostgresServer.class, k -> new EmbeddedPostgresServer(), EmbeddedPostgresServer.class);
    }

    /** A builder set up for this fixture's database, home and clock. */
    SluiceStoreBuilder builder() {
        SluiceStoreBuilder builder = SluiceStore.builder().home(home).clock(clock).environment(java.util.Map.of());
        if (backend == Backend.POSTGRES) {
            builder.jdbcUrl(jdbcUrl).user("postgres").password(Secret.of("unused-with-trust-auth"));
        }
        return builder;
    }

    /** Opens a store (another instance, with its own pool, on the same database). */
    SluiceStore open() {
        SluiceStore store = builder().build();
        opened.add(store);
        return store;
    }

    /** Work on a plain JDBC connection to the fixture's database (outside the store). */
    interface SqlWork<T> {
        T run(java.sql.Connection connection) throws java.sql.SQLException;
    }

    /** Runs SQL directly on the database, bypassing the store: what someone with database access could do. */
    <T> T sql(SqlWork<T> work) {
        String url = backend == Backend.POSTGRES ? jdbcUrl : "jdbc:h2:file:" + home.resolve("sluice");
        String user = backend == Backend.POSTGRES ? "postgres" : "sa";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, user, "")) {
            return work.run(c);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Backend backend() {
        return backend;
    }

    Path home() {
        return home;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    MutableClock clock() {
        return clock;
    }

    @Override
    public void close() throws java.io.IOException {
        opened.forEach(SluiceStore::close);
        try (var paths = java.nio.file.Files.walk(home)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }
}
