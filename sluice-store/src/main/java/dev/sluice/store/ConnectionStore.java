package dev.sluice.store;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import dev.sluice.store.internal.ConnectionRows;
import dev.sluice.store.internal.Database;
import dev.sluice.store.internal.DatabaseFailures;
import dev.sluice.store.internal.SettingsDiff;
import dev.sluice.store.internal.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stored connections: create, get, list, update, delete. Every change is audited in the same transaction.
 * Deleting a connection deletes its secrets, tokens and pending authorizations. Thread-safe.
 */
public final class ConnectionStore {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionStore.class);

    private final Database db;
    private final Clock clock;
    private final AuditStore audit;
    private final SecretStore secretStore;

    ConnectionStore(Database db, Clock clock, AuditStore audit, SecretStore secretStore) {
        this.db = db;
        this.clock = clock;
        this.audit = audit;
        this.secretStore = secretStore;
    }

    /** Creates a connection with a new id; a taken name is a CONFLICT. Its token state starts as needs-authorization. */
    public Connection create(ConnectionSettings settings, String actor) {
        AuditEvent.checkActor(actor);
        Instant now = Times.stored(clock.instant());
        Connection connection = new Connection(UUID.randomUUID(), settings, now, now);
        try {
            db.useTransaction("creating connection '" + settings.name() + "'", h -> {
                refuseDatabaseName(h, settings.name());
                bind(h.createUpdate("INSERT INTO connections (id, " + ConnectionRows.COLUMNS + ", created_at, updated_at) "
                        + "VALUES (:id, " + ConnectionRows.PARAMS + ", :now, :now)"), settings)
                        .bind("id", connection.id())
                        .bind("now", Times.bind(now))
                        .execute();
                h.createUpdate("INSERT INTO connection_tokens (connection_id, state, scopes, has_refresh_token, revision, "
                                + "updated_at) VALUES (:id, :state, '', FALSE, 0, :now)")
                        .bind("id", connection.id())
                        .bind("state", TokenState.NEEDS_AUTHORIZATION.wireName())
                        .bind("now", Times.bind(now))
                        .execute();
                audit.append(h, actor, AuditAction.CONNECTION_CREATED, connection.id(), settings.name(),
                        "created " + settings.type().wireName() + " connection to " + settings.orgUrl()
                                + " with auth method " + settings.auth().method().wireName());
            });
        } catch (SluiceException e) {
            if (DatabaseFailures.isUniqueViolation(e)) {
                throw new SluiceException(ErrorKind.CONFLICT, "a connection named '" + settings.name()
                        + "' already exists; choose another name, or update or delete the existing one");
            }
            throw e;
        }
        LOG.info("connection created name={} id={} actor={}", settings.name(), connection.id(), actor);
        return connection;
    }

    /** The connection with this id. */
    public Optional<Connection> get(UUID id) {
        return db.withHandle("reading connection " + id, h -> h.createQuery("SELECT * FROM connections WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> read(rs)).findOne());
    }

    /** The connection with this name. */
    public Optional<Connection> get(String name) {
        return db.withHandle("reading connection '" + name + "'", h -> h.createQuery("SELECT * FROM connections WHERE name = :name")
                .bind("name", name).map((rs, ctx) -> read(rs)).findOne());
    }

    /** The connection with this id, or a NOT_FOUND error. */
    public Connection require(UUID id) {
        return get(id).orElseThrow(() -> notFound(id));
    }

    /** Every connection, by name. */
    public List<Connection> list() {
        return db.withHandle("listing connections", h -> h.createQuery("SELECT * FROM connections ORDER BY name")
                .map((rs, ctx) -> read(rs)).list());
    }

    /**
     * Settings that decide where the connection's tokens were issued and where they are sent (the kind decides the
     * token's audience: Dataverse or Business Central). Changing any of them
     * drops the tokens and pending sign-ins: a token is only ever used where it was issued.
     */
    public static final List<String> TOKEN_BINDING_FIELDS = List.of("type", "orgUrl", "authority", "tenant",
            "auth.method", "auth.clientId", "auth.authorizeEndpoint", "auth.tokenEndpoint", "auth.discoveryUrl");

    /**
     * Replaces a connection's settings (renaming is allowed; a taken name is a CONFLICT) and audits which fields
     * changed. No change, no write. See {@link #update(UUID, ConnectionSettings, Map, String)}.
     */
    public Connection update(UUID id, ConnectionSettings settings, String actor) {
        return update(id, settings, Map.of(), actor);
    }

    /**
     * Replaces a connection's settings and stores the given secrets (by {@link SecretStore} name) in one
     * transaction, audited. Credentials stay bound to where they were issued:
     * <ul>
     *   <li>changing a {@link #TOKEN_BINDING_FIELDS token binding field} drops the connection's tokens and pending
     *       sign-ins (state needs-authorization);
     *   <li>changing where secrets are sent ({@link ConnectionSettings#secretDestination()}) is refused with
     *       INVALID_INPUT, changing nothing, unless every stored identity-provider secret (client secret, certificate
     *       private key) is given again with it, bound to the new destination.
     * </ul>
     */
    public Connection update(UUID id, ConnectionSettings settings, Map<String, Secret> secrets, String actor) {
        AuditEvent.checkActor(actor);
        Map<String, Secret> given = Map.copyOf(secrets);
        try {
            return db.inTransaction("updating connection " + id, h -> {
                Connection before = lock(h, id);
                List<String> changed = SettingsDiff.changed(before.settings(), settings);
                if (changed.isEmpty() && given.isEmpty()) {
                    return before;
                }
                requireSecretsAgain(h, before, settings, given);
                if (!before.name().equals(settings.name())) {
                    refuseDatabaseName(h, settings.name());
                }
                Instant now = Times.stored(clock.instant());
                Connection after = before;
                if (!changed.isEmpty()) {
                    bind(h.createUpdate("UPDATE connections SET " + ConnectionRows.ASSIGNMENTS + ", updated_at = :now "
                            + "WHERE id = :id"), settings).bind("id", id).bind("now", Times.bind(now)).execute();
                    audit.append(h, actor, AuditAction.CONNECTION_CHANGED, id, settings.name(), "changed "
                            + String.join(", ", changed));
                    after = new Connection(id, settings, before.createdAt(), now);
                    List<String> binding = changed.stream().filter(TOKEN_BINDING_FIELDS::contains).toList();
                    if (!binding.isEmpty()) {
                        TokenStore.clear(h, id, now);
                        h.createUpdate("DELETE FROM auth_sessions WHERE connection_id = :id").bind("id", id).execute();
                        audit.append(h, actor, AuditAction.CONNECTION_CHANGED, id, settings.name(), "dropped its "
                                + "tokens and pending sign-ins because " + String.join(", ", binding) + " changed: a "
                                + "token is only used where it was issued; authorize the connection again");
                    }
                    LOG.info("connection changed name={} id={} actor={} fields={}", settings.name(), id, actor, changed);
                }
                for (Map.Entry<String, Secret> e : given.entrySet()) {
                    secretStore.write(h, after, e.getKey(), e.getValue(), actor);
                }
                return after;
            });
        } catch (SluiceException e) {
            if (DatabaseFailures.isUniqueViolation(e)) {
                throw new SluiceException(ErrorKind.CONFLICT, "cannot rename the connection to '" + settings.name()
                        + "': a connection with that name already exists");
            }
            throw e;
        }
    }

    /** Flows name connections and registered databases alike, so a connection may not take a database's name. */
    private static void refuseDatabaseName(Handle h, String name) {
        if (h.createQuery("SELECT COUNT(*) FROM database_connections WHERE name = :n").bind("n", name)
                .mapTo(Long.class).one() > 0) {
            throw new SluiceException(ErrorKind.CONFLICT, "the name '" + name + "' is taken by a registered database; "
                    + "flows name databases and connections alike, so choose another name");
        }
    }

    /** Refuses a change of where secrets go when a stored identity-provider secret is not given again. */
    private static void requireSecretsAgain(Handle h, Connection before, ConnectionSettings after,
            Map<String, Secret> given) {
        if (before.settings().secretDestination().equals(after.secretDestination())) {
            return;
        }
        List<String> stored = h.createQuery("SELECT name FROM connection_secrets WHERE connection_id = :id ORDER BY name")
                .bind("id", before.id()).mapTo(String.class).list();
        List<String> missing = stored.stream().filter(SecretStore.IDENTITY_PROVIDER_SECRETS::contains)
                .filter(name -> !given.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            String what = String.join(" and ", missing.stream().map(n -> n.replace('-', ' ')).toList());
            throw new SluiceException(ErrorKind.INVALID_INPUT, "this change moves where connection '"
                    + before.name() + "' signs in (from " + SecretStore.safeDestination(before.settings()
                    .secretDestination()) + " to " + SecretStore.safeDestination(after.secretDestination())
                    + "); a stored " + what + " is only ever sent to the token endpoint it was entered for, so enter "
                    + "the " + what + " again with this change. Nothing was changed.");
        }
    }

    /** Deletes a connection with its secrets, tokens and pending authorizations; audited. NOT_FOUND if unknown. */
    public void delete(UUID id, String actor) {
        AuditEvent.checkActor(actor);
        String name = db.inTransaction("deleting connection " + id, h -> {
            Connection before = lock(h, id);
            for (String table : List.of("connection_secrets", "connection_tokens", "auth_sessions")) {
                h.createUpdate("DELETE FROM " + table + " WHERE connection_id = :id").bind("id", id).execute();
            }
            h.createUpdate("DELETE FROM connections WHERE id = :id").bind("id", id).execute();
            audit.append(h, actor, AuditAction.CONNECTION_DELETED, id, before.name(),
                    "deleted with its secrets, tokens and pending authorizations");
            return before.name();
        });
        LOG.info("connection deleted name={} id={} actor={}", name, id, actor);
    }

    /** Locks the connection's row for the rest of the transaction and returns it; NOT_FOUND if unknown. */
    static Connection lock(Handle h, UUID id) {
        return h.createQuery("SELECT * FROM connections WHERE id = :id FOR UPDATE")
                .bind("id", id).map((rs, ctx) -> read(rs)).findOne().orElseThrow(() -> notFound(id));
    }

    static SluiceException notFound(UUID id) {
        return new SluiceException(ErrorKind.NOT_FOUND, "no connection with id " + id + "; list the connections to find its id");
    }

    private static Update bind(Update update, ConnectionSettings s) {
        AuthSettings auth = s.auth();
        ConnectionOptions o = s.options();
        update.bind("name", s.name())
                .bind("type", s.type().wireName())
                .bind("org_url", s.orgUrl().toString())
                .bind("api_version", s.apiVersion())
                .bind("authority", s.authority().toString())
                .bind("tenant", s.tenant())
                .bind("auth_method", auth.method().wireName())
                .bind("client_id", auth.clientId())
                .bind("scopes", ConnectionRows.joinScopes(auth.scopes()))
                .bind("callback_mode", auth.callbackMode() == null ? null : auth.callbackMode().wireName())
                .bind("request_timeout_ms", o.requestTimeout().toMillis())
                .bind("read_only", o.readOnly())
                .bind("page_size", o.pageSize())
                .bind("max_concurrency", o.maxConcurrency())
                .bind("bc_environment", s.businessCentral() == null ? null : s.businessCentral().environment())
                .bind("bc_company", s.businessCentral() == null ? null : s.businessCentral().company());
        ConnectionRows.bindUuid(update, "impersonate", o.impersonate());
        ConnectionRows.bindUri(update, "redirect_uri", auth.redirectUri());
        ConnectionRows.bindUri(update, "authorize_endpoint", auth.authorizeEndpoint());
        ConnectionRows.bindUri(update, "token_endpoint", auth.tokenEndpoint());
        ConnectionRows.bindUri(update, "discovery_url", auth.discoveryUrl());
        return update;
    }

    private static Connection read(ResultSet rs) throws SQLException {
        String callback = rs.getString("callback_mode");
        AuthSettings auth = new AuthSettings(
                AuthMethod.fromWireName(rs.getString("auth_method")),
                rs.getString("client_id"),
                ConnectionRows.splitScopes(rs.getString("scopes")),
                callback == null ? null : CallbackMode.fromWireName(callback),
                ConnectionRows.uri(rs, "redirect_uri"),
                ConnectionRows.uri(rs, "authorize_endpoint"),
                ConnectionRows.uri(rs, "token_endpoint"),
                ConnectionRows.uri(rs, "discovery_url"));
        ConnectionOptions options = new ConnectionOptions(
                Duration.ofMillis(rs.getLong("request_timeout_ms")),
                rs.getBoolean("read_only"),
                rs.getObject("impersonate", UUID.class),
                rs.getInt("page_size"),
                rs.getInt("max_concurrency"));
        ConnectionSettings settings = new ConnectionSettings(
                rs.getString("name"),
                ConnectionType.fromWireName(rs.getString("type")),
                OrgUrl.parse(rs.getString("org_url")),
                rs.getString("api_version"),
                Authority.parse(rs.getString("authority")),
                rs.getString("tenant"),
                auth,
                options,
                rs.getString("bc_environment") == null ? null
                        : new BusinessCentralSettings(rs.getString("bc_environment"), rs.getString("bc_company")));
        return new Connection(rs.getObject("id", UUID.class), settings, Times.read(rs, "created_at"), Times.read(rs, "updated_at"));
    }
}
