package dev.sluice.store;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import dev.sluice.store.internal.Database;
import dev.sluice.store.internal.DatabaseFailures;
import dev.sluice.store.internal.FieldCipher;
import dev.sluice.store.internal.Sealed;
import dev.sluice.store.internal.Times;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Databases admins registered for flows, their encrypted passwords (Tink AEAD, {@code database:ID|password} as
 * associated data) and who may use them: per user, {@code view < read < write < manage} like connection grants, none
 * by default. A database's name is unique among databases and connections, since flows name both the same way.
 * Changes are audited in the same transaction. Thread-safe.
 */
public final class DatabaseStore {
    static final String PASSWORD_SLOT = "password";

    private final Database db;
    private final FieldCipher cipher;
    private final Clock clock;
    private final AuditStore audit;

    DatabaseStore(Database db, FieldCipher cipher, Clock clock, AuditStore audit) {
        this.db = db;
        this.cipher = cipher;
        this.clock = clock;
        this.audit = audit;
    }

    /** The owner part of a database password's associated data. */
    static String owner(UUID id) {
        return "database:" + id;
    }

    /**
     * Registers a database; {@code password} may be null. A name taken by a database or a connection is a CONFLICT.
     */
    public DatabaseConnection create(String name, String jdbcUrl, String user, Secret password, String actor) {
        AuditEvent.checkActor(actor);
        DatabaseConnection d = new DatabaseConnection(UUID.randomUUID(), name, jdbcUrl, user,
                password != null && !password.isEmpty(), actor, Times.stored(clock.instant()));
        Sealed sealed = d.hasPassword() ? cipher.sealFor(owner(d.id()), PASSWORD_SLOT,
                password.reveal().getBytes(StandardCharsets.UTF_8)) : null;
        try {
            db.useTransaction("registering database '" + name + "'", h -> {
                if (h.createQuery("SELECT COUNT(*) FROM connections WHERE name = :n").bind("n", d.name())
                        .mapTo(Long.class).one() > 0) {
                    throw taken(d.name(), "a connection");
                }
                h.createUpdate("INSERT INTO database_connections (id, name, jdbc_url, user_name, key_id, password, "
                        + "created_by, created_at) VALUES (:id, :name, :url, :user, :key, :pw, :by, :at)")
                        .bind("id", d.id()).bind("name", d.name()).bind("url", d.jdbcUrl()).bind("user", d.user())
                        .bind("key", sealed == null ? null : sealed.keyId())
                        .bind("pw", sealed == null ? null : sealed.ciphertext())
                        .bind("by", actor).bind("at", Times.bind(d.createdAt())).execute();
                audit.append(h, actor, AuditAction.DATABASE_CREATED, d.id(), d.name(), "registered database "
                        + d.describe() + (d.user() == null ? "" : " as user '" + d.user() + "'"));
            });
        } catch (SluiceException e) {
            if (DatabaseFailures.isUniqueViolation(e)) {
                throw taken(d.name(), "a database");
            }
            throw e;
        }
        return d;
    }

    private static SluiceException taken(String name, String what) {
        return new SluiceException(ErrorKind.CONFLICT, "the name '" + name + "' is taken by " + what + "; flows name "
                + "databases and connections alike, so choose another name");
    }

    /** Every registered database, by name. */
    public List<DatabaseConnection> list() {
        return db.withHandle("listing databases", h -> h.createQuery("SELECT * FROM database_connections ORDER BY name")
                .map((rs, ctx) -> read(rs)).list());
    }

    /** The database of this name, if any. */
    public Optional<DatabaseConnection> get(String name) {
        return db.withHandle("reading a database", h -> h.createQuery("SELECT * FROM database_connections WHERE name = "
                + ":n").bind("n", name).map((rs, ctx) -> read(rs)).findOne());
    }

    /** The database's password, decrypted, or empty when none is stored. */
    public Optional<Secret> password(DatabaseConnection d) {
        return db.withHandle("reading a database password", h -> h.createQuery("SELECT password FROM "
                + "database_connections WHERE id = :id").bind("id", d.id()).map((rs, ctx) -> rs.getBytes("password"))
                .findOne()).map(ct -> Secret.of(new String(cipher.openFor(owner(d.id()), PASSWORD_SLOT, ct),
                StandardCharsets.UTF_8)));
    }

