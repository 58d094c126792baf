package dev.sluice.server.internal;

import dev.sluice.core.Secret;
import dev.sluice.store.ApiToken;
import dev.sluice.store.TokenScope;
import dev.sluice.store.User;
import dev.sluice.store.WebSession;

/**
 * Who sent a request, and how they proved it: a browser session (cookie) or an API token (Bearer). A token acts
 * with its owner's role and grants narrowed by its scopes (see {@link Access}). Immutable.
 *
 * @param user the signed-in user
 * @param session the browser session, or null for an API token
 * @param sessionId the session cookie's value, or null
 * @param token the API token used, or null for a session
 */
public record Caller(User user, WebSession session, Secret sessionId, ApiToken token) {
    /** Context attribute holding the caller. */
    public static final String ATTRIBUTE = "sluice.caller";

    public String name() {
        return user.name();
    }

    /** Whether this request may use the admin role: an admin's session, or an admin's token with the admin scope. */
    public boolean isAdmin() {
        return user.isAdmin() && (token == null || token.has(TokenScope.ADMIN));
    }

    /** Whether this request may do what {@code scope} covers (a session may do everything its user may). */
    public boolean has(TokenScope scope) {
        return token == null || token.has(scope);
    }

    /** Whether a cookie authenticated this request (so it needs a CSRF token when it changes state). */
    public boolean viaCookie() {
        return session != null;
    }
}
