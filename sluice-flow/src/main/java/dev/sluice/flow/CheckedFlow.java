package dev.sluice.flow;

import dev.sluice.core.ColumnSchema;
import dev.sluice.core.RecordProvider;
import dev.sluice.core.TableSchema;
import dev.sluice.flow.internal.Expression;
import dev.sluice.flow.internal.RecordMapper;
import dev.sluice.flow.internal.WherePlan;
import java.util.List;

/**
 * A flow that passed {@link FlowValidator}: its open providers, the schemas it was checked against, and its
 * compiled mappings. Only a checked flow can be run. Close it to close its providers. Thread-safe.
 */
public final class CheckedFlow implements AutoCloseable {
    private final ParsedFlow parsed;
    private final RecordProvider source;
    private final RecordProvider target;
    private final TableSchema sourceSchema;
    private final TableSchema targetSchema;
    private final List<String> readColumns;
    private final Expression where;
    private final RecordMapper mapper;
    private final List<String> targetKey;
    private final WherePlan wherePlan;
    private final RecordMapper keyMapper;
    private final ColumnSchema markColumn;
    private final boolean remembersKeys;

    CheckedFlow(ParsedFlow parsed, RecordProvider source, RecordProvider target, TableSchema sourceSchema,
            TableSchema targetSchema, List<String> readColumns, Expression where, RecordMapper mapper,
            List<String> targetKey, WherePlan wherePlan, RecordMapper keyMapper, ColumnSchema markColumn,
            boolean remembersKeys) {
        this.parsed = parsed;
        this.source = source;
        this.target = target;
        this.sourceSchema = sourceSchema;
        this.targetSchema = targetSchema;
        this.readColumns = List.copyOf(readColumns);
        this.where = where;
        this.mapper = mapper;
        this.targetKey = List.copyOf(targetKey);
        this.wherePlan = wherePlan;
        this.keyMapper = keyMapper;
        this.markColumn = markColumn;
        this.remembersKeys = remembersKeys;
    }

    /**
     * Whether a run remembers, for every source row it writes, the target key it was written under: a
     * change-tracking flow with {@code on-delete} whose key is not mapped from the source's primary key, so a row
     * deleted at the source (reported by its id only) can be found in the target.
     */
    boolean remembersKeys() {
        return remembersKeys;
    }

    /** What the source evaluates of {@code where} and what is checked in memory. */
    WherePlan wherePlan() {
        return wherePlan;
    }

    /** Maps a source record to its target key columns only (for deletions). */
    RecordMapper keyMapper() {
        return keyMapper;
    }

    /** The column {@code on-delete: mark} sets, or null. */
    ColumnSchema markColumn() {
        return markColumn;
    }

    public FlowDefinition definition() {
        return parsed.definition();
    }

    public ParsedFlow parsed() {
        return parsed;
    }

    public TableSchema sourceSchema() {
        return sourceSchema;
    }

    public TableSchema targetSchema() {
        return targetSchema;
    }

    RecordProvider source() {
        return source;
    }

    RecordProvider target() {
        return target;
    }

    /** Columns read from the source (empty = all). */
    List<String> readColumns() {
        return readColumns;
    }

    /** The source condition, or null. */
    Expression where() {
        return where;
    }

    RecordMapper mapper() {
        return mapper;
    }

    /** The target key as the target provider names its columns. */
    List<String> targetKey() {
        return targetKey;
    }

    @Override
    public void close() {
        try {
            source.close();
        } finally {
            target.close();
        }
    }
}
