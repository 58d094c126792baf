package dev.sluice.auth.internal;

import dev.sluice.auth.OAuthException;
import dev.sluice.auth.TokenPersistence;
import dev.sluice.auth.TokenSet;
import dev.sluice.store.RefreshResult;
import dev.sluice.store.TokenState;
import dev.sluice.store.TokenStore;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Keeps a connection's tokens in the engine store: reads them decrypted, and refreshes under the
 * store's row lock so exactly one process or node refreshes at a time. A failed refresh is recorded
 * (needs-authorization or error) in the same transaction and then rethrown. Thread-safe.
 */
public final class StoreTokenPersistence implements TokenPersistence {
    private final TokenStore tokens;
    private final UUID connectionId;

    public StoreTokenPersistence(TokenStore tokens, UUID connectionId) {
        this.tokens = tokens;
        this.connectionId = connectionId;
    }

    @Override
    public TokenSet load() {
        return tokens.get(connectionId).map(StoreTokenPersistence::toAuth).orElse(null);
    }

    @Override
    public TokenSet refreshLocked(UnaryOperator<TokenSet> refresher) {
        OAuthException[] failure = new OAuthException[1];
        TokenSet[] result = new TokenSet[1];
        tokens.refreshLocked(connectionId, (current, status) -> {
            TokenSet before = current.map(StoreTokenPersistence::toAuth).orElse(null);
            try {
                TokenSet after = refresher.apply(before);
                result[0] = after;
                return after == before ? RefreshResult.unchanged() : RefreshResult.refreshed(toStore(after));
            } catch (OAuthException e) {
                failure[0] = e;
                return RefreshResult.failed(e.needsAuthorization() ? TokenState.NEEDS_AUTHORIZATION : TokenState.ERROR,
                        e.getMessage());
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return result[0];
    }

    public static TokenSet toAuth(dev.sluice.store.TokenSet t) {
        return new TokenSet(t.accessToken(), t.refreshToken(), t.expiresAt(), t.scopes(), t.account(), t.obtainedAt());
    }

    public static dev.sluice.store.TokenSet toStore(TokenSet t) {
        return new dev.sluice.store.TokenSet(t.accessToken(), t.refreshToken(), t.expiresAt(), t.obtainedAt(),
                t.scopes(), t.account());
    }
}
