package dev.sluice.store;

import dev.sluice.store.internal.Checks;

/** Where a connection's tokens stand. Immutable and thread-safe. */
public enum TokenState {
    /** Tokens are held and usable (or refreshable). */
    AUTHORIZED("authorized"),
    /** No usable grant: someone must authorize the connection (again). */
    NEEDS_AUTHORIZATION("needs-authorization"),
    /** The access token has expired and there is no refresh token to renew it. */
    EXPIRED("expired"),
    /** The last attempt to get or refresh a token failed in a way that may pass. */
    ERROR("error");

    private final String wireName;

    TokenState(String wireName) {
        this.wireName = wireName;
    }

    /** The name stored and shown, e.g. {@code needs-authorization}. */
    public String wireName() {
        return wireName;
    }

    /** The state with this wire name, or an INVALID_INPUT error. */
    public static TokenState fromWireName(String name) {
        for (TokenState state : values()) {
            if (state.wireName.equals(name)) {
                return state;
            }
        }
        throw Checks.invalid("unknown token state '" + name + "'");
    }
}
