package dev.sluice.emulator.internal.identity;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Token lifetimes, changeable while running (test hooks). Thread-safe.
 */
public final class TokenPolicy {
    /** Entra ID: access tokens live a random 60–90 minutes by default (fact sheet §F.5). */
    static final int MIN_ACCESS_SECONDS = 3600;
    static final int MAX_ACCESS_SECONDS = 5400;
    /** Entra ID: refresh tokens expire after 90 days of inactivity (fact sheet §F.5). */
    static final Duration DEFAULT_REFRESH = Duration.ofDays(90);
    /** Entra ID: authorization codes live about 10 minutes (fact sheet §F.5). */
    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    /** Entra ID: device codes live 15 minutes, polled every 5 seconds (fact sheet §F.3). */
    static final Duration DEVICE_CODE_LIFETIME = Duration.ofMinutes(15);
    static final int DEVICE_INTERVAL_SECONDS = 5;
    /** ID tokens live one hour on the real service. */
    static final Duration ID_TOKEN_LIFETIME = Duration.ofHours(1);

    private volatile Duration accessLifetime;
    private volatile Duration refreshLifetime = DEFAULT_REFRESH;

    /** Seconds an access token issued now lives: the fixed lifetime if set, else random 3600–5400. */
    public long nextAccessSeconds() {
        Duration fixed = accessLifetime;
        return fixed != null ? fixed.toSeconds()
                : ThreadLocalRandom.current().nextInt(MIN_ACCESS_SECONDS, MAX_ACCESS_SECONDS + 1);
    }

    /** A fixed access token lifetime, or null for the real service's random 60–90 minutes. */
    public Duration accessLifetime() {
        return accessLifetime;
    }

    public void accessLifetime(Duration lifetime) {
        if (lifetime != null && (lifetime.isNegative() || lifetime.isZero())) {
            throw new IllegalArgumentException("the access token lifetime must be positive, got " + lifetime);
        }
        this.accessLifetime = lifetime;
    }

    public Duration refreshLifetime() {
        return refreshLifetime;
    }

    public void refreshLifetime(Duration lifetime) {
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("the refresh token lifetime must be positive, got " + lifetime);
        }
        this.refreshLifetime = lifetime;
    }
}
