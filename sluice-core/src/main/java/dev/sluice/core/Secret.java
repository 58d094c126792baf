package dev.sluice.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential value (password, client secret, token). {@link #toString()} prints {@code ***};
 * {@link #equals(Object)} is constant-time; the value comes out only through {@link #reveal()}, at
 * the wire. Immutable and thread-safe.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** Wraps a value; rejects null. */
    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The clear value. Call only where it goes on the wire or into encryption. */
    public String reveal() {
        return value;
    }

    /** Whether the value is empty. */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // constant: a hash would leak information about the value
    }

    @Override
    public String toString() {
        return "***";
    }
}
