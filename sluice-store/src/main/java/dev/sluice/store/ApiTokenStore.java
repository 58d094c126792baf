package dev.sluice.store;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import dev.sluice.store.internal.Checks;
import dev.sluice.store.internal.Database;
import dev.sluice.store.internal.StateHash;
import dev.sluice.store.internal.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * API tokens for programs. Only a SHA-256 digest of each token is kept (the caller makes the token from 256 random
 * bits and shows it once); a token carries its owner's grants and stops working when revoked. Thread-safe.
 */
public final class ApiTokenStore {
    private final Database db;
    private final Clock clock;
    private final AuditStore audit;

    ApiTokenStore(Database db, Clock clock, AuditStore audit) {
        this.db = db;
        this.clock = clock;
        this.audit = audit;
    }

    /** Records a new token of {@code user} by its hash. */
    public ApiToken create(String user, String name, Secret token, String actor) {
        User.checkName(user);
        String label = Checks.text(name, "token name", 128);
        Instant now = Times.stored(clock.instant());
        ApiToken created = new ApiToken(UUID.randomUUID(), user, label, now, null, null);
        db.useTransaction("creating an API token", h -> {
            h.createUpdate("INSERT INTO api_tokens (id, user_name, name, token_hash, created_at) "
                            + "VALUES (:id, :u, :name, :hash, :now)")
                    .bind("id", created.id()).bind("u", user).bind("name", label)
                    .bind("hash", StateHash.of(token)).bind("now", Times.bind(now)).execute();
            audit.append(h, actor, AuditAction.API_TOKEN_CREATED, null, null,
                    "created API token '" + label + "' (" + created.id() + ") for '" + user + "'");
        });
        return created;
    }

    /** The active token matching this value, noting its use; empty when unknown or revoked. */
    public Optional<ApiToken> authenticate(Secret token) {
        String hash = StateHash.of(token);
        Instant now = Times.stored(clock.instant());
        return db.inTransaction("checking an API token", h -> {
            Optional<ApiToken> found = h.createQuery("SELECT * FROM api_tokens WHERE token_hash = :hash AND revoked_at IS NULL")
                    .bind("hash", hash).map((rs, ctx) -> read(rs)).findOne();
            found.ifPresent(t -> h.createUpdate("UPDATE api_tokens SET last_used_at = :now WHERE id = :id")
                    .bind("now", Times.bind(now)).bind("id", t.id()).execute());
            return found;
        });
    }

    /** The token with this id. */
    public Optional<ApiToken> get(UUID id) {
        return db.withHandle("reading an API token", h -> h.createQuery("SELECT * FROM api_tokens WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> read(rs)).findOne());
    }

    /** The user's tokens (or everyone's for null), newest first. */
    public List<ApiToken> list(String user) {
        return db.withHandle("listing API tokens", h -> h.createQuery("SELECT * FROM api_tokens"
                        + (user == null ? "" : " WHERE user_name = :u") + " ORDER BY created_at DESC")
                .bind("u", user).map((rs, ctx) -> read(rs)).list());
    }

    /** Revokes a token; it is refused from then on. */
    public void revoke(UUID id, String actor) {
        Instant now = Times.stored(clock.instant());
        db.useTransaction("revoking an API token", h -> {
            int n = h.createUpdate("UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                    .bind("now", Times.bind(now)).bind("id", id).execute();
            if (n == 0) {
                throw new SluiceException(ErrorKind.NOT_FOUND, "no active API token " + id);
            }
            audit.append(h, actor, AuditAction.API_TOKEN_REVOKED, null, null, "revoked API token " + id);
        });
    }

    private static ApiToken read(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getObject("id", UUID.class), rs.getString("user_name"), rs.getString("name"),
                Times.read(rs, "created_at"), Times.read(rs, "last_used_at"), Times.read(rs, "revoked_at"));
    }
}