    /** Removes the database and its grants; false when there was none of that name. Flows naming it stop validating. */
    public boolean delete(String name, String actor) {
        return db.inTransaction("removing a database", h -> {
            Optional<DatabaseConnection> d = h.createQuery("SELECT * FROM database_connections WHERE name = :n FOR UPDATE")
                    .bind("n", name).map((rs, ctx) -> read(rs)).findOne();
            if (d.isEmpty()) {
                return false;
            }
            h.createUpdate("DELETE FROM database_grants WHERE database_id = :id").bind("id", d.get().id()).execute();
            h.createUpdate("DELETE FROM database_connections WHERE id = :id").bind("id", d.get().id()).execute();
            audit.append(h, actor, AuditAction.DATABASE_DELETED, d.get().id(), d.get().name(), "removed database "
                    + d.get().describe());
            return true;
        });
    }

    /** Gives {@code user} this level on the database, replacing any level they had. */
    public Grant grant(DatabaseConnection d, String user, GrantLevel level, String actor) {
        User.checkName(user);
        Instant now = Times.stored(clock.instant());
        db.useTransaction("granting access to a database", h -> {
            if (h.createQuery("SELECT COUNT(*) FROM users WHERE name = :u").bind("u", user).mapTo(Long.class).one() == 0) {
                throw new SluiceException(ErrorKind.NOT_FOUND, "no user named '" + user + "'");
            }
            h.createUpdate("DELETE FROM database_grants WHERE database_id = :d AND user_name = :u")
                    .bind("d", d.id()).bind("u", user).execute();
            h.createUpdate("INSERT INTO database_grants (database_id, user_name, level, granted_by, granted_at) "
                    + "VALUES (:d, :u, :level, :by, :now)").bind("d", d.id()).bind("u", user)
                    .bind("level", level.wireName()).bind("by", actor).bind("now", Times.bind(now)).execute();
            audit.append(h, actor, AuditAction.GRANT_CHANGED, d.id(), d.name(), "granted " + level.wireName()
                    + " on database '" + d.name() + "' to '" + user + "'");
        });
        return new Grant(d.id(), user, level, actor, now);
    }

    /** Takes away the user's grant on the database; false when they had none. */
    public boolean revoke(DatabaseConnection d, String user, String actor) {
        return db.inTransaction("revoking access to a database", h -> {
            int n = h.createUpdate("DELETE FROM database_grants WHERE database_id = :d AND user_name = :u")
                    .bind("d", d.id()).bind("u", user).execute();
            if (n > 0) {
                audit.append(h, actor, AuditAction.GRANT_REVOKED, d.id(), d.name(), "revoked the grant of '" + user
                        + "' on database '" + d.name() + "'");
            }
            return n > 0;
        });
    }

    /** The user's level on the database, if any. */
    public Optional<GrantLevel> level(UUID databaseId, String user) {
        return db.withHandle("reading a database grant", h -> h.createQuery("SELECT level FROM database_grants WHERE "
                + "database_id = :d AND user_name = :u").bind("d", databaseId).bind("u", user).mapTo(String.class)
                .findOne().map(GrantLevel::fromWireName));
    }

    /** Every grant on the database, by user. */
    public List<Grant> grants(UUID databaseId) {
        return db.withHandle("listing database grants", h -> h.createQuery("SELECT * FROM database_grants WHERE "
                + "database_id = :d ORDER BY user_name").bind("d", databaseId).map((rs, ctx) -> new Grant(
                rs.getObject("database_id", UUID.class), rs.getString("user_name"),
                GrantLevel.fromWireName(rs.getString("level")), rs.getString("granted_by"),
                Times.read(rs, "granted_at"))).list());
    }

    private static DatabaseConnection read(ResultSet rs) throws SQLException {
        return new DatabaseConnection(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("jdbc_url"),
                rs.getString("user_name"), rs.getBytes("password") != null, rs.getString("created_by"),
                Times.read(rs, "created_at"));
    }
}
