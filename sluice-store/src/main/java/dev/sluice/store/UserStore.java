package dev.sluice.store;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.store.internal.Checks;
import dev.sluice.store.internal.Database;
import dev.sluice.store.internal.DatabaseFailures;
import dev.sluice.store.internal.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Local accounts of the Sluice server. Keeps password hashes (made by the caller, e.g. bcrypt), never passwords.
 * Every change is audited in the same transaction. Thread-safe.
 */
public final class UserStore {
    private final Database db;
    private final Clock clock;
    private final AuditStore audit;

    UserStore(Database db, Clock clock, AuditStore audit) {
        this.db = db;
        this.clock = clock;
        this.audit = audit;
    }

    /** Creates an account; a taken name is a CONFLICT. */
    public User create(String name, Role role, String passwordHash, boolean mustChangePassword, String actor) {
        User.checkName(name);
        Checks.text(passwordHash, "password hash", 128);
        Instant now = Times.stored(clock.instant());
        User user = new User(name, role, mustChangePassword, now);
        try {
            db.useTransaction("creating user '" + name + "'", h -> {
                h.createUpdate("INSERT INTO users (name, role, password_hash, must_change_password, created_at, updated_at) "
                                + "VALUES (:name, :role, :hash, :must, :now, :now)")
                        .bind("name", name).bind("role", role.wireName()).bind("hash", passwordHash)
                        .bind("must", mustChangePassword).bind("now", Times.bind(now)).execute();
                audit.append(h, actor, AuditAction.USER_CREATED, null, null, "created user '" + name + "' with role "
                        + role.wireName());
            });
        } catch (SluiceException e) {
            if (DatabaseFailures.isUniqueViolation(e)) {
                throw new SluiceException(ErrorKind.CONFLICT, "a user named '" + name + "' already exists");
            }
            throw e;
        }
        return user;
    }

    /** The account with this name. */
    public Optional<User> get(String name) {
        return db.withHandle("reading user", h -> h.createQuery("SELECT * FROM users WHERE name = :name")
                .bind("name", name).map((rs, ctx) -> read(rs)).findOne());
    }

    /** The stored password hash of an account, to verify a sign-in. */
    public Optional<String> passwordHash(String name) {
        return db.withHandle("reading user", h -> h.createQuery("SELECT password_hash FROM users WHERE name = :name")
                .bind("name", name).mapTo(String.class).findOne());
    }

    /** Every account, by name. */
    public List<User> list() {
        return db.withHandle("listing users", h -> h.createQuery("SELECT * FROM users ORDER BY name")
                .map((rs, ctx) -> read(rs)).list());
    }

    /** How many accounts exist. */
    public long count() {
        return db.withHandle("counting users", h -> h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one());
    }

    /** Sets a new password hash; {@code mustChange} says whether the next sign-in must change it again. */
    public void setPassword(String name, String passwordHash, boolean mustChange, String actor) {
        Checks.text(passwordHash, "password hash", 128);
        change(name, actor, "changed the password of user '" + name + "'", h -> h.createUpdate(
                "UPDATE users SET password_hash = :hash, must_change_password = :must, updated_at = :now WHERE name = :name")
                .bind("hash", passwordHash).bind("must", mustChange));
    }

    /** Sets the role of an account. */
    public void setRole(String name, Role role, String actor) {
        Checks.required(role, "role");
        change(name, actor, "set the role of user '" + name + "' to " + role.wireName(), h -> h.createUpdate(
                "UPDATE users SET role = :role, updated_at = :now WHERE name = :name").bind("role", role.wireName()));
    }

    /** Deletes an account with its grants, API tokens and sessions. */
    public void delete(String name, String actor) {
        db.useTransaction("deleting user", h -> {
            int n = h.createUpdate("DELETE FROM users WHERE name = :name").bind("name", name).execute();
            if (n == 0) {
                throw notFound(name);
            }
            audit.append(h, actor, AuditAction.USER_DELETED, null, null, "deleted user '" + name + "'");
        });
    }

    private void change(String name, String actor, String detail,
            java.util.function.Function<org.jdbi.v3.core.Handle, org.jdbi.v3.core.statement.Update> statement) {
        Instant now = Times.stored(clock.instant());
        db.useTransaction("changing user", h -> {
            int n = statement.apply(h).bind("name", name).bind("now", Times.bind(now)).execute();
            if (n == 0) {
                throw notFound(name);
            }
            audit.append(h, actor, AuditAction.USER_CHANGED, null, null, detail);
        });
    }

    private static SluiceException notFound(String name) {
        return new SluiceException(ErrorKind.NOT_FOUND, "no user named '" + name + "'");
    }

    private static User read(ResultSet rs) throws SQLException {
        return new User(rs.getString("name"), Role.fromWireName(rs.getString("role")),
                rs.getBoolean("must_change_password"), Times.read(rs, "created_at"));
    }
}
