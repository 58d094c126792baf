package dev.sluice.store;

import dev.sluice.core.Secret;
import dev.sluice.store.internal.Database;
import dev.sluice.store.internal.StateHash;
import dev.sluice.store.internal.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Browser sessions of the Sluice server, shared by every node on one database. Only a SHA-256 digest of each session
 * id is kept; a session ends at its expiry, at sign-out, or when its user is deleted. Thread-safe.
 */
public final class WebSessionStore {
    private final Database db;
    private final Clock clock;

    WebSessionStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Starts a session for {@code user} under {@code id} (random, made by the caller) lasting {@code lifetime}. */
    public WebSession create(Secret id, String user, String csrfToken, Duration lifetime) {
        Instant now = Times.stored(clock.instant());
        WebSession session = new WebSession(user, csrfToken, now.plus(lifetime));
        db.useTransaction("starting a session", h -> h.createUpdate("INSERT INTO web_sessions "
                        + "(id_hash, user_name, csrf_token, created_at, expires_at) VALUES (:id, :u, :csrf, :now, :exp)")
                .bind("id", StateHash.of(id)).bind("u", user).bind("csrf", csrfToken)
                .bind("now", Times.bind(now)).bind("exp", Times.bind(session.expiresAt())).execute());
        return session;
    }

    /** The live session with this id; empty when unknown or expired. */
    public Optional<WebSession> get(Secret id) {
        Instant now = clock.instant();
        return db.withHandle("reading a session", h -> h.createQuery(
                        "SELECT user_name, csrf_token, expires_at FROM web_sessions WHERE id_hash = :id")
                .bind("id", StateHash.of(id))
                .map((rs, ctx) -> new WebSession(rs.getString("user_name"), rs.getString("csrf_token"),
                        Times.read(rs, "expires_at")))
                .findOne()).filter(s -> now.isBefore(s.expiresAt()));
    }

    /** Ends a session. */
    public void delete(Secret id) {
        db.useTransaction("ending a session", h -> h.createUpdate("DELETE FROM web_sessions WHERE id_hash = :id")
                .bind("id", StateHash.of(id)).execute());
    }

    /** Ends every session of a user (after an admin reset their password); returns how many. */
    public int deleteForUser(String user) {
        return db.inTransaction("ending sessions", h -> h.createUpdate("DELETE FROM web_sessions WHERE user_name = :u")
                .bind("u", user).execute());
    }

    /**
     * Ends every session of a user but {@code keep} (the one that changed the password; null ends them all);
     * returns how many ended.
     */
    public int deleteForUserExcept(String user, Secret keep) {
        if (keep == null) {
            return deleteForUser(user);
        }
        return db.inTransaction("ending other sessions", h -> h.createUpdate(
                        "DELETE FROM web_sessions WHERE user_name = :u AND id_hash <> :keep")
                .bind("u", user).bind("keep", StateHash.of(keep)).execute());
    }

    /** Removes expired sessions; returns how many. */
    public int deleteExpired() {
        return db.inTransaction("removing expired sessions", h -> h.createUpdate(
                "DELETE FROM web_sessions WHERE expires_at <= :now").bind("now", Times.bind(clock.instant())).execute());
    }
}
