package dev.sluice.store;

import dev.sluice.core.Secret;
import dev.sluice.store.internal.Database;
import dev.sluice.store.internal.Times;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections' own HTTP proxies ({@link ConnectionProxy}) and their passwords (a connection secret, encrypted, bound
 * to the proxy's address). Setting or removing one changes the connection (its {@code updatedAt} moves, so clients
 * built for it are rebuilt) and is audited, naming the proxy, never the password. Thread-safe.
 */
public final class ConnectionProxyStore {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionProxyStore.class);

    private final Database db;
    private final Clock clock;
    private final AuditStore audit;
    private final SecretStore secrets;

    ConnectionProxyStore(Database db, Clock clock, AuditStore audit, SecretStore secrets) {
        this.db = db;
        this.clock = clock;
        this.audit = audit;
        this.secrets = secrets;
    }

    /** The connection's own proxy; empty when it uses the process's. */
    public Optional<ConnectionProxy> get(UUID connectionId) {
        return db.withHandle("reading the proxy of connection " + connectionId, h -> h.createQuery(
                        "SELECT address, proxy_user FROM connection_proxies WHERE connection_id = :id")
                .bind("id", connectionId)
                .map((rs, ctx) -> new ConnectionProxy(rs.getString("address"), rs.getString("proxy_user")))
                .findOne());
    }

    /**
     * Sets the connection's proxy; {@code password} (with a user; null for none) replaces any stored one. NOT_FOUND
     * when the connection does not exist. Returns the connection as changed.
     */
    public Connection set(UUID connectionId, ConnectionProxy proxy, Secret password, String actor) {
        AuditEvent.checkActor(actor);
        if (password != null && proxy.user() == null) {
            throw dev.sluice.store.internal.Checks.invalid("a proxy password needs a proxy user");
        }
        Connection after = db.inTransaction("setting the proxy of connection " + connectionId, h -> {
            Connection before = ConnectionStore.lock(h, connectionId);
            h.createUpdate("DELETE FROM connection_proxies WHERE connection_id = :id").bind("id", connectionId).execute();
            Instant now = Times.stored(clock.instant());
            h.createUpdate("INSERT INTO connection_proxies (connection_id, address, proxy_user, updated_at) "
                            + "VALUES (:id, :address, :user, :now)")
                    .bind("id", connectionId).bind("address", proxy.address()).bind("user", proxy.user())
                    .bind("now", Times.bind(now)).execute();
            dropPassword(h, connectionId);
            Connection changed = touch(h, before, now);
            if (password != null) {
                secrets.write(h, changed, ConnectionProxy.PASSWORD_SECRET, password, proxy.binding(), actor);
            }
            audit.append(h, actor, AuditAction.CONNECTION_CHANGED, connectionId, before.name(), proxy.isDirect()
                    ? "set to go direct (no proxy)" : "set its proxy to " + proxy.address()
                            + (proxy.user() == null ? "" : " as user '" + proxy.user() + "'")
                            + (password == null ? "" : " with a password"));
            return changed;
        });
        LOG.info("connection proxy set connectionId={} proxy={} actor={}", connectionId, proxy.address(), actor);
        return after;
    }

    /** Removes the connection's own proxy (it uses the process's again); returns whether it had one. */
    public boolean remove(UUID connectionId, String actor) {
        AuditEvent.checkActor(actor);
        return db.inTransaction("removing the proxy of connection " + connectionId, h -> {
            Connection before = ConnectionStore.lock(h, connectionId);
            int n = h.createUpdate("DELETE FROM connection_proxies WHERE connection_id = :id").bind("id", connectionId)
                    .execute();
            dropPassword(h, connectionId);
            if (n > 0) {
                touch(h, before, Times.stored(clock.instant()));
                audit.append(h, actor, AuditAction.CONNECTION_CHANGED, connectionId, before.name(),
                        "removed its own proxy (uses the server's again)");
            }
            return n > 0;
        });
    }

    /**
     * The stored password of the connection's proxy, for sending to that proxy only: empty when there is none; AUTH
     * when it was stored for another proxy address.
     */
    public Optional<Secret> password(Connection connection, ConnectionProxy proxy) {
        return secrets.getBound(connection, ConnectionProxy.PASSWORD_SECRET, proxy.binding(), "proxy password");
    }

    private static void dropPassword(Handle h, UUID connectionId) {
        h.createUpdate("DELETE FROM connection_secrets WHERE connection_id = :id AND name = :name")
                .bind("id", connectionId).bind("name", ConnectionProxy.PASSWORD_SECRET).execute();
    }

    private static Connection touch(Handle h, Connection before, Instant now) {
        h.createUpdate("UPDATE connections SET updated_at = :now WHERE id = :id").bind("now", Times.bind(now))
                .bind("id", before.id()).execute();
        return new Connection(before.id(), before.settings(), before.createdAt(), now);
    }
}
