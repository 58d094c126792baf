package dev.sluice.store;

import dev.sluice.core.Background;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import dev.sluice.store.internal.Checks;
import dev.sluice.store.internal.Database;
import dev.sluice.store.internal.DatabaseTarget;
import dev.sluice.store.internal.Dialect;
import dev.sluice.store.internal.FieldCipher;
import dev.sluice.store.internal.KeysetFile;
import dev.sluice.store.internal.KeysetSource;
import dev.sluice.store.internal.KeysetValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Configures and opens a {@link SluiceStore}. Precedence: a setting on the builder, then the environment
 * ({@code SLUICE_HOME}, {@code SLUICE_KEYSET}), then the default ({@code ~/.sluice}, H2 file
 * {@code <home>/sluice.mv.db}, keyset file {@code <home>/keyset.json} created with mode 0600). Not thread-safe.
 */
public final class SluiceStoreBuilder {
    /** Environment variable naming the Sluice home directory. */
    public static final String HOME_VARIABLE = "SLUICE_HOME";
    /** Environment variable holding the Tink keyset as JSON (instead of the keyset file). */
    public static final String KEYSET_VARIABLE = "SLUICE_KEYSET";
    /** H2's system property for the address its servers bind (org.h2.engine.SysProperties.BIND_ADDRESS). */
    private static final String H2_BIND_ADDRESS = "h2.bindAddress";

    private Path home;
    private String jdbcUrl;
    private String user;
    private Secret password;
    private Secret keysetJson;
    private Map<String, String> environment = System.getenv();
    private Clock clock = Clock.systemUTC();
    /** HikariCP's default pool size. */
    private int poolSize = 10;
    private Duration connectTimeout = Duration.ofSeconds(10);
    /** Long enough for one token refresh (an identity-provider round trip) to finish while others wait. */
    private Duration lockTimeout = Duration.ofSeconds(60);
    private boolean compactOnClose = true;
    /** Migrations of a pretended later version, for tests of rolling upgrades. */
    private final java.util.List<String> extraMigrations = new java.util.ArrayList<>();

    static {
        // H2's mixed mode serves the store file to other local processes; bind that server to loopback only
        // (H2 binds every interface otherwise). Read once when H2 loads, so set before any H2 class is used.
        if (System.getProperty(H2_BIND_ADDRESS) == null) {
            System.setProperty(H2_BIND_ADDRESS, "127.0.0.1");
        }
    }

    SluiceStoreBuilder() {}

    /** The Sluice home directory (database file and keyset), instead of {@code SLUICE_HOME} or {@code ~/.sluice}. */
    public SluiceStoreBuilder home(Path dir) {
        this.home = Objects.requireNonNull(dir, "home");
        return this;
    }

    /** A PostgreSQL ({@code jdbc:postgresql://host:5432/db}) or H2 ({@code jdbc:h2:file:/path}) JDBC URL. */
    public SluiceStoreBuilder jdbcUrl(String url) {
        this.jdbcUrl = Objects.requireNonNull(url, "jdbcUrl");
        return this;
    }

    /** The database user. */
    public SluiceStoreBuilder user(String name) {
        this.user = Objects.requireNonNull(name, "user");
        return this;
    }

    /** The database password. */
    public SluiceStoreBuilder password(Secret value) {
        this.password = Objects.requireNonNull(value, "password");
        return this;
    }

    /** The Tink keyset JSON, instead of {@code SLUICE_KEYSET} or the keyset file. */
    public SluiceStoreBuilder keyset(Secret json) {
        this.keysetJson = Objects.requireNonNull(json, "keyset");
        return this;
    }

    /** The environment to read {@code SLUICE_HOME} and {@code SLUICE_KEYSET} from (default: the process's). */
    public SluiceStoreBuilder environment(Map<String, String> env) {
        this.environment = Map.copyOf(Objects.requireNonNull(env, "environment"));
        return this;
    }

    /** The clock for timestamps and expiry. */
    public SluiceStoreBuilder clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /** Maximum pooled database connections (default 10). */
    public SluiceStoreBuilder poolSize(int size) {
        if (size < 1 || size > 200) {
            throw Checks.invalid("pool size must be 1..200, got " + size);
        }
        this.poolSize = size;
        return this;
    }

