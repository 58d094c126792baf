package dev.sluice.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.DataverseHeaders;
import dev.sluice.core.ErrorKind;
import dev.sluice.dataverse.internal.PageReader;
import dev.sluice.dataverse.internal.Payload;
import dev.sluice.dataverse.internal.Transport;
import dev.sluice.dataverse.internal.batch.MultipartReader;
import dev.sluice.dataverse.internal.batch.MultipartWriter;
import dev.sluice.dataverse.internal.batch.ResponsePart;
import dev.sluice.http.PipelineRequest;
import dev.sluice.http.PipelineResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sends a {@link Batch}: groups its operations into units (one operation, or one change set), packs
 * units into {@code $batch} requests of at most 1000 operations, and maps every response part back to
 * its operation. A batch with writes is resent only when the service said it did not process it (429,
 * 503). Stateless apart from the client; thread-safe.
 */
final class BatchRunner {
    private final DataverseClient client;

    BatchRunner(DataverseClient client) {
        this.client = client;
    }

    BatchResult run(Batch batch, BatchOptions options) {
        List<BatchOperation> ops = batch.operations();
        boolean writes = ops.stream().anyMatch(o -> o.kind() != BatchOperation.Kind.GET);
        if (writes) {
            client.requireWritable("batch");
        }
        BatchOutcome[] outcomes = new BatchOutcome[ops.size()];
        boolean stopped = false;
        for (List<List<BatchOperation>> chunk : chunks(units(ops))) {
            if (stopped) {
                for (List<BatchOperation> unit : chunk) {
                    unit.forEach(op -> outcomes[op.ref().index()] = notExecuted(op));
                }
                continue;
            }
            boolean failed = send(chunk, options, writes, outcomes);
            stopped = failed && !options.continueOnError();
        }
        return new BatchResult(Arrays.asList(outcomes));
    }

    /** Operations grouped: a change set's operations together, every other operation alone. */
    private static List<List<BatchOperation>> units(List<BatchOperation> ops) {
        List<List<BatchOperation>> units = new ArrayList<>();
        List<BatchOperation> current = null;
        for (BatchOperation op : ops) {
            int cs = op.ref().changeSet();
            if (cs != 0 && current != null && current.get(0).ref().changeSet() == cs) {
                current.add(op);
            } else {
                current = new ArrayList<>();
                current.add(op);
                units.add(current);
            }
        }
        return units;
    }

