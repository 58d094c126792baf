package dev.sluice.auth;

import java.util.function.UnaryOperator;

/**
 * Where a credential keeps its tokens between uses and across processes. The store-backed
 * implementation holds a database row lock during {@link #refreshLocked}, so one process or node at a
 * time refreshes a connection's tokens. Implementations are thread-safe.
 */
public interface TokenPersistence {
    /** The saved tokens, or null when there are none. */
    TokenSet load();

    /**
     * Runs {@code refresher} on the latest saved tokens while holding the connection's lock, saves what
     * it returns (before returning it) and releases the lock. The refresher may return its input when
     * another process already refreshed. When it throws an {@link OAuthException}, the failure is
     * recorded (needs-authorization when {@link OAuthException#needsAuthorization()}) and rethrown.
     */
    TokenSet refreshLocked(UnaryOperator<TokenSet> refresher);

    /** A persistence that keeps tokens in memory only (one JVM). */
    static TokenPersistence inMemory(TokenSet initial) {
        return new TokenPersistence() {
            private TokenSet tokens = initial;

            @Override
            public synchronized TokenSet load() {
                return tokens;
            }

            @Override
            public synchronized TokenSet refreshLocked(UnaryOperator<TokenSet> refresher) {
                tokens = refresher.apply(tokens);
                return tokens;
            }
        };
    }
}
