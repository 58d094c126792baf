package dev.sluice.auth;

import dev.sluice.core.Backoff;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.Sleeper;
import dev.sluice.core.SluiceException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's credential: caches its tokens in memory and in a {@link TokenPersistence}, refreshes
 * them ahead of expiry — with the refresh token, or by client credentials — and lets exactly one
 * refresh run at a time (a lock in this JVM, the persistence's row lock across processes). A rotated
 * refresh token is saved before the new access token is used. A passing identity-provider failure is
 * retried while the current token is still valid; {@code invalid_grant} marks the connection as
 * needing authorization and stops. Thread-safe.
 */
public final class RefreshingTokenCredential implements TokenCredential {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshingTokenCredential.class);
    /** A passing failure is tried again twice, after about 0.5 s and 1 s. */
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(1));
    private static final int MAX_ATTEMPTS = 3;

    private final String identity;
    private final TokenClient tokens;
    private final List<String> scopes;
    private final boolean clientCredentials;
    private final TokenPersistence persistence;
    private final Clock clock;
    private final Duration skew;
    private final Sleeper sleeper;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile TokenSet cached;

    /**
     * @param clientCredentials acquire new tokens with the client's own credentials (no refresh token)
     * @param skew refresh this long before expiry
     */
    public RefreshingTokenCredential(String identity, TokenClient tokens, List<String> scopes,
            boolean clientCredentials, TokenPersistence persistence, Clock clock, Duration skew) {
        this(identity, tokens, scopes, clientCredentials, persistence, clock, skew, Sleeper.SYSTEM);
    }

    /**
     * @param clientCredentials acquire new tokens with the client's own credentials (no refresh token)
     * @param skew refresh this long before expiry
     * @param sleeper waits between attempts when the identity provider fails in a passing way
     */
    public RefreshingTokenCredential(String identity, TokenClient tokens, List<String> scopes,
            boolean clientCredentials, TokenPersistence persistence, Clock clock, Duration skew, Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper);
        this.identity = Objects.requireNonNull(identity);
        this.tokens = Objects.requireNonNull(tokens);
        this.scopes = List.copyOf(scopes);
        this.clientCredentials = clientCredentials;
        this.persistence = Objects.requireNonNull(persistence);
        this.clock = Objects.requireNonNull(clock);
        this.skew = Objects.requireNonNull(skew);
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public AccessToken token() {
        TokenSet t = cached;
        if (t != null && !t.access().expiresWithin(skew, clock.instant())) {
            return t.access();
        }
        return refresh(t, false).access();
    }

    @Override
    public AccessToken refreshAfterRejection(AccessToken rejected) {
        return refresh(cached, true, rejected).access();
    }

    private TokenSet refresh(TokenSet seen, boolean force) {
        return refresh(seen, force, null);
    }

    private TokenSet refresh(TokenSet seen, boolean force, AccessToken rejected) {
        lock.lock();
        try {
            TokenSet now = cached;
            if (now != null && now != seen && !now.access().expiresWithin(skew, clock.instant())) {
                return now; // another thread refreshed while we waited
            }
            if (now == null) {
                now = persistence.load();
                if (now != null && !force && !now.access().expiresWithin(skew, clock.instant())) {
                    cached = now;
                    return now;
                }
            }
            TokenSet result = persistence.refreshLocked(current -> {
                if (current != null && !current.access().expiresWithin(skew, clock.instant())
                        && !(force && rejected != null && current.accessToken().equals(rejected.value()))) {
                    return current; // another process refreshed; use its tokens
                }
                boolean refused = rejected != null && current != null
                        && current.accessToken().equals(rejected.value());
                return acquire(current, refused);
            });
            cached = result;
            return result;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Gets new tokens; retries passing failures while the current token is still valid, and falls back to it
     * then, unless the service has just refused it ({@code refused}).
     */
    private TokenSet acquire(TokenSet current, boolean refused) {
        if (!clientCredentials && (current == null || current.refreshToken() == null)) {
            throw new OAuthException(ErrorKind.AUTH, "needs_authorization", 0, "connection '" + identity
                    + "' has no refresh token; sign in again (sluice auth login " + identity + ")");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                TokenSet fresh = clientCredentials ? tokens.clientCredentials(scopes)
                        : tokens.refresh(current.refreshToken(), scopes);
                TokenSet next = current == null ? fresh : current.refreshedWith(fresh);
                LOG.atInfo().addKeyValue("connection", identity).addKeyValue("expiresAt", next.expiresAt())
                        .log("token refreshed");
                return next;
            } catch (OAuthException e) {
                if (e.needsAuthorization()) {
                    throw new OAuthException(ErrorKind.AUTH, e.error(), e.status(), "connection '" + identity
                            + "' needs authorization: " + e.getMessage() + "; sign in again (sluice auth login "
                            + identity + ")");
                }
                boolean stillValid = current != null && !refused && clock.instant().isBefore(current.expiresAt());
                if (e.kind() == ErrorKind.TRANSIENT && stillValid) {
                    if (attempt >= MAX_ATTEMPTS) {
                        LOG.atWarn().addKeyValue("connection", identity).addKeyValue("attempt", attempt)
                                .log("identity provider unavailable; using the current token until it expires");
                        return current;
                    }
                } else if (e.kind() != ErrorKind.TRANSIENT || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                pause(BACKOFF.delay(attempt), e);
            }
        }
    }

    private void pause(Duration d, OAuthException failure) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedIOException e) {
            SluiceException interrupted = new SluiceException(ErrorKind.TRANSIENT,
                    "interrupted while waiting to refresh a token", e);
            interrupted.addSuppressed(failure);
            throw interrupted;
        }
    }
}
