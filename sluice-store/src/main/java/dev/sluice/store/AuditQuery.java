package dev.sluice.store;

import dev.sluice.store.internal.Checks;
import java.time.Instant;
import java.util.UUID;

/**
 * Which audit events to list, newest first, one page at a time. Null filters match everything. Immutable and
 * thread-safe.
 *
 * @param connectionId only this connection's events, or null
 * @param actor only this actor's events, or null
 * @param action only this action, or null
 * @param from only events at or after this time, or null
 * @param to only events before this time, or null
 * @param pageSize events per page, 1..1000
 * @param after continue after this event (from the previous page), or null for the first page
 */
public record AuditQuery(
        UUID connectionId, String actor, AuditAction action, Instant from, Instant to, int pageSize, AuditCursor after) {
    /** Default page size. */
    public static final int DEFAULT_PAGE_SIZE = 100;
    /** Largest page: bounds the memory one call takes. */
    public static final int MAX_PAGE_SIZE = 1000;

    public AuditQuery {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw Checks.invalid("audit page size must be 1.." + MAX_PAGE_SIZE + ", got " + pageSize);
        }
        if (actor != null) {
            actor = AuditEvent.checkActor(actor);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw Checks.invalid("audit time range is empty: from " + from + " is not before to " + to);
        }
    }

    /** Every event, newest first, 100 per page. */
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, DEFAULT_PAGE_SIZE, null);
    }

    /** Only this connection's events. */
    public AuditQuery connection(UUID id) {
        return new AuditQuery(id, actor, action, from, to, pageSize, after);
    }

    /** Only this actor's events. */
    public AuditQuery actor(String name) {
        return new AuditQuery(connectionId, name, action, from, to, pageSize, after);
    }

    /** Only this action. */
    public AuditQuery action(AuditAction what) {
        return new AuditQuery(connectionId, actor, what, from, to, pageSize, after);
    }

    /** Only events in {@code [start, end)}; either may be null. */
    public AuditQuery between(Instant start, Instant end) {
        return new AuditQuery(connectionId, actor, action, start, end, pageSize, after);
    }

    /** This many events per page. */
    public AuditQuery pageSize(int size) {
        return new AuditQuery(connectionId, actor, action, from, to, size, after);
    }

    /** The page after this cursor. */
    public AuditQuery after(AuditCursor cursor) {
        return new AuditQuery(connectionId, actor, action, from, to, pageSize, cursor);
    }
}
