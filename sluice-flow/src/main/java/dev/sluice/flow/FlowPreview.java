package dev.sluice.flow;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SearchRequest;
import dev.sluice.core.SluiceException;
import dev.sluice.flow.internal.Expression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The first records of a checked flow's source and what each becomes, through the same read (push-down of
 * {@code where} included), in-memory condition and mapper as a run: the record it would write, that {@code where}
 * leaves it out, or why it would go to the dead letters. Writes nothing and records no run. Stateless.
 */
public final class FlowPreview {
    /** Most records a preview reads. */
    public static final int MAX_ROWS = 100;

    private FlowPreview() {}

    /**
     * One source record and its fate. Immutable.
     *
     * @param source the record as read
     * @param outcome {@code write} (mapped), {@code skip} (left out by {@code where}) or {@code reject} (would be a dead
     *     letter)
     * @param target the record it would write (empty unless written)
     * @param error why it would be rejected, or null
     */
    public record Row(Map<String, Object> source, String outcome, Map<String, Object> target, String error) {
        public Row {
            source = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(source));
            target = target == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(target));
        }
    }

    /**
     * A preview. Immutable.
     *
     * @param write the write the mapped records would get ({@code upsert}…)
     * @param sourceColumns the source columns, in read order
     * @param targetColumns the target columns the map writes, in map order
     * @param rows the records read, in the source's order
     * @param where which part of {@code where} the source evaluates and which is checked in memory, or null
     */
    public record Result(String write, List<String> sourceColumns, List<String> targetColumns, List<Row> rows,
            String where) {
        public Result {
            sourceColumns = List.copyOf(sourceColumns);
            targetColumns = List.copyOf(targetColumns);
            rows = List.copyOf(rows);
        }

        /** How many records would be rejected. */
        public long rejected() {
            return rows.stream().filter(r -> r.outcome().equals("reject")).count();
        }
    }

    /** Reads the first {@code rows} records (at most {@link #MAX_ROWS}) and maps them. */
    public static Result of(CheckedFlow flow, int rows) {
        if (rows < 1 || rows > MAX_ROWS) {
            throw new IllegalArgumentException("a preview reads 1 to " + MAX_ROWS + " records");
        }
        FlowDefinition def = flow.definition();
        var plan = flow.wherePlan();
        Expression where = plan.inMemory();
        ColumnSchema mark = flow.markColumn();
        SearchRequest read = new SearchRequest(flow.sourceSchema().name(), flow.readColumns(), plan.pushed(),
                flow.sourceSchema().primaryKey(), rows);
        List<Row> out = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>(flow.readColumns());
        try (Stream<Map<String, Object>> records = flow.source().search(read)) {
            records.limit(rows).forEach(r -> {
                columns.addAll(r.keySet());
                out.add(row(flow, where, mark, r));
            });
        }
        List<String> targets = def.mappings().stream().map(ColumnMapping::target).toList();
        return new Result(def.target().write().name().toLowerCase(Locale.ROOT), List.copyOf(columns), targets, out,
                plan.describe());
    }

    private static Row row(CheckedFlow flow, Expression where, ColumnSchema mark, Map<String, Object> r) {
        try {
            if (where != null && !Boolean.TRUE.equals(where.evaluate(r))) {
                return new Row(r, "skip", null, null);
            }
            Map<String, Object> m = flow.mapper().map(r);
            if (mark != null && !m.containsKey(mark.name())) {
                m.put(mark.name(), mark.kind() == ColumnKind.BOOLEAN ? Boolean.FALSE : null);
            }
            return new Row(r, "write", m, null);
        } catch (SluiceException e) {
            return new Row(r, "reject", null, e.kind().name() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return new Row(r, "reject", null, ErrorKind.INTERNAL.name() + ": " + e.getClass().getSimpleName());
        }
    }
}
