package dev.sluice.dataverse;

import dev.sluice.core.WriteMode;
import dev.sluice.http.ThrottleGate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A client's bulk writes: {@code CreateMultiple}/{@code UpdateMultiple}/{@code UpsertMultiple} (and delete as
 * batches) in chunks, in parallel up to the identity's gate. Immutable and thread-safe.
 */
final class BulkWrites {
    private final DataverseClient client;
    private final Requests requests;
    private final ThrottleGate gate;

    BulkWrites(DataverseClient client, Requests requests, ThrottleGate gate) {
        this.client = client;
        this.requests = requests;
        this.gate = gate;
    }

    /** Every record through one streaming writer; an outcome for every record, in input order. */
    BulkResult write(String table, WriteMode mode, List<String> key, List<? extends Map<String, ?>> records,
            BulkOptions options) {
        BulkOutcome[] outcomes = new BulkOutcome[records.size()];
        try (BulkWriter w = writer(table, mode, key, options, o -> outcomes[(int) o.index()] = o)) {
            records.forEach(w::add);
        }
        return new BulkResult(Arrays.asList(outcomes));
    }

    BulkWriter writer(String table, WriteMode mode, List<String> keyColumns, BulkOptions options,
            Consumer<BulkOutcome> sink) {
        requests.requireWritable("bulk " + mode.name().toLowerCase());
        keyColumns.forEach(ODataLiteral::name);
        TableInfo t = client.table(table);
        int parallel = options.maxParallel() > 0 ? Math.min(options.maxParallel(), gate.limit()) : gate.limit();
        return new BulkWriter(s -> new BulkChunkSender(client, mode, t, keyColumns, options.skipUnchanged(), s),
                mode == WriteMode.CREATE ? t.primaryIdAttribute() : null, options.chunkSize(), parallel, sink);
    }
}
