package dev.sluice.auth;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * A token someone brought: used as is until it expires, then every call fails with {@link
 * ErrorKind#AUTH} saying so. Immutable and thread-safe.
 */
public final class StaticTokenCredential implements TokenCredential {
    private final AccessToken token;
    private final String identity;
    private final Clock clock;

    public StaticTokenCredential(String identity, Secret token, Instant expiresAt, Clock clock) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.token = new AccessToken(token, expiresAt);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A token that never expires as far as Sluice knows (e.g. for the emulator's no-auth mode). */
    public static StaticTokenCredential of(String identity, String token) {
        return new StaticTokenCredential(identity, Secret.of(token), Instant.MAX, Clock.systemUTC());
    }

    @Override
    public AccessToken token() {
        if (!clock.instant().isBefore(token.expiresAt())) {
            throw new SluiceException(ErrorKind.AUTH, "the access token of '" + identity + "' expired at "
                    + token.expiresAt() + "; bring a new token or re-authorize the connection");
        }
        return token;
    }

    @Override
    public String identity() {
        return identity;
    }
}
