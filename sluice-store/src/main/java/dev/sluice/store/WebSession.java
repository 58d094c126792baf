package dev.sluice.store;

import java.time.Instant;

/**
 * A signed-in browser session: whose it is and the CSRF token its forms must carry. The session id itself is never
 * kept, only its hash; {@code toString} hides the CSRF token. Immutable and thread-safe.
 *
 * @param user who is signed in
 * @param csrfToken the token every state-changing request of this session must carry
 * @param expiresAt when the session ends
 */
public record WebSession(String user, String csrfToken, Instant expiresAt) {
    @Override
    public String toString() {
        return "WebSession[user=" + user + ", expiresAt=" + expiresAt + "]";
    }
}
