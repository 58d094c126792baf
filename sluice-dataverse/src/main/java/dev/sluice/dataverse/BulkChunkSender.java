package dev.sluice.dataverse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Sends one chunk of a bulk write as {@code CreateMultiple}, {@code UpdateMultiple} or
 * {@code UpsertMultiple} (fact sheet §D.3), or deletes as a continue-on-error {@code $batch}. Dataverse
 * runs a bulk message in one transaction, so when a chunk is refused for its content the chunk is split
 * in halves, recursively, until every good record is written and every bad one is reported with its own
 * reason. Throttling and passing failures are the pipeline's to retry (CreateMultiple only after 429 or
 * 503, the keyed messages after any passing failure since they are idempotent); when those still fail,
 * splitting would not help, so the whole chunk is reported failed. Thread-safe.
 */
final class BulkChunkSender {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final DataverseClient client;
    private final WriteMode mode;
    private final TableInfo table;
    private final List<String> key;
    private final Consumer<BulkOutcome> sink;

    /** Makes a sender that reports to a given sink. */
    @FunctionalInterface
    interface Factory {
        BulkChunkSender create(Consumer<BulkOutcome> sink);
    }

    /** {@code key}: alternate key columns, or empty to address rows by primary key. */
    BulkChunkSender(DataverseClient client, WriteMode mode, TableInfo table, List<String> key,
            Consumer<BulkOutcome> sink) {
        this.client = client;
        this.mode = mode;
        this.table = table;
        this.key = List.copyOf(key);
        this.sink = sink;
    }

    /** Writes the records (input indices from {@code firstIndex}) and reports one outcome for each. */
    void send(long firstIndex, List<Map<String, Object>> records) {
        if (mode == WriteMode.DELETE) {
            delete(firstIndex, records);
            return;
        }
        try {
            byte[] body = body(firstIndex, records);
            PipelineRequest r = client.write("POST", table.entitySetName() + "/Microsoft.Dynamics.CRM." + message(),
                    body, mode != WriteMode.CREATE);
            PipelineResponse resp = client.send(r);
            succeeded(firstIndex, records, resp);
        } catch (SluiceException e) {
            if (records.size() > 1 && splittable(e.kind())) {
                int half = records.size() / 2;
                send(firstIndex, records.subList(0, half));
                send(firstIndex + half, records.subList(half, records.size()));
                return;
            }
            String code = e instanceof DataverseException d ? d.errorCode().orElse(null) : null;
            for (int i = 0; i < records.size(); i++) {
                sink.accept(BulkOutcome.failed(firstIndex + i, e.kind(), code, e.getMessage()));
            }
        }
    }

    /** Failures that depend on the records' content, which a smaller chunk may not have. */
    private static boolean splittable(ErrorKind kind) {
        return kind == ErrorKind.INVALID_INPUT || kind == ErrorKind.CONFLICT || kind == ErrorKind.NOT_FOUND
                || kind == ErrorKind.INTERNAL;
    }

    private String message() {
        return switch (mode) {
            case CREATE -> "CreateMultiple";
            case UPDATE -> "UpdateMultiple";
            default -> "UpsertMultiple";
        };
    }

    private byte[] body(long firstIndex, List<Map<String, Object>> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(records.size() * 256 + 32);
        String type = "Microsoft.Dynamics.CRM." + table.logicalName();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("Targets");
            for (int i = 0; i < records.size(); i++) {
                Map<String, Object> r = records.get(i);
                Payload.write(g, r, type, key.isEmpty() ? null : table.entitySetName() + "(" + keySegment(
                        firstIndex + i, r) + ")");
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private String keySegment(long index, Map<String, Object> record) {
        return RecordKey.alternate(keyValues(index, record)).segment();
    }

    private void succeeded(long firstIndex, List<Map<String, Object>> records, PipelineResponse resp) {
        if (mode == WriteMode.CREATE) {
            JsonNode ids;
            try {
                ids = Transport.JSON.readTree(resp.body()).path("Ids");
            } catch (IOException e) {
                ids = Transport.JSON.createArrayNode();
            }
            for (int i = 0; i < records.size(); i++) {
                UUID id = ids.path(i).isTextual() ? UUID.fromString(ids.path(i).asText()) : null;
                sink.accept(new BulkOutcome(firstIndex + i, BulkOutcome.Status.CREATED, id, null, null, null));
            }
            return;
        }
        BulkOutcome.Status status = mode == WriteMode.UPDATE ? BulkOutcome.Status.UPDATED : BulkOutcome.Status.UPSERTED;
        for (int i = 0; i < records.size(); i++) {
            sink.accept(new BulkOutcome(firstIndex + i, status, primaryId(records.get(i)), null, null, null));
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
            return null;
        }
    }

    /** Deletes as one continue-on-error batch: each DELETE succeeds or fails alone. */
    private void delete(long firstIndex, List<Map<String, Object>> records) {
        Batch batch = new Batch();
        Map<Integer, Long> inputIndex = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            RecordKey k;
            try {
                k = deleteKey(firstIndex + i, records.get(i));
            } catch (SluiceException e) {
                sink.accept(BulkOutcome.failed(firstIndex + i, e.kind(), null, e.getMessage()));
                continue;
            }
            inputIndex.put(batch.delete(table.logicalName(), k).index(), firstIndex + i);
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
