package dev.sluice.flow;

import dev.sluice.flow.internal.DurationText;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A declarative flow: what to read, how to map each record, where to write it, and what to do with a bad
 * record. Parsed from YAML by {@link FlowParser}; checked against real schemas by {@link FlowValidator}.
 * Immutable and thread-safe.
 *
 * @param name the flow's name ({@code flow:}); names its checkpoint, runs and dead letters
 * @param source what to read
 * @param mappings target column ← source value, in file order
 * @param target where to write
 * @param errors what to do with a record that cannot be mapped or written
 * @param schedule when the server runs it ({@code every 15m}, or {@code cron 0 6 * * 1-5} in UTC), or null
 * @param connections connections declared in the file, by name (others come from the engine store)
 */
public record FlowDefinition(String name, SourceSpec source, List<ColumnMapping> mappings, TargetSpec target,
        ErrorPolicy errors, String schedule, Map<String, ConnectionSpec> connections) {
    public FlowDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        mappings = List.copyOf(mappings);
        errors = errors == null ? ErrorPolicy.DEAD_LETTER : errors;
        connections = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(connections == null ? Map.of() : connections));
    }

    /** How often the server runs it ({@code every 15m} gives 15 minutes), or empty without such a schedule. */
    public Optional<Duration> scheduleInterval() {
        return schedule == null ? Optional.empty() : Optional.ofNullable(DurationText.parse(schedule));
    }

    /** When the server runs it by a cron expression ({@code cron 0 6 * * 1-5}), or empty without one. */
    public Optional<CronExpression> scheduleCron() {
        return schedule == null || !schedule.strip().startsWith("cron ") ? Optional.empty()
                : Optional.of(CronExpression.parse(schedule.strip().substring(5)));
    }
}
