package dev.sluice.store;

import java.util.List;
import java.util.Optional;

/**
 * One page of audit events, newest first, and the query for the next page if there is one. Immutable and
 * thread-safe.
 *
 * @param events the events on this page
 * @param next the query for the next page, or null when this is the last
 */
public record AuditPage(List<AuditEvent> events, AuditQuery next) {
    public AuditPage {
        events = List.copyOf(events);
    }

    /** The query for the next page, if any. */
    public Optional<AuditQuery> nextPage() {
        return Optional.ofNullable(next);
    }
}