    /** Units packed into requests of at most 1000 operations; a unit is never split. */
    private static List<List<List<BatchOperation>>> chunks(List<List<BatchOperation>> units) {
        List<List<List<BatchOperation>>> chunks = new ArrayList<>();
        List<List<BatchOperation>> current = new ArrayList<>();
        int size = 0;
        for (List<BatchOperation> unit : units) {
            if (size + unit.size() > DataverseHeaders.MAX_BATCH_REQUESTS && !current.isEmpty()) {
                chunks.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(unit);
            size += unit.size();
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    /** Sends one request; fills the outcomes of its operations; true when any failed. */
    private boolean send(List<List<BatchOperation>> chunk, BatchOptions options, boolean writes,
            BatchOutcome[] outcomes) {
        MultipartWriter w = new MultipartWriter();
        for (List<BatchOperation> unit : chunk) {
            boolean changeSet = unit.get(0).ref().changeSet() != 0;
            if (changeSet) {
                w.beginChangeSet();
            }
            for (BatchOperation op : unit) {
                write(w, op, changeSet);
            }
            if (changeSet) {
                w.endChangeSet();
            }
        }
        // a batch of gets may be resent after any passing failure; one with writes only after 429/503
        PipelineRequest r = writes ? client.write("POST", "$batch", w.finish(), false)
                : client.readByPost("$batch", w.finish());
        r.header("Content-Type", w.contentType());
        if (options.continueOnError()) {
            r.header(DataverseHeaders.PREFER, DataverseHeaders.PREFER_CONTINUE_ON_ERROR);
        }
        PipelineResponse resp = client.transport().exchange(r);
        String type = resp.header("Content-Type").orElse("");
        if (!type.toLowerCase().startsWith("multipart/mixed")) {
            throw Transport.error(r, resp);
        }
        List<ResponsePart> parts = MultipartReader.read(type, resp.body());
        boolean failed = false;
        for (int i = 0; i < chunk.size(); i++) {
            List<BatchOperation> unit = chunk.get(i);
            if (i >= parts.size()) {
                unit.forEach(op -> outcomes[op.ref().index()] = notExecuted(op));
                continue;
            }
            failed |= map(unit, parts.get(i), outcomes);
        }
        return failed;
    }

    private void write(MultipartWriter w, BatchOperation op, boolean changeSet) {
        TableInfo t = client.table(op.table());
        String url = client.serviceRoot() + t.entitySetName();
        if (op.key() != null) {
            url += "(" + Query.enc(op.key().segment()) + ")";
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String method;
        byte[] body = null;
        switch (op.kind()) {
            case CREATE -> {
                method = "POST";
                body = Payload.json(op.values());
            }
            case UPDATE -> {
                method = "PATCH";
                headers.put(DataverseHeaders.IF_MATCH, op.etag() == null ? "*" : op.etag());
                body = Payload.json(op.values());
            }
            case UPSERT -> {
                method = "PATCH";
                body = Payload.json(op.values());
            }
            case DELETE -> {
                method = "DELETE";
                if (op.etag() != null) {
                    headers.put(DataverseHeaders.IF_MATCH, op.etag());
                }
            }
            default -> {
                method = "GET";
                headers.put("Accept", "application/json");
                if (!op.select().isEmpty()) {
                    url += "?$select=" + Query.enc(String.join(",", op.select()));
                }
            }
        }
        w.part(changeSet ? op.ref().contentId() : null, method, url, headers, body);
    }

    /** Maps one response item to its unit's operations; true when any failed. */
    private static boolean map(List<BatchOperation> unit, ResponsePart part, BatchOutcome[] outcomes) {
        if (!part.isChangeSet()) {
            BatchOutcome first = outcome(unit.get(0), part);
            if (unit.size() == 1) {
                outcomes[unit.get(0).ref().index()] = first;
                return !first.succeeded();
            }
            rolledBack(unit, part, outcomes);
            return true;
        }
        List<ResponsePart> inner = part.changeSet();
        boolean anyFailed = inner.stream().anyMatch(p -> p.status() >= 400);
        if (anyFailed || inner.size() != unit.size()) {
            rolledBack(unit, inner.stream().filter(p -> p.status() >= 400).findFirst()
                    .orElse(inner.isEmpty() ? part : inner.get(0)), outcomes);
            return true;
        }
        for (int i = 0; i < unit.size(); i++) {
            BatchOperation op = byContentId(unit, inner.get(i)).orElse(unit.get(i));
            outcomes[op.ref().index()] = outcome(op, inner.get(i));
        }
        return false;
    }

    private static java.util.Optional<BatchOperation> byContentId(List<BatchOperation> unit, ResponsePart p) {
        return p.header("content-id").flatMap(id -> unit.stream().filter(o -> o.ref().contentId().equals(id.trim()))
                .findFirst());
    }

    /** A failed change set: the failing operation gets the error; the others were rolled back. */
    private static void rolledBack(List<BatchOperation> unit, ResponsePart failure, BatchOutcome[] outcomes) {
        BatchOperation culprit = byContentId(unit, failure).orElse(null);
        BatchOutcome error = outcome(culprit != null ? culprit : unit.get(0), failure);
        for (BatchOperation op : unit) {
            if (op == culprit) {
                outcomes[op.ref().index()] = error;
            } else {
                String which = culprit == null ? "an operation" : "operation " + culprit.ref().index();
                outcomes[op.ref().index()] = new BatchOutcome(op.ref().index(), error.status(), null, null,
                        error.errorKind(), error.errorCode(), "rolled back: " + which + " of change set "
                        + op.ref().changeSet() + " failed (" + error.message() + ")");
            }
        }
    }

    private static BatchOutcome outcome(BatchOperation op, ResponsePart p) {
        int index = op.ref().index();
        if (p.status() >= 200 && p.status() < 300) {
            Row row = null;
            UUID id = p.header(DataverseHeaders.ODATA_ENTITY_ID).map(BatchRunner::idOf).orElse(null);
            if (op.kind() == BatchOperation.Kind.GET && p.body().length > 0) {
                row = PageReader.single(p.body());
            }
            if (id == null && op.key() != null && op.key().id() != null) {
                id = op.key().id();
            }
            return new BatchOutcome(index, p.status(), id, row, null, null, null);
        }
        String code = null;
        String message = null;
        try {
            JsonNode err = Transport.JSON.readTree(p.body()).path("error");
            code = err.path("code").isTextual() ? err.path("code").asText() : null;
            message = err.path("message").isTextual() ? err.path("message").asText() : null;
        } catch (IOException | RuntimeException e) {
            // not JSON: the status says enough
        }
        ErrorKind kind = DataverseException.kindOf(p.status(), code);
        String text = op.kind().name().toLowerCase() + " on '" + op.table() + "' failed with HTTP " + p.status()
                + (code == null || code.isEmpty() ? "" : " (" + code + ")") + ": "
                + (message == null ? "no error details" : message);
        return new BatchOutcome(index, p.status(), null, null, kind, code, text);
    }

    private static BatchOutcome notExecuted(BatchOperation op) {
        return new BatchOutcome(op.ref().index(), 0, null, null, null, null, "not executed: an earlier operation "
                + "failed and the batch stops at the first failure (use BatchOptions.continuing())");
    }

    /** The GUID in {@code …/accounts(guid)}, or null when the URL addresses the row by alternate key. */
    static UUID idOf(String entityId) {
        int open = entityId.lastIndexOf('(');
        int close = entityId.lastIndexOf(')');
        if (open > 0 && close == open + 37) {
            try {
                return UUID.fromString(entityId.substring(open + 1, close));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
