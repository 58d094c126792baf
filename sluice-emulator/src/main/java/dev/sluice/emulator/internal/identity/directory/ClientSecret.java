package dev.sluice.emulator.internal.identity.directory;

import dev.sluice.core.Secret;
import java.time.Instant;
import java.util.Objects;

/**
 * One client secret of an app registration. Immutable.
 *
 * @param value the secret value
 * @param expires when it stops working (AADSTS7000222 after), or null for never
 */
public record ClientSecret(Secret value, Instant expires) {
    public ClientSecret {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a client secret must not be empty");
        }
    }

    public boolean expiredAt(Instant now) {
        return expires != null && !now.isBefore(expires);
    }
}
