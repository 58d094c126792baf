package dev.sluice.store;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import dev.sluice.store.internal.Checks;
import dev.sluice.store.internal.Database;
import dev.sluice.store.internal.FieldCipher;
import dev.sluice.store.internal.Sealed;
import dev.sluice.store.internal.StateHash;
import dev.sluice.store.internal.Times;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Pending authorization-code sessions. The OAuth {@code state} is stored only as its SHA-256; the PKCE verifier
 * only encrypted. A session is single-use: {@link #consume} deletes it whatever the outcome, refuses it when it
 * has expired (10 minutes) or was begun by another user. Thread-safe.
 */
public final class AuthSessionStore {
    /** Issue 4: a pending authorization expires after 10 minutes (Entra's auth codes live about as long, fact sheet F.5). */
    public static final Duration LIFETIME = Duration.ofMinutes(10);
    /** An unguessable state needs at least 128 bits; 22 base64url characters carry 132. */
    private static final int MIN_STATE_LENGTH = 22;
    /** RFC 7636 §4.1: code_verifier is 43–128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~". */
    private static final Pattern PKCE_VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    static final String VERIFIER_SLOT = "auth-session/pkce-verifier";

    private final Database db;
    private final FieldCipher cipher;
    private final Clock clock;
    private final AuditStore audit;

    AuthSessionStore(Database db, FieldCipher cipher, Clock clock, AuditStore audit) {
        this.db = db;
        this.cipher = cipher;
        this.clock = clock;
        this.audit = audit;
    }

    /** Stores a new pending authorization, audited as authorization.begun by the user. */
    public AuthSession begin(UUID connectionId, String user, Secret state, Secret pkceVerifier, String nonce, URI redirectUri) {
        String who = AuditEvent.checkActor(user);
        if (Checks.required(state, "state").reveal().length() < MIN_STATE_LENGTH) {
            throw Checks.invalid("state must be at least " + MIN_STATE_LENGTH + " random characters (128 bits)");
        }
        if (!PKCE_VERIFIER.matcher(Checks.required(pkceVerifier, "PKCE verifier").reveal()).matches()) {
            throw Checks.invalid("PKCE verifier must be 43-128 characters of A-Z, a-z, 0-9, '-', '.', '_', '~' (RFC 7636 §4.1)");
        }
        String checkedNonce = Checks.text(nonce, "nonce", 256);
        URI redirect = Checks.endpoint(Checks.required(redirectUri, "redirect URI"), "redirect URI");
        Instant now = Times.stored(clock.instant());
        AuthSession session = new AuthSession(connectionId, who, pkceVerifier, checkedNonce, redirect, now, now.plus(LIFETIME));
        Sealed verifier = cipher.seal(connectionId, VERIFIER_SLOT, pkceVerifier.reveal());
        db.useTransaction("beginning an authorization of connection " + connectionId, h -> {
            Connection connection = ConnectionStore.lock(h, connectionId);
            h.createUpdate("INSERT INTO auth_sessions (state_hash, connection_id, user_name, key_id, pkce_verifier, nonce, "
                            + "redirect_uri, created_at, expires_at) VALUES (:hash, :cid, :user, :key, :verifier, :nonce, "
                            + ":redirect, :created, :expires)")
                    .bind("hash", StateHash.of(state)).bind("cid", connectionId).bind("user", who)
                    .bind("key", verifier.keyId()).bind("verifier", verifier.ciphertext()).bind("nonce", checkedNonce)
                    .bind("redirect", redirect.toString()).bind("created", Times.bind(now))
                    .bind("expires", Times.bind(session.expiresAt())).execute();
            audit.append(h, who, AuditAction.AUTHORIZATION_BEGUN, connectionId, connection.name(),
                    "redirect to " + Checks.safe(redirect) + ", expires at " + session.expiresAt());
        });
        return session;
    }

    /**
     * Takes the pending authorization for this state, once. Unknown or already used: AUTH; expired: AUTH (and it
     * is deleted); begun by another user: FORBIDDEN, and it is left in place, so a stranger who got hold of the
     * callback cannot spend the owner's sign-in. Each message says to start again.
     */
    public AuthSession consume(Secret state, String user) {
        String who = AuditEvent.checkActor(user);
        String hash = StateHash.of(Checks.required(state, "state"));
        AuthSession[] foreign = new AuthSession[1];
        AuthSession session = db.inTransaction("completing an authorization", h -> {
            AuthSession found = h.createQuery("SELECT * FROM auth_sessions WHERE state_hash = :hash FOR UPDATE")
                    .bind("hash", hash).map((rs, ctx) -> read(rs)).findOne().orElse(null);
            if (found != null && !found.user().equals(who) && clock.instant().isBefore(found.expiresAt())) {
                foreign[0] = found;
                return null;
            }
            // the DELETE decides who consumes it: of two concurrent callers only one deletes the row
            int deleted = h.createUpdate("DELETE FROM auth_sessions WHERE state_hash = :hash").bind("hash", hash).execute();
            return deleted == 1 ? found : null;
        });
        if (foreign[0] != null) {
            throw new SluiceException(ErrorKind.FORBIDDEN, "this authorization was begun by another user; it can only be "
                    + "completed by the user who began it, so '" + who + "' must start an authorization of their own");
        }
        if (session == null) {
            throw new SluiceException(ErrorKind.AUTH, "this authorization is unknown or was already completed (its state "
                    + "does not match a pending authorization); start the authorization again");
        }
        if (!clock.instant().isBefore(session.expiresAt())) {
            throw new SluiceException(ErrorKind.AUTH, "this authorization began at " + session.createdAt() + " and expired at "
                    + session.expiresAt() + " (a pending authorization lasts " + LIFETIME.toMinutes()
                    + " minutes); start the authorization again");
        }
        return session;
    }

    /** Deletes the expired pending authorizations; returns how many. */
    public int deleteExpired() {
        return db.inTransaction("deleting expired authorizations", h -> h.createUpdate(
                "DELETE FROM auth_sessions WHERE expires_at <= :now").bind("now", Times.bind(clock.instant())).execute());
    }

    private AuthSession read(ResultSet rs) throws SQLException {
        UUID connectionId = rs.getObject("connection_id", UUID.class);
        Secret verifier = Secret.of(cipher.openString(connectionId, VERIFIER_SLOT, rs.getBytes("pkce_verifier")));
        return new AuthSession(connectionId, rs.getString("user_name"), verifier, rs.getString("nonce"),
                URI.create(rs.getString("redirect_uri")), Times.read(rs, "created_at"), Times.read(rs, "expires_at"));
    }
}