    /** How long to wait for a database connection (default 10 s). */
    public SluiceStoreBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = Objects.requireNonNull(timeout, "connectTimeout");
        return this;
    }

    /** How long a statement waits for a row lock, e.g. behind another node's token refresh (default 60 s). */
    public SluiceStoreBuilder lockTimeout(Duration timeout) {
        this.lockTimeout = Objects.requireNonNull(timeout, "lockTimeout");
        return this;
    }

    /**
     * Whether closing the default H2 file compacts it (default true). H2 moves the file's chunks together when the
     * last connection closes, for up to 200 ms: 40-50 ms of a short command that writes a row, more than the write.
     * A short-lived process (a CLI command) may leave it out: the file then grows by a few KiB a command, and H2
     * reuses that space once 45 s have passed since it was freed (160 commands back to back left a 1.2 MiB file
     * that the next compacting close took back to 0.14 MiB). A file over {@value #COMPACT_ABOVE_BYTES} bytes is
     * compacted on close all the same, and a process that finds the file served by another (the server) uses the
     * other's setting. No effect on PostgreSQL or a JDBC URL given.
     */
    public SluiceStoreBuilder compactOnClose(boolean compact) {
        this.compactOnClose = compact;
        return this;
    }

    /** The size of the H2 file above which it is compacted on close whatever {@link #compactOnClose} says. */
    static final long COMPACT_ABOVE_BYTES = 16L << 20;

    /** Also applies the migrations in this classpath folder ({@code classpath:…}): a later version's, for tests. */
    SluiceStoreBuilder extraMigrations(String location) {
        this.extraMigrations.add(Objects.requireNonNull(location, "location"));
        return this;
    }

    /** Opens the database (creating and migrating it as needed) and the keyset (creating it as needed). */
    public SluiceStore build() {
        Path dir = resolveHome();
        DatabaseTarget target = target(dir);
        KeysetSource keyset = keysetSource(dir);
        // the keyset is read (and Tink set up: an eighth of opening an H2 store) on a second thread while the
        // database opens; when both fail, the keyset's error is the one reported, as when it was read first
        Background<FieldCipher> reading = Background.start("sluice-store-keyset", () -> new FieldCipher(keyset));
        Database db;
        try {
            db = Database.open(target, extraMigrations, clock);
        } catch (RuntimeException | Error e) {
            reading.join();
            throw e;
        }
        FieldCipher cipher;
        try {
            cipher = reading.join();
        } catch (RuntimeException | Error e) {
            db.close();
            throw e;
        }
        if (target.h2File() != null) {
            // the lock file holds the key that lets another process into the database (mixed mode): only for the
            // owner, also when SLUICE_HOME itself is more open than the 0700 it is created with
            ownerOnly(dir.resolve("sluice.lock.db"));
            ownerOnly(target.h2File());
        }
        return new SluiceStore(db, cipher, clock, dir);
    }

    private static void ownerOnly(Path file) {
        try {
            if (Files.exists(file) && Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // another process's file (it set its own), or a file system without POSIX permissions
        }
    }

    private Path resolveHome() {
        Path dir = home;
        if (dir == null) {
            String env = environment.get(HOME_VARIABLE);
            dir = env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".sluice");
        }
        dir = dir.toAbsolutePath();
        try {
            if (!Files.isDirectory(dir)) {
                boolean posix = Files.getFileStore(existingAncestor(dir)).supportsFileAttributeView("posix");
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "cannot create the Sluice home directory " + dir + " ("
                    + e.getClass().getSimpleName() + "); set SLUICE_HOME to a writable directory", e);
        }
        return dir;
    }

    private static Path existingAncestor(Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? dir.getRoot() : p;
    }

    private DatabaseTarget target(Path dir) {
        if (jdbcUrl == null) {
            if (user != null || password != null) {
                throw Checks.invalid("SluiceStoreBuilder: user(...) or password(...) is set but jdbcUrl(...) is not; "
                        + "the default H2 file needs neither, a PostgreSQL database needs all three");
            }
            Path base = dir.resolve("sluice");
            // WRITE_DELAY=0: every commit reaches the file at once (H2 defaults to 500 ms), so a process
            // killed with SIGKILL keeps every committed token, checkpoint and audit event.
            // AUTO_SERVER=TRUE: H2's mixed mode. The first process opens the file itself and serves it to the
            // others (the CLI next to `sluice serve`) on a loopback port written in sluice.lock.db with a random
            // key; all share one engine, so row locks and transactions work across processes. AUTO_RECONNECT:
            // when the process serving the file exits, the others reopen it (one of them serves it next).
            // FILE_LOCK=SOCKET: the process holding the file also listens on a loopback port named in the lock file,
            // and an opener that can connect to it knows the file is held. H2's default for mixed mode (FILE) writes
            // the lock file, sleeps 25 ms and reads it back on every open (a tenth of a short command's store open),
            // and after a holder was killed waits two seconds more before it takes the file over.
            // LOCK_TIMEOUT in the URL too: a reconnected session gets the URL's settings again, not the pool's init SQL.
            // MAX_COMPACT_TIME=0: no compaction when this process closes the file (see compactOnClose)
            Path file = dir.resolve("sluice.mv.db");
            return new DatabaseTarget("jdbc:h2:file:" + base + ";WRITE_DELAY=0;AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE"
                    + ";FILE_LOCK=SOCKET;LOCK_TIMEOUT=" + lockTimeout.toMillis()
                    + (compacting(file) ? "" : ";MAX_COMPACT_TIME=0"),
                    Dialect.H2, "sa", Secret.of(""), file, poolSize, connectTimeout, lockTimeout);
        }
        Dialect dialect = Dialect.of(jdbcUrl.strip());
        if (dialect == null) {
            throw Checks.invalid("unsupported JDBC URL '" + Checks.safe(jdbcUrl) + "'; use "
                    + "jdbc:postgresql://HOST:5432/DATABASE for PostgreSQL or jdbc:h2:file:/path/to/sluice for H2");
        }
        if (dialect == Dialect.POSTGRESQL && user == null && !jdbcUrl.contains("user=")) {
            throw Checks.invalid("SluiceStoreBuilder: jdbcUrl(...) names a PostgreSQL database but user(...) is not set");
        }
        return new DatabaseTarget(jdbcUrl.strip(), dialect, user, password, null, poolSize, connectTimeout, lockTimeout);
    }

    private boolean compacting(Path file) {
        if (compactOnClose) {
            return true;
        }
        try {
            return Files.size(file) > COMPACT_ABOVE_BYTES;
        } catch (IOException e) {
            return false; // no file yet: a new store is small
        }
    }

    private KeysetSource keysetSource(Path dir) {
        if (keysetJson != null) {
            return new KeysetValue(keysetJson, "the keyset given to SluiceStoreBuilder.keyset(...)");
        }
        String env = environment.get(KEYSET_VARIABLE);
        if (env != null && !env.isBlank()) {
            return new KeysetValue(Secret.of(env), "the " + KEYSET_VARIABLE + " environment variable");
        }
        return new KeysetFile(dir.resolve("keyset.json"));
    }
}
