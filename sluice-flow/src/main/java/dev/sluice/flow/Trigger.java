package dev.sluice.flow;

import java.time.Duration;
import java.util.Objects;

/**
 * How the server starts a flow when its source changes: {@code trigger: new-or-updated} polls by change
 * tracking or watermark every {@code interval}. Immutable.
 */
public record Trigger(Kind kind, Duration interval) {
    /** Kinds of trigger. */
    public enum Kind { NEW_OR_UPDATED }

    /** Polling interval unless the file says otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

    public Trigger {
        Objects.requireNonNull(kind, "kind");
        interval = interval == null ? DEFAULT_INTERVAL : interval;
    }
}
