package dev.sluice.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.core.SluiceException;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open, migrated database: a HikariCP pool, Flyway migrations run at open, and Jdbi for SQL. Every failure
 * comes out as a classified {@code SluiceException}. Thread-safe.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** Classpath folder of the migrations; one set written in SQL that H2 and PostgreSQL both accept. */
    private static final String MIGRATIONS = "classpath:dev/sluice/store/migration";
    /** Flyway's history table. */
    static final String HISTORY = "sluice_schema_history";

    private final DatabaseTarget target;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    /** Where this build's migrations are (with a test's extra ones). */
    private final List<String> locations;
    private volatile String schemaVersion;

    private Database(DatabaseTarget target, HikariDataSource pool, List<String> locations) {
        this.target = target;
        this.pool = pool;
        this.locations = List.copyOf(locations);
        this.jdbi = Jdbi.create(pool);
        // exception messages must never carry bound values (they may be ciphertexts or user input)
        this.jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
    }

    /** Opens the pool, checks that a connection can be made, and runs pending migrations. */
    public static Database open(DatabaseTarget target) {
        return open(target, List.of(), java.time.Clock.systemUTC());
    }

    /**
     * As above, with migrations from further classpath folders ({@code classpath:…}) too: what a later version of
     * the store would carry (for tests of rolling upgrades). Several nodes may open one database at once: Flyway
     * migrates it once, under its lock (a PostgreSQL advisory lock), and the others find it migrated; migrations newer
     * than this build's (a later version's) are left alone, as long as they are compatible with it
     * ({@link SchemaCompatibility}). {@code clock} tells which nodes are live.
     */
    public static Database open(DatabaseTarget target, List<String> extraMigrations, java.time.Clock clock) {
        List<String> locations = new java.util.ArrayList<>(List.of(MIGRATIONS));
        locations.addAll(extraMigrations);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config(target));
        } catch (RuntimeException e) {
            throw DatabaseFailures.opening(target, e);
        }
        boolean migrated = false;
        try {
            // Flyway only when the schema may need it: a store opened before by this build skips it (see
            // MigrationCheck); a database that holds exactly this build's migrations needs no compatibility check
            if (!extraMigrations.isEmpty() || !MigrationCheck.upToDate(pool, HISTORY)) {
                List<SchemaCompatibility.Migration> bundled = SchemaCompatibility.bundled(locations);
                if (!bundled.isEmpty()) {
                    SchemaCompatibility.checkBeforeMigrating(pool, bundled, clock.instant());
                }
                Flyway.configure()
                        .dataSource(pool)
                        .locations(locations.toArray(String[]::new))
                        .table(HISTORY)
                        // migrations of a newer version (a rolling upgrade under way) are not an error; whether
                        // this build still works with them is for SchemaCompatibility to say
                        .ignoreMigrationPatterns("*:future")
                        .load()
                        .migrate();
                if (!bundled.isEmpty()) {
                    SchemaCompatibility.checkAfterMigrating(pool, bundled, SchemaCompatibility.newest(bundled));
                }
                migrated = true;
            }
        } catch (SluiceException e) {
            pool.close();
            throw e;
        } catch (RuntimeException e) {
            pool.close();
            throw DatabaseFailures.opening(target, e);
        }
        LOG.info("store database open dialect={} url={} flyway={}", target.dialect().displayName(), target.describe(),
                migrated ? "ran" : "not needed");
        return new Database(target, pool, locations);
    }

    /** The newest migration this build carries (its schema version), e.g. {@code 14}; read once, when first asked. */
    public String schemaVersion() {
        String version = schemaVersion;
        if (version == null) {
            version = SchemaCompatibility.newest(SchemaCompatibility.bundled(locations));
            schemaVersion = version;
        }
        return version;
    }

    private static HikariConfig config(DatabaseTarget target) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("sluice-store");
        config.setJdbcUrl(target.jdbcUrl());
        if (target.user() != null) {
            config.setUsername(target.user());
        }
        if (target.password() != null) {
            config.setPassword(target.password().reveal());
        }
        config.setMaximumPoolSize(target.poolSize());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Math.max(250, target.connectTimeout().toMillis()));
        config.setInitializationFailTimeout(1); // one attempt at open: a wrong password or a missing database will not pass by waiting
        config.setConnectionInitSql(target.dialect().lockTimeoutSql(target.lockTimeout()));
        if (target.dialect() == Dialect.POSTGRESQL) {
            long seconds = Math.max(1, target.connectTimeout().toSeconds());
            config.addDataSourceProperty("connectTimeout", String.valueOf(seconds));
            config.addDataSourceProperty("loginTimeout", String.valueOf(seconds));
        }
        return config;
    }

    /** The pool, for libraries with their own SQL; closed by {@link #close()}. */
    public javax.sql.DataSource dataSource() {
        return pool;
    }

    /** What the store runs on. */
    public Dialect dialect() {
        return target.dialect();
    }

    /** Where the database is, for messages. */
    public DatabaseTarget target() {
        return target;
    }

    /**
     * Runs the work in one READ COMMITTED transaction. Database failures come out classified, naming
     * {@code what}; any other exception of the work rolls back and comes out unchanged.
     */
    public <R> R inTransaction(String what, HandleCallback<R, RuntimeException> work) {
        try {
            return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, work);
        } catch (JdbiException e) {
            throw DatabaseFailures.during(what, e);
        }
    }

    /** Runs read-only work on one pooled connection. */
    public <R> R withHandle(String what, HandleCallback<R, RuntimeException> work) {
        try {
            return jdbi.withHandle(work);
        } catch (JdbiException e) {
            throw DatabaseFailures.during(what, e);
        }
    }

    /** Runs work in a transaction without a result. */
    public void useTransaction(String what, java.util.function.Consumer<Handle> work) {
        inTransaction(what, h -> {
            work.accept(h);
            return null;
        });
    }

    /** Closes the pool; an H2 file database is closed and flushed when its last connection closes. */
    @Override
    public void close() {
        pool.close();
    }
}
