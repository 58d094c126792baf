package dev.sluice.store;

import dev.sluice.core.SluiceException;
import dev.sluice.store.internal.Database;
import dev.sluice.store.internal.DatabaseFailures;
import dev.sluice.store.internal.Dialect;
import dev.sluice.store.internal.FieldCipher;
import dev.sluice.store.internal.Fences;
import dev.sluice.store.internal.Reencryption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The engine's own database: connections, their encrypted secrets and tokens, pending authorizations and the
 * audit log. H2 file in {@code SLUICE_HOME} by default, PostgreSQL by JDBC URL; migrated on open. Build one with
 * {@link #builder()} and close it when done. Thread-safe; share one instance per process.
 */
public final class SluiceStore implements AutoCloseable {
    private final Database db;
    private final Path home;
    private final ConnectionStore connections;
    private final SecretStore secrets;
    private final TokenStore tokens;
    private final AuthSessionStore authSessions;
    private final AuditStore audit;
    private final KeysetStore keyset;
    private final FlowStore flows;
    private final FlowDefinitionStore flowDefinitions;
    private final UserStore users;
    private final GrantStore grants;
    private final ApiTokenStore apiTokens;
    private final WebSessionStore webSessions;
    private final OutboundHostStore outboundHosts;
    private final DatabaseStore databases;
    private final RunLeaseStore runLeases;
    private final NodeStore nodes;
    private final SignInFailureStore signInFailures;
    private final ConnectionProxyStore connectionProxies;

    SluiceStore(Database db, FieldCipher cipher, Clock clock, Path home) {
        this.db = db;
        this.home = home;
        this.audit = new AuditStore(db, clock);
        this.secrets = new SecretStore(db, cipher, clock, audit);
        this.connections = new ConnectionStore(db, clock, audit, secrets);
        this.tokens = new TokenStore(db, cipher, clock, audit);
        this.authSessions = new AuthSessionStore(db, cipher, clock, audit);
        this.keyset = new KeysetStore(cipher, new Reencryption(db, cipher));
        Fences fences = new Fences();
        this.flows = new FlowStore(db, cipher, clock, fences);
        this.flows.sealClearDeadLetters();
        this.flowDefinitions = new FlowDefinitionStore(db, clock);
        this.users = new UserStore(db, clock, audit);
        this.grants = new GrantStore(db, clock, audit);
        this.apiTokens = new ApiTokenStore(db, clock, audit);
        this.webSessions = new WebSessionStore(db, clock);
        this.outboundHosts = new OutboundHostStore(db, clock, audit);
        this.databases = new DatabaseStore(db, cipher, clock, audit);
        this.runLeases = new RunLeaseStore(db, clock, fences, flows);
        this.nodes = new NodeStore(db, clock);
        this.signInFailures = new SignInFailureStore(db, clock);
        this.connectionProxies = new ConnectionProxyStore(db, clock, audit, secrets);
    }

    /** A builder with the defaults: H2 in {@code SLUICE_HOME} (or {@code ~/.sluice}), keyset file there. */
    public static SluiceStoreBuilder builder() {
        return new SluiceStoreBuilder();
    }

    /** Connections. */
    public ConnectionStore connections() {
        return connections;
    }

    /** Secrets of connections. */
    public SecretStore secrets() {
        return secrets;
    }

    /** Tokens of connections. */
    public TokenStore tokens() {
        return tokens;
    }

    /** Pending authorization-code sessions. */
    public AuthSessionStore authSessions() {
        return authSessions;
    }

    /** The audit log. */
    public AuditStore audit() {
        return audit;
    }

    /** Encryption keys and their rotation. */
    public KeysetStore keyset() {
        return keyset;
    }

    /** Flow runs, checkpoints and dead letters. */
    public FlowStore flows() {
        return flows;
    }

    /** Flow files uploaded to the server. */
    public FlowDefinitionStore flowDefinitions() {
        return flowDefinitions;
    }

    /**
     * The pooled data source, for libraries that keep their own tables in this database (db-scheduler's
     * {@code scheduled_tasks}). Do not close it: {@link #close()} does.
     */
    public javax.sql.DataSource dataSource() {
        return db.dataSource();
    }

    /** Connections' own HTTP proxies and their (encrypted) passwords. */
    public ConnectionProxyStore connectionProxies() {
        return connectionProxies;
    }

    /** Local accounts of the server. */
    public UserStore users() {
        return users;
    }

    /** Per-connection grants. */
    public GrantStore grants() {
        return grants;
    }

    /** API tokens (hashed). */
    public ApiTokenStore apiTokens() {
        return apiTokens;
    }

    /** Browser sessions of the server (ids hashed). */
    public WebSessionStore webSessions() {
        return webSessions;
    }

    /** Outbound hosts an admin allowed besides Microsoft's. */
    public OutboundHostStore outboundHosts() {
        return outboundHosts;
    }

    /** Databases admins registered for flows, their encrypted passwords and grants. */
    public DatabaseStore databases() {
        return databases;
    }

    /** Server flow runs owned by nodes through leases. */
    public RunLeaseStore runLeases() {
        return runLeases;
    }

    /** The server nodes sharing this database, with their heartbeats. */
    public NodeStore nodes() {
        return nodes;
    }

    /** Failed sign-ins, counted for every server node alike. */
    public SignInFailureStore signInFailures() {
        return signInFailures;
    }

    /** Whether the database answers a trivial query (for readiness checks); {@link #health()} says why not. */
    public boolean ping() {
        return health().isEmpty();
    }

    /**
     * Why the database does not answer a trivial query (lost connection, closed store, lock timeout…), as the error a
     * store operation would have thrown; empty when it answers.
     */
    public Optional<SluiceException> health() {
        try {
            db.withHandle("checking the database", h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            return Optional.empty();
        } catch (SluiceException e) {
            return Optional.of(e);
        } catch (RuntimeException e) {
            return Optional.of(DatabaseFailures.during("checking the database", e));
        }
    }

    /** The Sluice home directory in use. */
    public Path home() {
        return home;
    }

    /** The newest store migration this build carries (its schema version), e.g. {@code 14}. */
    public String schemaVersion() {
        return db.schemaVersion();
    }

    /** Whether this store runs on PostgreSQL (else H2). */
    public boolean isPostgres() {
        return db.dialect() == Dialect.POSTGRESQL;
    }

    /** Closes the connection pool; an H2 file is flushed and released. */
    @Override
    public void close() {
        db.close();
    }
}
