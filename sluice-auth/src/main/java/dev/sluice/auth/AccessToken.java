package dev.sluice.auth;

import dev.sluice.core.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A bearer access token and when it expires. The value is a {@link Secret}; {@link #toString()}
 * shows only the expiry. Immutable.
 */
public record AccessToken(Secret value, Instant expiresAt) {
    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the token expires within {@code skew} of {@code now} (or has already). */
    public boolean expiresWithin(Duration skew, Instant now) {
        return !now.plus(skew).isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "AccessToken[expiresAt=" + expiresAt + "]";
    }
}
