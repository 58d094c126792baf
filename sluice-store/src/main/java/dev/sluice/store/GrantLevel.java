package dev.sluice.store;

import dev.sluice.store.internal.Checks;

/**
 * What a user may do with one connection; each level includes the ones before it. No grant means nothing, not even
 * seeing the connection. Immutable and thread-safe.
 */
public enum GrantLevel {
    /** See the connection and its status. */
    VIEW("view"),
    /** Read rows through it. */
    READ("read"),
    /** Create, update, upsert and delete rows through it. */
    WRITE("write"),
    /** Edit, authorize, re-authorize, sign out, delete, and grant. */
    MANAGE("manage");

    private final String wireName;

    GrantLevel(String wireName) {
        this.wireName = wireName;
    }

    /** The name stored and shown, e.g. {@code read}. */
    public String wireName() {
        return wireName;
    }

    /** Whether this level includes {@code other}. */
    public boolean includes(GrantLevel other) {
        return compareTo(other) >= 0;
    }

    /** The level with this wire name, or an INVALID_INPUT error listing them. */
    public static GrantLevel fromWireName(String name) {
        for (GrantLevel level : values()) {
            if (level.wireName.equals(name)) {
                return level;
            }
        }
        throw Checks.invalid("unknown grant level '" + name + "'; use view, read, write or manage");
    }
}
