package dev.sluice.store;

import dev.sluice.store.internal.Checks;

/** What a Sluice server user may do beyond their per-connection grants. Immutable and thread-safe. */
public enum Role {
    /** Everything: users, every connection, the audit log. */
    ADMIN("admin"),
    /** Only what their grants allow. */
    MEMBER("member");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** The name stored and shown: {@code admin} or {@code member}. */
    public String wireName() {
        return wireName;
    }

    /** The role with this wire name, or an INVALID_INPUT error. */
    public static Role fromWireName(String name) {
        for (Role role : values()) {
            if (role.wireName.equals(name)) {
                return role;
            }
        }
        throw Checks.invalid("unknown role '" + name + "'; use admin or member");
    }
}
