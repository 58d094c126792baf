package dev.sluice.store;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import dev.sluice.store.internal.Database;
import dev.sluice.store.internal.StateHash;
import dev.sluice.store.internal.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * API tokens for programs. Only a SHA-256 digest of each token is kept (the caller makes the token from 256 random
 * bits and shows it once). A token acts with its owner's role and grants, narrowed by its scopes and connections;
 * it stops working when it expires or is revoked, and revoking a token revokes every token it created. Thread-safe.
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

    /**
     * Records a new token by its hash. A token created by another ({@code parentId}) is refused unless the parent is
     * active at this moment (the parent's row is locked, so a revocation cannot slip between).
     */
    public ApiToken create(NewApiToken spec, Secret token, String actor) {
        Instant now = Times.stored(clock.instant());
        if (!spec.expiresAt().isAfter(now)) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "the token's expiry " + spec.expiresAt()
                    + " is not in the future");
        }
        ApiToken created = new ApiToken(UUID.randomUUID(), spec.user(), spec.name(), spec.scopes(), spec.connections(),
                Times.stored(spec.expiresAt()), spec.parentId(), now, null, null);
        db.useTransaction("creating an API token", h -> {
            if (spec.parentId() != null) {
                ApiToken parent = h.createQuery("SELECT * FROM api_tokens WHERE id = :id FOR UPDATE")
                        .bind("id", spec.parentId()).map((rs, ctx) -> read(rs)).findOne().orElse(null);
                if (parent == null || !parent.activeAt(now)) {
                    throw new SluiceException(ErrorKind.AUTH, "the API token creating this one is revoked or expired");
                }
            }
            var insert = h.createUpdate("INSERT INTO api_tokens (id, user_name, name, token_hash, created_at, scopes, "
                            + "connection_ids, expires_at, parent_id) VALUES (:id, :u, :name, :hash, :now, :scopes, "
                            + ":connections, :expires, :parent)")
                    .bind("id", created.id()).bind("u", spec.user()).bind("name", spec.name())
                    .bind("hash", StateHash.of(token)).bind("now", Times.bind(now))
                    .bind("scopes", TokenScope.join(spec.scopes()))
                    .bind("connections", spec.connections().isEmpty() ? null : spec.connections().stream()
                            .map(UUID::toString).sorted().collect(Collectors.joining(" ")))
                    .bind("expires", Times.bind(created.expiresAt()));
            dev.sluice.store.internal.ConnectionRows.bindUuid(insert, "parent", spec.parentId()).execute();
            audit.append(h, actor, AuditAction.API_TOKEN_CREATED, null, null, "created API token '" + spec.name()
                    + "' (" + created.id() + ") for '" + spec.user() + "', scopes " + TokenScope.join(spec.scopes())
                    + (spec.connections().isEmpty() ? "" : ", limited to " + spec.connections().size()
                            + " connection(s)") + ", expires " + created.expiresAt()
                    + (spec.parentId() == null ? "" : ", created by token " + spec.parentId()));
        });
        return created;
    }

    /** How stale a token's stored last use may get: noting every use was a database write per API request. */
    static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    /**
     * The active, unexpired token matching this value, noting its use (stored to the {@link #LAST_USE_PRECISION
     * minute}, so a client calling many times a second does not write once per call); empty when unknown, revoked
     * or expired.
     */
    public Optional<ApiToken> authenticate(Secret token) {
        String hash = StateHash.of(token);
        Instant now = Times.stored(clock.instant());
        return db.inTransaction("checking an API token", h -> {
            Optional<ApiToken> found = h.createQuery("SELECT * FROM api_tokens WHERE token_hash = :hash "
                            + "AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now)")
                    .bind("hash", hash).bind("now", Times.bind(now)).map((rs, ctx) -> read(rs)).findOne();
            found.filter(t -> t.lastUsedAt() == null || !t.lastUsedAt().plus(LAST_USE_PRECISION).isAfter(now))
                    .ifPresent(t -> h.createUpdate("UPDATE api_tokens SET last_used_at = :now WHERE id = :id")
                            .bind("now", Times.bind(now)).bind("id", t.id()).execute());
            return found.map(t -> new ApiToken(t.id(), t.user(), t.name(), t.scopes(), t.connections(), t.expiresAt(),
                    t.parentId(), t.createdAt(), now, t.revokedAt()));
        });
    }

    /** The token with this id. */
    public Optional<ApiToken> get(UUID id) {
        return db.withHandle("reading an API token", h -> h.createQuery("SELECT * FROM api_tokens WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> read(rs)).findOne());
    }

    /** The user's tokens (or everyone's for null), newest first. */
    public List<ApiToken> list(String user) {
        return db.withHandle("listing API tokens", h -> {
            var q = h.createQuery("SELECT * FROM api_tokens" + (user == null ? "" : " WHERE user_name = :u")
                    + " ORDER BY created_at DESC, id");
            if (user != null) {
                q.bind("u", user);
            }
            return q.map((rs, ctx) -> read(rs)).list();
        });
    }

    /**
     * Revokes a token and every token it created, and those they created, in one transaction; returns the ids
     * revoked (the token first). NOT_FOUND when the token is unknown or already revoked.
     */
    public List<UUID> revoke(UUID id, String actor) {
        Instant now = Times.stored(clock.instant());
        return db.inTransaction("revoking an API token", h -> {
            int n = h.createUpdate("UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                    .bind("now", Times.bind(now)).bind("id", id).execute();
            if (n == 0) {
                throw new SluiceException(ErrorKind.NOT_FOUND, "no active API token " + id);
            }
            List<UUID> revoked = new ArrayList<>(List.of(id));
            revoked.addAll(revokeDescendants(h, id, now));
            audit.append(h, actor, AuditAction.API_TOKEN_REVOKED, null, null, "revoked API token " + id
                    + (revoked.size() > 1 ? " and the " + (revoked.size() - 1) + " token(s) it created" : ""));
            return revoked;
        });
    }

    /** Every token created (directly or not) by {@code root}, revoked now when still active. */
    private static List<UUID> revokeDescendants(Handle h, UUID root, Instant now) {
        Set<UUID> seen = new LinkedHashSet<>();
        Deque<UUID> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            UUID parent = todo.removeFirst();
            for (UUID child : h.createQuery("SELECT id FROM api_tokens WHERE parent_id = :p").bind("p", parent)
                    .mapTo(UUID.class).list()) {
                if (seen.add(child)) {
                    todo.addLast(child);
                }
            }
        }
        List<UUID> revoked = new ArrayList<>();
        for (UUID child : seen) {
            if (h.createUpdate("UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                    .bind("now", Times.bind(now)).bind("id", child).execute() > 0) {
                revoked.add(child);
            }
        }
        return revoked;
    }

    private static ApiToken read(ResultSet rs) throws SQLException {
        String ids = rs.getString("connection_ids");
        Set<UUID> connections = ids == null || ids.isBlank() ? Set.of()
                : Arrays.stream(ids.split(" ")).map(UUID::fromString).collect(Collectors.toSet());
        return new ApiToken(rs.getObject("id", UUID.class), rs.getString("user_name"), rs.getString("name"),
                TokenScope.parse(rs.getString("scopes")), connections, Times.read(rs, "expires_at"),
                rs.getObject("parent_id", UUID.class), Times.read(rs, "created_at"), Times.read(rs, "last_used_at"),
                Times.read(rs, "revoked_at"));
    }
}
