package dev.sluice.store;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.store.internal.Database;
import dev.sluice.store.internal.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Per-connection grants: who may do what with which connection. Denied by default: no row, no access. Changes are
 * audited in the same transaction; deleting a connection or a user deletes its grants. Thread-safe.
 */
public final class GrantStore {
    private final Database db;
    private final Clock clock;
    private final AuditStore audit;

    GrantStore(Database db, Clock clock, AuditStore audit) {
        this.db = db;
        this.clock = clock;
        this.audit = audit;
    }

    /** Gives {@code user} this level on the connection, replacing any level they had. */
    public Grant put(Connection connection, String user, GrantLevel level, String actor) {
        User.checkName(user);
        Instant now = Times.stored(clock.instant());
        db.useTransaction("granting access", h -> {
            if (h.createQuery("SELECT COUNT(*) FROM users WHERE name = :u").bind("u", user).mapTo(Long.class).one() == 0) {
                throw new SluiceException(ErrorKind.NOT_FOUND, "no user named '" + user + "'");
            }
            h.createUpdate("DELETE FROM connection_grants WHERE connection_id = :c AND user_name = :u")
                    .bind("c", connection.id()).bind("u", user).execute();
            h.createUpdate("INSERT INTO connection_grants (connection_id, user_name, level, granted_by, granted_at) "
                            + "VALUES (:c, :u, :level, :by, :now)")
                    .bind("c", connection.id()).bind("u", user).bind("level", level.wireName())
                    .bind("by", actor).bind("now", Times.bind(now)).execute();
            audit.append(h, actor, AuditAction.GRANT_CHANGED, connection.id(), connection.name(),
                    "granted " + level.wireName() + " to '" + user + "'");
        });
        return new Grant(connection.id(), user, level, actor, now);
    }

    /** Takes away the user's grant on the connection; false when they had none. */
    public boolean delete(Connection connection, String user, String actor) {
        return db.inTransaction("revoking access", h -> {
            int n = h.createUpdate("DELETE FROM connection_grants WHERE connection_id = :c AND user_name = :u")
                    .bind("c", connection.id()).bind("u", user).execute();
            if (n > 0) {
                audit.append(h, actor, AuditAction.GRANT_REVOKED, connection.id(), connection.name(),
                        "revoked the grant of '" + user + "'");
            }
            return n > 0;
        });
    }

    /** The user's level on the connection, if any. */
    public Optional<GrantLevel> level(UUID connectionId, String user) {
        return db.withHandle("reading a grant", h -> h.createQuery(
                        "SELECT level FROM connection_grants WHERE connection_id = :c AND user_name = :u")
                .bind("c", connectionId).bind("u", user).mapTo(String.class).findOne().map(GrantLevel::fromWireName));
    }

    /** Every grant on the connection, by user. */
    public List<Grant> list(UUID connectionId) {
        return db.withHandle("listing grants", h -> h.createQuery(
                        "SELECT * FROM connection_grants WHERE connection_id = :c ORDER BY user_name")
                .bind("c", connectionId).map((rs, ctx) -> read(rs)).list());
    }

    /** Every grant the user holds. */
    public List<Grant> listForUser(String user) {
        return db.withHandle("listing grants", h -> h.createQuery(
                        "SELECT * FROM connection_grants WHERE user_name = :u ORDER BY connection_id")
                .bind("u", user).map((rs, ctx) -> read(rs)).list());
    }

    private static Grant read(ResultSet rs) throws SQLException {
        return new Grant(rs.getObject("connection_id", UUID.class), rs.getString("user_name"),
                GrantLevel.fromWireName(rs.getString("level")), rs.getString("granted_by"), Times.read(rs, "granted_at"));
    }
}
