package dev.sluice.flow.internal.run;

import dev.sluice.core.ColumnSchema;
import dev.sluice.core.RecordProvider;
import dev.sluice.core.SearchRequest;
import dev.sluice.core.TableSchema;
import dev.sluice.core.Where;
import dev.sluice.dataverse.Change;
import dev.sluice.dataverse.ChangeTrackingOptions;
import dev.sluice.dataverse.Changes;
import dev.sluice.dataverse.DataverseRecordProvider;
import dev.sluice.dataverse.Row;
import dev.sluice.flow.internal.ValueConverter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Opens a source read from a cursor: the rest of a stable-order scan, rows from a watermark on, or the changes since
 * a delta token. Not thread-safe; one per run.
 */
public final class SourceRead {
    /** Key put in a record that stands for a row deleted at the source (change tracking). */
    public static final String DELETED = "@deleted";

    private Changes changes;

    /** Whether the change-tracking token had expired and everything is being read again. */
    public boolean resynced() {
        return changes != null && changes.resynced();
    }

    /** Whether a change-tracking read reads every row (no token yet, or a resync) rather than changes. */
    public boolean fullRead() {
        return changes != null && changes.full();
    }

    /** The token for the next run, once a change-tracking read was consumed to its end. */
    public Optional<String> nextToken() {
        return changes == null ? Optional.empty() : Optional.of(changes.deltaToken());
    }

    /** The rest of a scan in primary key (or file) order; {@code pushed} is evaluated by the source, may be null. */
    public Stream<Map<String, Object>> scan(RecordProvider p, TableSchema t, List<String> select, Where pushed,
            OffsetCursor c) {
        List<String> order = t.primaryKey();
        return p.search(new SearchRequest(t.name(), select, pushed, order, null)).skip(c.offset());
    }

    /** Rows from the watermark on, ordered by (watermark, primary key); {@code pushed} may be null. */
    public Stream<Map<String, Object>> fromWatermark(RecordProvider p, TableSchema t, List<String> select,
            String column, Where pushed, WatermarkCursor c) {
        Where where = pushed;
        if (c.value() != null) {
            ColumnSchema wc = t.column(column).orElseThrow();
            Where from = new Where.Compare(column, Where.Op.GE, ValueConverter.convert(c.value(), wc));
            where = pushed == null ? from : Where.and(from, pushed);
        }
        List<String> order = new java.util.ArrayList<>();
        order.add(column);
        order.addAll(t.primaryKey());
        return p.search(new SearchRequest(t.name(), select, where, order, null)).filter(r -> !c.consumed(r));
    }

    public Stream<Map<String, Object>> changes(DataverseRecordProvider p, TableSchema t, List<String> select,
            ChangeCursor c, boolean failOnExpiry) {
        changes = p.client().changes(t.name(), select, c.token(),
                failOnExpiry ? ChangeTrackingOptions.DEFAULTS : ChangeTrackingOptions.resyncing());
        long skip = changes.resynced() ? 0 : c.applied();
        String id = t.primaryKey().isEmpty() ? null : t.primaryKey().get(0);
        Map<String, ColumnSchema> columns = new java.util.HashMap<>();
        t.columns().forEach(col -> columns.putIfAbsent(col.name(), col));
        return changes.stream().skip(skip).map(ch -> record(ch, columns, id));
    }

    private static Map<String, Object> record(Change ch, Map<String, ColumnSchema> columns, String id) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (ch.isDeletion()) {
            out.put(id, ch.deletedId());
            out.put(DELETED, true);
            return out;
        }
        Row r = ch.row();
        r.values().forEach((k, v) -> {
            ColumnSchema col = columns.get(k);
            out.put(k, col == null ? v : ValueConverter.convert(v, col));
        });
        return out;
    }
}
