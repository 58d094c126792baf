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
    TOKEN_REFRESH_FAILED("token.refresh-failed"),
    CONNECTION_TESTED("connection.tested"),
    USER_CREATED("user.created"),
    USER_CHANGED("user.changed"),
    USER_DELETED("user.deleted"),
    USER_SIGNED_IN("user.signed-in"),
    USER_SIGN_IN_FAILED("user.sign-in-failed"),
    USER_SIGNED_OUT("user.signed-out"),
    GRANT_CHANGED("grant.changed"),
    GRANT_REVOKED("grant.revoked"),
    API_TOKEN_CREATED("api-token.created"),
    API_TOKEN_REVOKED("api-token.revoked"),
    DATA_QUERIED("data.queried"),
    DATA_READ("data.read"),
    DATA_CREATED("data.created"),
    DATA_UPDATED("data.updated"),
    DATA_UPSERTED("data.upserted"),
    DATA_DELETED("data.deleted"),
    DATA_IMPORTED("data.imported"),
    FLOW_UPLOADED("flow.uploaded"),
    FLOW_RUN("flow.run"),
    FLOW_DEAD_LETTERS_RETRIED("flow.dead-letters-retried"),
    FLOW_SAVED("flow.saved"),
    DATABASE_CREATED("database.created"),
    DATABASE_DELETED("database.deleted"),
    DATABASE_TABLE_CREATED("database.table-created"),
    OUTBOUND_HOST_ALLOWED("outbound.allowed"),
    OUTBOUND_HOST_REMOVED("outbound.removed");

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
