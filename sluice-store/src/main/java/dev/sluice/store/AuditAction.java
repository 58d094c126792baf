package dev.sluice.store;

import dev.sluice.store.internal.Checks;

/** What an audit event records. Immutable and thread-safe. */
public enum AuditAction {
    CONNECTION_CREATED("connection.created"),
    CONNECTION_CHANGED("connection.changed"),
    CONNECTION_DELETED("connection.deleted"),
    AUTHORIZATION_BEGUN("authorization.begun"),
    AUTHORIZATION_COMPLETED("authorization.completed"),
    AUTHORIZATION_FAILED("authorization.failed"),
    TOKEN_REFRESHED("token.refreshed"),
    TOKEN_REFRESH_FAILED("token.refresh-failed");

    private final String wireName;

    AuditAction(String wireName) {
        this.wireName = wireName;
    }

    /** The name stored and shown, e.g. {@code connection.created}. */
    public String wireName() {
        return wireName;
    }

    /** The action with this wire name, or an INVALID_INPUT error. */
    public static AuditAction fromWireName(String name) {
        for (AuditAction action : values()) {
            if (action.wireName.equals(name)) {
                return action;
            }
        }
        throw Checks.invalid("unknown audit action '" + name + "'");
    }
}
