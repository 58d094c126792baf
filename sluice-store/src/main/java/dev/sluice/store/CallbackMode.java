package dev.sluice.store;

import dev.sluice.store.internal.Checks;

/** Where the browser comes back to after an authorization-code consent. Immutable and thread-safe. */
public enum CallbackMode {
    /** A one-shot receiver on 127.0.0.1 with a random port (RFC 8252), for the CLI. */
    LOOPBACK("loopback"),
    /** The Sluice server's own callback endpoint. */
    SERVER("server");

    private final String wireName;

    CallbackMode(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in configuration and the database: {@code loopback} or {@code server}. */
    public String wireName() {
        return wireName;
    }

    /** The mode with this wire name, or an INVALID_INPUT error. */
    public static CallbackMode fromWireName(String name) {
        for (CallbackMode mode : values()) {
            if (mode.wireName.equals(name)) {
                return mode;
            }
        }
        throw Checks.invalid("unknown callback mode '" + name + "'; use loopback or server");
    }
}
