package dev.sluice.dataverse;

import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.RecordProvider;
import dev.sluice.core.SearchRequest;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.core.WriteMode;
import dev.sluice.core.WriteOutcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Dataverse implementation of the record provider SPI over a {@link DataverseClient}. Tables are
 * logical names; columns are named as rows are read ({@code _x_value} for lookups, whose values are
 * UUIDs). Search translates the {@code Where} model into an escaped {@link Filter} and streams rows page
 * by page. Writes go through bulk messages (create → CreateMultiple, update → UpdateMultiple, upsert →
 * UpsertMultiple by primary or alternate key) and deletes through continue-on-error batches, with an
 * outcome per record. UpsertMultiple does not say whether it created or updated, so upserts report
 * {@link WriteOutcome.Status#UPDATED}; a create whose (client-assigned) id was already written with the same
 * values reports {@link WriteOutcome.Status#UNCHANGED}. Thread-safe.
 */
public final class DataverseRecordProvider implements RecordProvider {
    private final DataverseClient client;
    private final BulkOptions bulk;

    public DataverseRecordProvider(DataverseClient client) {
        this(client, BulkOptions.DEFAULTS);
    }

    public DataverseRecordProvider(DataverseClient client, BulkOptions bulk) {
        this.client = client;
        this.bulk = bulk;
    }

    @Override
    public List<String> tables() {
        return client.tables().stream().map(TableInfo::logicalName).toList();
    }

    @Override
    public TableSchema describe(String table) {
        TableMetadata t = client.metadata(table);
        List<ColumnSchema> columns = new ArrayList<>();
        for (ColumnMetadata c : t.columns()) {
            if (c.attributeOf() != null || c.type() == AttributeType.VIRTUAL) {
                continue; // derived name columns and virtual columns are not Web API properties
            }
            columns.add(new ColumnSchema(c.wireName(), RecordValues.kind(c.type()), c.required(),
                    c.validForCreate() || c.validForUpdate(),
                    c.type() == AttributeType.BOOLEAN ? Map.of() : c.options(), c.targets()));
        }
        List<List<String>> unique = t.keys().stream()
                .map(k -> k.columns().stream().map(n -> t.column(n).map(ColumnMetadata::wireName).orElse(n)).toList())
                .toList();
        return new TableSchema(t.logicalName(), columns, List.of(t.primaryIdAttribute()), unique);
    }

    /** The OData {@code $filter} a provider-neutral condition becomes on this table, as a search would send it. */
    public String filterText(String table, dev.sluice.core.Where where) {
        return WhereTranslator.filter(where, client.metadata(table)).toOData();
    }

    @Override
    public Stream<Map<String, Object>> search(SearchRequest request) {
        TableMetadata t = client.metadata(request.table());
        if (request.limit() != null && request.limit() == 0) {
            return Stream.empty();
        }
        Query q = Query.table(t.logicalName())
                .select(request.select().stream().map(c -> t.requireColumn(c).wireName()).toList());
        if (request.where() != null) {
            q = q.where(WhereTranslator.filter(request.where(), t));
        }
        if (!request.orderBy().isEmpty()) {
            q = q.orderBy(request.orderBy().stream().map(o -> o.startsWith("-")
                    ? t.requireColumn(o.substring(1)).wireName() + " desc"
                    : t.requireColumn(o).wireName() + " asc").toArray(String[]::new));
        }
        if (request.limit() != null) {
            q = q.top(request.limit());
        }
        // Dataverse ignores $top beside odata.maxpagesize (fact sheet §C.1), so the limit is also applied here
        Map<String, ColumnMetadata> columns = RecordValues.byWireName(t);
        Stream<Map<String, Object>> rows = client.query(q).stream().map(r -> RecordValues.record(r, columns));
        return request.limit() == null ? rows : rows.limit(request.limit());
    }

    @Override
    public List<WriteOutcome> write(String table, WriteMode mode, List<String> key, List<Map<String, Object>> records) {
        TableMetadata t = client.metadata(table);
        List<String> keyColumns = keyColumns(t, mode, key == null ? List.of() : key);
        List<Map<String, Object>> values = new ArrayList<>(records.size());
        WriteOutcome[] outcomes = new WriteOutcome[records.size()];
        List<Integer> sent = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            try {
                values.add(mode == WriteMode.DELETE ? records.get(i) : RecordValues.toWrite(records.get(i), t, client));
                sent.add(i);
            } catch (SluiceException | IllegalArgumentException e) {
                ErrorKind kind = e instanceof SluiceException s ? s.kind() : ErrorKind.INVALID_INPUT;
                outcomes[i] = WriteOutcome.failed(i, kind, "record " + i + ": " + e.getMessage());
            }
        }
        try (BulkWriter w = client.bulkWriter(t.logicalName(), mode, keyColumns, bulk, o -> {
            int input = sent.get((int) o.index());
            outcomes[input] = outcome(input, o);
        })) {
            values.forEach(w::add);
        }
        return Arrays.asList(outcomes);
    }

    /** Alternate key columns as logical names, or empty for the primary key; refuses a non-unique key. */
    private static List<String> keyColumns(TableMetadata t, WriteMode mode, List<String> key) {
        if (mode == WriteMode.CREATE || key.isEmpty() || key.equals(List.of(t.primaryIdAttribute()))) {
            return List.of();
        }
        List<String> logical = key.stream().map(k -> t.requireColumn(k).logicalName()).toList();
        boolean isKey = t.keys().stream().anyMatch(k -> k.columns().size() == logical.size()
                && k.columns().containsAll(logical));
        if (!isKey) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "table '" + t.logicalName() + "' has no alternate key "
                    + "on " + key + "; its keys are " + t.keys().stream().map(AlternateKey::columns).toList()
                    + " (or the primary key " + t.primaryIdAttribute() + ")");
        }
        return key.stream().map(k -> t.requireColumn(k).wireName()).toList();
    }

    private static WriteOutcome outcome(int index, BulkOutcome o) {
        String id = o.id() == null ? null : o.id().toString();
        return switch (o.status()) {
            case CREATED -> WriteOutcome.ok(index, WriteOutcome.Status.CREATED, id);
            case UPDATED -> WriteOutcome.ok(index, WriteOutcome.Status.UPDATED, id);
            case UPSERTED -> WriteOutcome.ok(index, WriteOutcome.Status.UPSERTED, id);
            case UNCHANGED -> WriteOutcome.ok(index, WriteOutcome.Status.UNCHANGED, id);
            case DELETED -> WriteOutcome.ok(index, WriteOutcome.Status.DELETED, id);
            case FAILED -> WriteOutcome.failed(index, o.errorKind(), o.message());
        };
    }

    /** The client this provider writes through. */
    public DataverseClient client() {
        return client;
    }
}
