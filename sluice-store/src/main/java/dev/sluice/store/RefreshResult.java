package dev.sluice.store;

import dev.sluice.store.internal.Checks;

/**
 * What a {@link RefreshWork} decided; {@link TokenStore#refreshLocked} saves it in the same transaction.
 * Immutable and thread-safe.
 */
public sealed interface RefreshResult {
    /** New tokens to save; the state becomes authorized and the last error is cleared. */
    record Refreshed(TokenSet tokens) implements RefreshResult {
        public Refreshed {
            Checks.required(tokens, "tokens");
        }
    }

    /** Nothing to save: e.g. another process refreshed just before and the current token is good. */
    record Unchanged() implements RefreshResult {}

    /**
     * The refresh failed. {@link TokenState#NEEDS_AUTHORIZATION} (e.g. {@code invalid_grant}) also drops the
     * refresh token, which is known to be useless; {@link TokenState#ERROR} keeps the tokens for a retry.
     */
    record Failed(TokenState state, String error) implements RefreshResult {
        public Failed {
            if (state != TokenState.NEEDS_AUTHORIZATION && state != TokenState.ERROR) {
                throw Checks.invalid("a failed refresh leaves the state needs-authorization or error, not " + state);
            }
            error = Checks.text(error, "refresh error", 2000);
        }
    }

    /** New tokens to save. */
    static RefreshResult refreshed(TokenSet tokens) {
        return new Refreshed(tokens);
    }

    /** Nothing to save. */
    static RefreshResult unchanged() {
        return new Unchanged();
    }

    /** A failure to record. */
    static RefreshResult failed(TokenState state, String error) {
        return new Failed(state, error);
    }
}
