package dev.sluice.store;

import dev.sluice.core.Secret;
import dev.sluice.store.internal.Checks;
import dev.sluice.store.internal.ConnectionRows;
import dev.sluice.store.internal.Database;
import dev.sluice.store.internal.FieldCipher;
import dev.sluice.store.internal.Sealed;
import dev.sluice.store.internal.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tokens of each connection: access and refresh token stored only encrypted (connection id as associated
 * data), metadata in clear. {@link #refreshLocked} serialises refreshes across threads, processes and nodes
 * that share the database, with a row lock. Thread-safe.
 */
public final class TokenStore {
    private static final Logger LOG = LoggerFactory.getLogger(TokenStore.class);
    static final String ACCESS_SLOT = "token/access";
    static final String REFRESH_SLOT = "token/refresh";

    private final Database db;
    private final FieldCipher cipher;
    private final Clock clock;
    private final AuditStore audit;

    TokenStore(Database db, FieldCipher cipher, Clock clock, AuditStore audit) {
        this.db = db;
        this.cipher = cipher;
        this.clock = clock;
        this.audit = audit;
    }

    /** One row of {@code connection_tokens}, still encrypted. */
    private record Row(UUID connectionId, TokenState state, byte[] access, byte[] refresh, Instant expiresAt,
            Instant obtainedAt, String scopes, String account, boolean hasRefresh, Instant lastRefreshAt, String lastError) {}

    /** The token metadata of a connection; NOT_FOUND when the connection does not exist. */
    public TokenStatus status(UUID connectionId) {
        return statusOf(db.withHandle("reading token status of connection " + connectionId, h -> row(h, connectionId, false)));
    }

    /** The connection's tokens, decrypted; empty when none are held. */
    public Optional<TokenSet> get(UUID connectionId) {
        return tokens(db.withHandle("reading tokens of connection " + connectionId, h -> row(h, connectionId, false)));
    }

    /** Saves the tokens an authorization produced: state authorized, last error cleared; audits authorization.completed. */
    public void save(UUID connectionId, TokenSet tokens, String actor) {
        Checks.required(tokens, "tokens");
        AuditEvent.checkActor(actor);
        db.useTransaction("saving tokens of connection " + connectionId, h -> {
            Row before = row(h, connectionId, true);
            write(h, connectionId, tokens, before.lastRefreshAt());
            audit.append(h, actor, AuditAction.AUTHORIZATION_COMPLETED, connectionId, name(h, connectionId), describe(tokens));
        });
        LOG.info("tokens saved connectionId={} expiresAt={} refreshToken={}", connectionId, tokens.expiresAt(),
                tokens.refreshToken() != null);
    }

    /**
     * Records a failed authorization (the person did not consent, the code exchange failed): keeps the tokens and
     * state, sets the last error, audits authorization.failed. The error must not hold a secret.
     */
    public void recordAuthorizationFailure(UUID connectionId, String actor, String error) {
        AuditEvent.checkActor(actor);
        String text = Checks.text(error, "authorization error", 2000);
        db.useTransaction("recording an authorization failure of connection " + connectionId, h -> {
            row(h, connectionId, true);
            h.createUpdate("UPDATE connection_tokens SET last_error = :error, revision = revision + 1, updated_at = :now "
                            + "WHERE connection_id = :cid")
                    .bind("error", text).bind("now", Times.bind(clock.instant())).bind("cid", connectionId).execute();
            audit.append(h, actor, AuditAction.AUTHORIZATION_FAILED, connectionId, name(h, connectionId), text);
        });
    }

    /** Forgets the tokens: the connection needs authorization again; audited as a connection change. */
    public void delete(UUID connectionId, String actor) {
        AuditEvent.checkActor(actor);
        db.useTransaction("deleting tokens of connection " + connectionId, h -> {
            row(h, connectionId, true);
            clear(h, connectionId, clock.instant());
            audit.append(h, actor, AuditAction.CONNECTION_CHANGED, connectionId, name(h, connectionId), "deleted tokens");
        });
    }

    /** Forgets the connection's tokens inside the caller's transaction: state needs-authorization. */
    static void clear(Handle h, UUID connectionId, Instant now) {
        h.createUpdate("UPDATE connection_tokens SET state = :state, key_id = NULL, access_token = NULL, "
                        + "refresh_token = NULL, expires_at = NULL, obtained_at = NULL, scopes = '', account = NULL, "
                        + "has_refresh_token = FALSE, last_error = NULL, revision = revision + 1, updated_at = :now "
                        + "WHERE connection_id = :cid")
                .bind("state", TokenState.NEEDS_AUTHORIZATION.wireName()).bind("now", Times.bind(now))
                .bind("cid", connectionId).execute();
    }

    /**
     * Runs {@code work} in one transaction that holds a row lock on the connection's token row
     * ({@code SELECT … FOR UPDATE}), so exactly one thread, process or node refreshes at a time; the next one
     * waits and then sees the result. What the work returns is saved in the same transaction and audited as
     * token.refreshed or token.refresh-failed (actor {@code system}). Returns the tokens held afterwards.
     */
    public Optional<TokenSet> refreshLocked(UUID connectionId, RefreshWork work) {
        Checks.required(work, "refresh work");
        return db.inTransaction("refreshing the token of connection " + connectionId, h -> {
            Row current = row(h, connectionId, true);
            Optional<TokenSet> before = tokens(current);
            RefreshResult result = Checks.required(work.refresh(before, statusOf(current)), "refresh result");
            if (result instanceof RefreshResult.Refreshed refreshed) {
                TokenSet tokens = refreshed.tokens();
                write(h, connectionId, tokens, Times.stored(clock.instant()));
                audit.append(h, AuditEvent.SYSTEM, AuditAction.TOKEN_REFRESHED, connectionId, name(h, connectionId),
                        describe(tokens));
                LOG.info("token refreshed connectionId={} expiresAt={}", connectionId, tokens.expiresAt());
                return Optional.of(tokens);
            }
            if (result instanceof RefreshResult.Failed failed) {
                boolean dropRefresh = failed.state() == TokenState.NEEDS_AUTHORIZATION;
                h.createUpdate("UPDATE connection_tokens SET state = :state, last_error = :error, revision = revision + 1, "
                                + "updated_at = :now" + (dropRefresh ? ", refresh_token = NULL, has_refresh_token = FALSE" : "")
                                + " WHERE connection_id = :cid")
                        .bind("state", failed.state().wireName()).bind("error", failed.error())
                        .bind("now", Times.bind(clock.instant())).bind("cid", connectionId).execute();
                audit.append(h, AuditEvent.SYSTEM, AuditAction.TOKEN_REFRESH_FAILED, connectionId, name(h, connectionId),
                        failed.state().wireName() + ": " + failed.error());
                LOG.warn("token refresh failed connectionId={} state={}", connectionId, failed.state().wireName());
                return dropRefresh ? before.map(t -> t.withRefreshToken(null)) : before;
            }
            return before;
        });
    }

    private void write(Handle h, UUID connectionId, TokenSet tokens, Instant lastRefreshAt) {
        Sealed access = cipher.seal(connectionId, ACCESS_SLOT, tokens.accessToken().reveal());
        Sealed refresh = tokens.refreshToken() == null ? null : cipher.seal(connectionId, REFRESH_SLOT, tokens.refreshToken().reveal());
        h.createUpdate("UPDATE connection_tokens SET state = :state, key_id = :key, access_token = :access, "
                        + "refresh_token = :refresh, expires_at = :expires, obtained_at = :obtained, scopes = :scopes, "
                        + "account = :account, has_refresh_token = :hasRefresh, last_refresh_at = :lastRefresh, "
                        + "last_error = NULL, revision = revision + 1, updated_at = :now WHERE connection_id = :cid")
                .bind("state", TokenState.AUTHORIZED.wireName())
                .bind("key", access.keyId())
                .bind("access", access.ciphertext())
                .bind("refresh", refresh == null ? null : refresh.ciphertext())
                .bind("expires", Times.bind(tokens.expiresAt()))
                .bind("obtained", Times.bind(tokens.obtainedAt()))
                .bind("scopes", ConnectionRows.joinScopes(tokens.scopes()))
                .bind("account", tokens.account())
                .bind("hasRefresh", refresh != null)
                .bind("lastRefresh", Times.bind(lastRefreshAt))
                .bind("now", Times.bind(clock.instant()))
                .bind("cid", connectionId)
                .execute();
    }

    private Row row(Handle h, UUID connectionId, boolean lock) {
        return h.createQuery("SELECT * FROM connection_tokens WHERE connection_id = :cid" + (lock ? " FOR UPDATE" : ""))
                .bind("cid", connectionId)
                .map((rs, ctx) -> read(rs))
                .findOne()
                .orElseThrow(() -> ConnectionStore.notFound(connectionId));
    }

    private static Row read(ResultSet rs) throws SQLException {
        return new Row(rs.getObject("connection_id", UUID.class), TokenState.fromWireName(rs.getString("state")),
                rs.getBytes("access_token"), rs.getBytes("refresh_token"), Times.read(rs, "expires_at"),
                Times.read(rs, "obtained_at"), rs.getString("scopes"), rs.getString("account"),
                rs.getBoolean("has_refresh_token"), Times.read(rs, "last_refresh_at"), rs.getString("last_error"));
    }

    private Optional<TokenSet> tokens(Row row) {
        if (row.access() == null) {
            return Optional.empty();
        }
        Secret access = Secret.of(cipher.openString(row.connectionId(), ACCESS_SLOT, row.access()));
        Secret refresh = row.refresh() == null ? null : Secret.of(cipher.openString(row.connectionId(), REFRESH_SLOT, row.refresh()));
        return Optional.of(new TokenSet(access, refresh, row.expiresAt(), row.obtainedAt(),
                ConnectionRows.splitScopes(row.scopes()), row.account()));
    }

    private TokenStatus statusOf(Row row) {
        TokenState state = row.state();
        if (state == TokenState.AUTHORIZED && !row.hasRefresh() && row.expiresAt() != null
                && !clock.instant().isBefore(row.expiresAt())) {
            state = TokenState.EXPIRED;
        }
        return new TokenStatus(row.connectionId(), state, row.account(), ConnectionRows.splitScopes(row.scopes()),
                row.obtainedAt(), row.expiresAt(), row.hasRefresh(), row.lastRefreshAt(), row.lastError());
    }

    private static String name(Handle h, UUID connectionId) {
        return h.createQuery("SELECT name FROM connections WHERE id = :id").bind("id", connectionId)
                .mapTo(String.class).findOne().orElse(null);
    }

    private static String describe(TokenSet tokens) {
        return "access token expires at " + tokens.expiresAt() + ", refresh token " + (tokens.refreshToken() == null ? "none" : "held")
                + ", scopes " + String.join(" ", tokens.scopes()) + (tokens.account() == null ? "" : ", account " + tokens.account());
    }
}
