package dev.sluice.dataverse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.core.WriteMode;
import dev.sluice.dataverse.internal.Payload;
import dev.sluice.dataverse.internal.Transport;
import dev.sluice.http.PipelineRequest;
import dev.sluice.http.PipelineResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one chunk of a bulk write as {@code CreateMultiple}, {@code UpdateMultiple} or
 * {@code UpsertMultiple} (fact sheet §D.3), or deletes as a continue-on-error {@code $batch}. Every one
 * of them is idempotent, so the pipeline resends it after any passing failure (dropped connection,
 * timeout, 429, 5xx): creates carry a client-assigned primary id, and when a resend or a rerun is told
 * the id already exists ({@code 0x80040237}), the rows are read back and those that hold the values sent
 * count as written. Dataverse runs a bulk message in one transaction, so when a chunk is refused for its
 * content the chunk is split in halves, recursively, until every good record is written and every bad one
 * is reported with its own reason; passing failures that outlast the retry budget fail the whole chunk.
 * With {@code skipUnchanged}, keyed writes read their rows first and write only what differs; an upsert by a
 * one-column alternate key whose rows have been new so far skips that read and sends its chunk as
 * {@code CreateMultiple}: all its rows are created, or (a row exists, the chunk's one transaction wrote nothing) the
 * chunk goes the reading way. Thread-safe.
 */
final class BulkChunkSender {
    private static final Logger LOG = LoggerFactory.getLogger(BulkChunkSender.class);
    private static final JsonFactory FACTORY = Transport.JSON.getFactory();

    private final DataverseClient client;
    private final WriteMode mode;
    private final TableInfo table;
    private final List<String> key;
    private final boolean skipUnchanged;
    private final Consumer<BulkOutcome> sink;
    /**
     * Whether the last read of a chunk's rows (skip-unchanged upserts by alternate key) found none of them: then
     * the next chunks are sent as {@code CreateMultiple} without reading first, until one is refused. Starts
     * false, so an import of rows that exist (an update, a rerun) sends no write that is refused.
     */
    private volatile boolean rowsNew;

    /** Makes a sender that reports to a given sink. */
    @FunctionalInterface
    interface Factory {
        BulkChunkSender create(Consumer<BulkOutcome> sink);
    }

    /**
     * One record on its way: its input index, its values, what a success means for it, and its row id
     * when known.
     */
    private record Item(long index, Map<String, Object> values, BulkOutcome.Status planned, UUID id) {
        Item with(BulkOutcome.Status status, UUID rowId) {
            return new Item(index, values, status, rowId);
        }
    }

    /** {@code key}: alternate key columns, or empty to address rows by primary key. */
    BulkChunkSender(DataverseClient client, WriteMode mode, TableInfo table, List<String> key, boolean skipUnchanged,
            Consumer<BulkOutcome> sink) {
        this.client = client;
        this.mode = mode;
        this.table = table;
        this.key = List.copyOf(key);
        this.skipUnchanged = skipUnchanged;
        this.sink = sink;
    }

    /** Writes the records (input indices from {@code firstIndex}) and reports one outcome for each. */
    void send(long firstIndex, List<Map<String, Object>> records) {
        BulkOutcome.Status planned = switch (mode) {
            case CREATE -> BulkOutcome.Status.CREATED;
            case UPDATE -> BulkOutcome.Status.UPDATED;
            case DELETE -> BulkOutcome.Status.DELETED;
            default -> BulkOutcome.Status.UPSERTED;
        };
        List<Item> items = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            Map<String, Object> r = records.get(i);
            if (mode != WriteMode.DELETE && !key.isEmpty()) {
                try {
                    keyValues(firstIndex + i, r);
                } catch (SluiceException e) {
                    sink.accept(BulkOutcome.failed(firstIndex + i, e.kind(), null, e.getMessage()));
                    continue;
                }
            }
            items.add(new Item(firstIndex + i, r, planned, primaryId(r)));
        }
        if (items.isEmpty()) {
            return;
        }
        if (mode == WriteMode.DELETE) {
            delete(items);
        } else if (skipUnchanged && mode == WriteMode.UPSERT && key.size() == 1 && rowsNew) {
            createFirst(items);
        } else if (skipUnchanged && mode != WriteMode.CREATE && lookupColumn() != null) {
            classified(items, false);
        } else {
            write(items);
        }
    }

    /** Sends one bulk message for the items; splits, resolves duplicates or fails them as its answer says. */
    private void write(List<Item> items) {
        PipelineRequest r;
        try {
            r = client.write("POST", table.entitySetName() + "/Microsoft.Dynamics.CRM." + message(), body(items,
                    !key.isEmpty()), true);
        } catch (SluiceException e) {
            failAll(items, e);
            return;
        }
        PipelineResponse resp;
        try {
            resp = client.transport().exchange(r);
        } catch (SluiceException e) {
            failAll(items, e);
            return;
        }
        if (resp.isSuccess()) {
            succeeded(items, resp, mode == WriteMode.CREATE);
            return;
        }
        DataverseException e = Transport.error(r, resp);
        if (mode == WriteMode.CREATE && DataverseErrorCodes.DUPLICATE_RECORD.equals(e.errorCode().orElse(null))
                && resolveDuplicates(items, resp.afterUnknownOutcome())) {
            return;
        }
        if (items.size() > 1 && splittable(e.kind())) {
            int half = items.size() / 2;
            write(items.subList(0, half));
            write(items.subList(half, items.size()));
            return;
        }
        failAll(items, e);
    }

    /**
     * A create was told a primary id already exists: reads the chunk's rows by id. Rows that hold the values
     * sent are written (by the lost attempt before this answer, else by an earlier run); rows that differ
     * are conflicts; the rest are sent again. False when none of the ids exists (the duplicate is about
     * something else), so the caller splits as for any refused content.
     */
    private boolean resolveDuplicates(List<Item> items, boolean afterUnknownOutcome) {
        TableMetadata m = client.metadata(table.logicalName());
        Map<String, Row> stored;
        try {
            stored = RowFinder.find(client, m, m.requireColumn(m.primaryIdAttribute()),
                    items.stream().map(Item::id).toList(), StoredValues.select(m, values(items)));
        } catch (SluiceException e) {
            failAll(items, e);
            return true;
        }
        if (stored.isEmpty()) {
            return false;
        }
        List<Item> rest = new ArrayList<>();
        for (Item it : items) {
            Row row = stored.get(RowFinder.normalize(it.id()));
            if (row == null) {
                rest.add(it);
                continue;
            }
            String differs = StoredValues.difference(m, it.values(), row, Set.of(m.primaryIdAttribute()), false);
            if (differs == null) {
                sink.accept(new BulkOutcome(it.index(), afterUnknownOutcome ? BulkOutcome.Status.CREATED
                        : BulkOutcome.Status.UNCHANGED, it.id(), null, null, null));
            } else {
                sink.accept(BulkOutcome.failed(it.index(), ErrorKind.CONFLICT, DataverseErrorCodes.DUPLICATE_RECORD,
                        "a " + table.logicalName() + " with id " + it.id() + " already exists with another '"
                                + differs + "'; it was left as it is"));
            }
        }
        if (!rest.isEmpty()) {
            write(rest);
        }
        return true;
    }

    /**
     * Upserts new rows by alternate key as one {@code CreateMultiple} (their key values in the body, no
     * {@code @odata.id}), without reading them first: every row is {@code CREATED}. When the message is refused
     * for its content (a row with one of the keys exists, or a record cannot be created), Dataverse's one
     * transaction wrote none of them, so the chunk goes the reading way ({@link #classified}), and so do the
     * next chunks until a read finds none of its rows again. Other failures (passing ones that outlast the retry
     * budget, no access) fail the chunk, as for any write.
     */
    private void createFirst(List<Item> items) {
        PipelineRequest r;
        PipelineResponse resp;
        try {
            r = client.write("POST", table.entitySetName() + "/Microsoft.Dynamics.CRM.CreateMultiple",
                    body(items, false), true);
            resp = client.transport().exchange(r);
        } catch (SluiceException e) {
            failAll(items, e);
            return;
        }
        if (resp.isSuccess()) {
            List<Item> created = items.stream().map(it -> it.with(BulkOutcome.Status.CREATED, it.id())).toList();
            succeeded(created, resp, true);
            return;
        }
        DataverseException e = Transport.error(r, resp);
        if (!splittable(e.kind())) {
            failAll(items, e); // not about the records (no access, the service not answering): as any write
            return;
        }
        rowsNew = false;
        LOG.debug("CreateMultiple of new rows refused ({}); reading the chunk's rows records={}", resp.status(),
                items.size());
        classified(items, resp.afterUnknownOutcome());
    }

    /**
     * Reads the rows the items address (by primary id or a one-column alternate key) and writes only those
     * that are missing (upsert: created; update: not found) or differ (updated); the others are unchanged.
     * When the rows cannot be read, writes everything without telling. {@code afterLostCreate}: a
     * {@code CreateMultiple} of these items, whose answer was lost, may have written them all (one
     * transaction): when every row is there with the values sent, they count as {@code CREATED}.
     */
    private void classified(List<Item> items, boolean afterLostCreate) {
        TableMetadata m = client.metadata(table.logicalName());
        ColumnMetadata column = m.requireColumn(lookupColumn());
        Map<String, Row> stored;
        try {
            stored = RowFinder.find(client, m, column, items.stream().map(it -> it.values().get(lookupColumn()))
                    .toList(), StoredValues.select(m, values(items)));
        } catch (SluiceException e) {
            // the rows cannot be read to compare: write them all (a write of unchanged values is harmless)
            LOG.debug("cannot read stored rows to skip unchanged ones; writing all records={}", items.size(), e);
            write(items);
            return;
        }
        rowsNew = stored.isEmpty();
        Set<String> skip = new java.util.HashSet<>(key);
        skip.add(m.primaryIdAttribute());
        if (afterLostCreate && stored.size() == items.size() && items.stream().allMatch(it -> {
            Row row = stored.get(RowFinder.normalize(it.values().get(lookupColumn())));
            return row != null && StoredValues.difference(m, it.values(), row, skip, true) == null;
        })) {
            for (Item it : items) {
                Row row = stored.get(RowFinder.normalize(it.values().get(lookupColumn())));
                sink.accept(new BulkOutcome(it.index(), BulkOutcome.Status.CREATED, row.getUuid(m.primaryIdAttribute()),
                        null, null, null));
            }
            return;
        }
        List<Item> send = new ArrayList<>();
        for (Item it : items) {
            Object k = it.values().get(lookupColumn());
            Row row = k == null ? null : stored.get(RowFinder.normalize(k));
            if (row == null) {
                if (mode == WriteMode.UPDATE && k != null) {
                    sink.accept(BulkOutcome.failed(it.index(), ErrorKind.NOT_FOUND, null, "no " + table.logicalName()
                            + " has this " + lookupColumn() + "; nothing was written"));
                } else {
                    send.add(it.with(k == null ? it.planned() : BulkOutcome.Status.CREATED, it.id()));
                }
                continue;
            }
            UUID id = row.getUuid(m.primaryIdAttribute());
            if (StoredValues.difference(m, it.values(), row, skip, true) == null) {
                sink.accept(new BulkOutcome(it.index(), BulkOutcome.Status.UNCHANGED, id, null, null, null));
            } else {
                send.add(it.with(BulkOutcome.Status.UPDATED, id));
            }
        }
        if (!send.isEmpty()) {
            write(send);
        }
    }

    /** The column rows are read by before a keyed write: the primary id or a one-column key; else null. */
    private String lookupColumn() {
        if (key.isEmpty()) {
            return table.primaryIdAttribute();
        }
        return key.size() == 1 ? key.get(0) : null;
    }

    /** Failures that depend on the records' content, which a smaller chunk may not have. */
    private static boolean splittable(ErrorKind kind) {
        return kind == ErrorKind.INVALID_INPUT || kind == ErrorKind.CONFLICT || kind == ErrorKind.NOT_FOUND
                || kind == ErrorKind.INTERNAL;
    }

    private void failAll(List<Item> items, SluiceException e) {
        String code = e instanceof DataverseException d ? d.errorCode().orElse(null) : null;
        for (Item it : items) {
            sink.accept(BulkOutcome.failed(it.index(), e.kind(), code, e.getMessage()));
        }
    }

    private String message() {
        return switch (mode) {
            case CREATE -> "CreateMultiple";
            case UPDATE -> "UpdateMultiple";
            default -> "UpsertMultiple";
        };
    }

    private static List<Map<String, Object>> values(List<Item> items) {
        return items.stream().map(Item::values).toList();
    }

    /** {@code addressed}: each target carries its row's address by alternate key ({@code @odata.id}). */
    private byte[] body(List<Item> items, boolean addressed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(items.size() * 256 + 32);
        String type = "Microsoft.Dynamics.CRM." + table.logicalName();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("Targets");
            for (Item it : items) {
                Payload.write(g, it.values(), type, addressed ? table.entitySetName() + "("
                        + keySegment(it.index(), it.values()) + ")" : null);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * {@code accountnumber='A-1'}, as {@link RecordKey#segment()} writes it; the key's names were checked when
     * the writer was made.
     */
    private String keySegment(long index, Map<String, Object> record) {
        if (key.size() == 1) {
            String k = key.get(0);
            Object v = record.get(k);
            if (v == null) {
                keyValues(index, record); // says which
            }
            return k + "=" + ODataLiteral.of(v);
        }
        return RecordKey.alternate(keyValues(index, record)).segment();
    }

    /** {@code created}: the answer is CreateMultiple's, whose {@code Ids} give each row's id. */
    private void succeeded(List<Item> items, PipelineResponse resp, boolean created) {
        JsonNode ids = null;
        if (created) {
            try {
                ids = Transport.JSON.readTree(resp.body()).path("Ids");
            } catch (IOException e) {
                // a success answer without a readable Ids list: the records are written, their ids are unknown
                LOG.debug("CreateMultiple answer has no readable Ids", e);
                ids = Transport.JSON.createArrayNode();
            }
        }
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            UUID id = it.id();
            if (ids != null && ids.path(i).isTextual()) {
                id = UUID.fromString(ids.path(i).asText());
            }
            sink.accept(new BulkOutcome(it.index(), it.planned(), id, null, null, null));
        }
    }

    private UUID primaryId(Map<String, Object> record) {
        Object v = record.get(table.primaryIdAttribute());
        if (v instanceof UUID u) {
            return u;
        }
        try {
            return v == null ? null : UUID.fromString(v.toString());
        } catch (IllegalArgumentException e) {
            // not a GUID: the record has no primary id of its own
            return null;
        }
    }

    /** Deletes as one continue-on-error batch: each DELETE succeeds or fails alone. */
    private void delete(List<Item> items) {
        Batch batch = new Batch();
        Map<Integer, Long> inputIndex = new LinkedHashMap<>();
        for (Item it : items) {
            RecordKey k;
            try {
                k = deleteKey(it.index(), it.values());
            } catch (SluiceException e) {
                sink.accept(BulkOutcome.failed(it.index(), e.kind(), null, e.getMessage()));
                continue;
            }
            inputIndex.put(batch.delete(table.logicalName(), k).index(), it.index());
        }
        if (batch.size() == 0) {
            return;
        }
        BatchResult result;
        try {
            result = client.batch(batch, BatchOptions.continuing());
        } catch (SluiceException e) {
            String code = e instanceof DataverseException d ? d.errorCode().orElse(null) : null;
            inputIndex.values().forEach(i -> sink.accept(BulkOutcome.failed(i, e.kind(), code, e.getMessage())));
            return;
        }
        for (BatchOutcome o : result.outcomes()) {
            long i = inputIndex.get(o.index());
            sink.accept(o.succeeded() ? new BulkOutcome(i, BulkOutcome.Status.DELETED, o.id(), null, null, null)
                    : BulkOutcome.failed(i, o.errorKind() == null ? ErrorKind.INTERNAL : o.errorKind(), o.errorCode(),
                            o.message()));
        }
    }

    private RecordKey deleteKey(long index, Map<String, Object> record) {
        if (!key.isEmpty()) {
            return RecordKey.alternate(keyValues(index, record));
        }
        UUID id = primaryId(record);
        if (id == null) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "record " + index + " has no '"
                    + table.primaryIdAttribute() + "' to delete by");
        }
        return RecordKey.of(id);
    }

    private Map<String, Object> keyValues(long index, Map<String, Object> record) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String k : key) {
            Object v = record.get(k);
            if (v == null) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "record " + index + " has no value for key column '"
                        + k + "' of table '" + table.logicalName() + "'");
            }
            values.put(k, v);
        }
        return values;
    }
}
