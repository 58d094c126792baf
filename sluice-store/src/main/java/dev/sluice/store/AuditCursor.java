package dev.sluice.store;

import dev.sluice.store.internal.Checks;
import java.time.Instant;

/**
 * A position in the newest-first audit list: the events listed next are older than this one. Immutable and
 * thread-safe.
 *
 * @param at the time of the last event seen
 * @param id the id of the last event seen
 */
public record AuditCursor(Instant at, long id) {
    public AuditCursor {
        Checks.required(at, "cursor time");
    }
}
