package dev.sluice.store;

import dev.sluice.store.internal.Checks;
import java.time.Instant;
import java.util.UUID;

/**
 * One audit record. Holds no secret: details name what changed, never a value. Immutable and thread-safe.
 *
 * @param id increasing id
 * @param at when it happened
 * @param actor who did it (a user name, or {@code system} for the engine itself)
 * @param action what was done
 * @param connectionId the connection concerned, or null
 * @param connectionName the connection's name at the time, or null
 * @param detail a short human-readable description
 */
public record AuditEvent(
        long id, Instant at, String actor, AuditAction action, UUID connectionId, String connectionName, String detail) {
    /** The actor of what the engine does on its own, such as refreshing a token. */
    public static final String SYSTEM = "system";

    public AuditEvent {
        Checks.required(at, "audit time");
        Checks.required(action, "audit action");
        actor = checkActor(actor);
        detail = detail == null ? "" : detail;
    }

    /** Checks an actor name: non-blank, at most 256 characters, no control characters. */
    public static String checkActor(String actor) {
        return Checks.text(actor, "actor", 256);
    }

    /** The position of this event, to list the events after it. */
    public AuditCursor cursor() {
        return new AuditCursor(at, id);
    }
}
