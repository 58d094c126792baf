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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Sends a {@link Batch}: groups its operations into units (one operation, or one change set), packs
 * units into {@code $batch} requests of at most 1000 operations, and maps every response part back to
 * its operation. Creates get a client-assigned primary id (unless they carry one), so every operation is
 * idempotent and a batch is resent after any passing failure; what a resend is then told is reconciled
 * ({@link BatchReconciler}): an existing id holding the values sent, or a row already gone or already
 * changed after an attempt whose answer was lost, is that attempt's (or an earlier run's) work. When a
 * batch that stops at the first failure stopped at such an operation, the operations after it are sent
 * again. Stateless apart from the client; thread-safe.
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
        Map<Integer, UUID> ids = new HashMap<>();
        for (BatchOperation op : ops) {
            if (op.kind() == BatchOperation.Kind.CREATE) {
                String pk = client.table(op.table()).primaryIdAttribute();
                Object given = op.values().get(pk);
                try {
                    ids.put(op.ref().index(), given == null ? UUID.randomUUID() : UUID.fromString(given.toString()));
                } catch (IllegalArgumentException notAGuid) {
                    // sent as given: the service refuses this operation, not the batch
                }
            }
        }
        BatchOutcome[] outcomes = new BatchOutcome[ops.size()];
        Deque<List<BatchOperation>> pending = new ArrayDeque<>(units(ops));
        // units sent again after a stop: the lost attempt of the request that held them may have done them
        Set<List<BatchOperation>> maybeDone = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        boolean stopped = false;
        while (!pending.isEmpty()) {
            List<List<BatchOperation>> chunk = next(pending);
            if (stopped) {
                for (List<BatchOperation> unit : chunk) {
                    unit.forEach(op -> outcomes[op.ref().index()] = notExecuted(op));
                }
                continue;
            }
            Sent sent = send(chunk, options, writes, ids, maybeDone, outcomes);
            stopped = sent.failed() && !options.continueOnError();
            List<List<BatchOperation>> again = sent.notExecuted();
            for (int i = again.size() - 1; i >= 0; i--) {
                pending.addFirst(again.get(i));
            }
        }
        return new BatchResult(Arrays.asList(outcomes));
    }

    /** What one request did: whether an operation failed, and the units to send again. */
    private record Sent(boolean failed, List<List<BatchOperation>> notExecuted) {}

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

    /** The next request's units: as many as fit in 1000 operations; a unit is never split. */
    private static List<List<BatchOperation>> next(Deque<List<BatchOperation>> pending) {
        List<List<BatchOperation>> chunk = new ArrayList<>();
        int size = 0;
        while (!pending.isEmpty()) {
            int n = pending.peekFirst().size();
            if (size + n > DataverseHeaders.MAX_BATCH_REQUESTS && !chunk.isEmpty()) {
                break;
            }
            chunk.add(pending.pollFirst());
            size += n;
        }
        return chunk;
    }

    /**
     * Sends one request and fills the outcomes of its operations; reconciles what a resend was told. Units
     * after the one a stopping batch stopped at are marked not executed, unless that one was reconciled:
     * then they are returned to be sent again.
     */
    private Sent send(List<List<BatchOperation>> chunk, BatchOptions options, boolean writes, Map<Integer, UUID> ids,
            Set<List<BatchOperation>> maybeDone, BatchOutcome[] outcomes) {
        MultipartWriter w = new MultipartWriter();
        for (List<BatchOperation> unit : chunk) {
            boolean changeSet = unit.get(0).ref().changeSet() != 0;
            if (changeSet) {
                w.beginChangeSet();
            }
            for (BatchOperation op : unit) {
                write(w, op, changeSet, ids);
            }
            if (changeSet) {
                w.endChangeSet();
            }
        }
        // every operation is idempotent (creates carry their id): a batch may be resent after any passing failure
        PipelineRequest r = writes ? client.write("POST", "$batch", w.finish(), true)
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
        Map<List<BatchOperation>, BatchOperation> failed = new LinkedHashMap<>();
        int answered = Math.min(parts.size(), chunk.size());
        for (int i = 0; i < answered; i++) {
            BatchOperation culprit = map(chunk.get(i), parts.get(i), outcomes);
            if (culprit != null) {
                failed.put(chunk.get(i), culprit);
            }
        }
        boolean unknown = resp.afterUnknownOutcome();
        new BatchReconciler(client, ids, unit -> unknown || maybeDone.contains(unit)).reconcile(failed, outcomes);
        boolean anyFailed = !failed.isEmpty();
        List<List<BatchOperation>> rest = chunk.subList(answered, chunk.size());
        if (anyFailed || options.continueOnError()) {
            rest.forEach(unit -> unit.forEach(op -> outcomes[op.ref().index()] = notExecuted(op)));
            return new Sent(anyFailed, List.of());
        }
        if (unknown) {
            maybeDone.addAll(rest);
        }
        return new Sent(false, new ArrayList<>(rest));
    }

    private void write(MultipartWriter w, BatchOperation op, boolean changeSet, Map<Integer, UUID> ids) {
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
                Map<String, Object> values = new LinkedHashMap<>(op.values());
                UUID id = ids.get(op.ref().index());
                if (id != null) {
                    values.put(t.primaryIdAttribute(), id);
                }
                body = Payload.json(values);
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

    /**
     * Maps one response item to its unit's operations; returns the operation that failed (in a failed
     * change set, the one that made it fail), or null when all succeeded.
     */
    private static BatchOperation map(List<BatchOperation> unit, ResponsePart part, BatchOutcome[] outcomes) {
        if (!part.isChangeSet()) {
            BatchOutcome first = outcome(unit.get(0), part);
            if (unit.size() == 1) {
                outcomes[unit.get(0).ref().index()] = first;
                return first.succeeded() ? null : unit.get(0);
            }
            return rolledBack(unit, part, outcomes);
        }
        List<ResponsePart> inner = part.changeSet();
        boolean anyFailed = inner.stream().anyMatch(p -> p.status() >= 400);
        if (anyFailed || inner.size() != unit.size()) {
            return rolledBack(unit, inner.stream().filter(p -> p.status() >= 400).findFirst()
                    .orElse(inner.isEmpty() ? part : inner.get(0)), outcomes);
        }
        for (int i = 0; i < unit.size(); i++) {
            BatchOperation op = byContentId(unit, inner.get(i)).orElse(unit.get(i));
            outcomes[op.ref().index()] = outcome(op, inner.get(i));
        }
        return null;
    }

    private static java.util.Optional<BatchOperation> byContentId(List<BatchOperation> unit, ResponsePart p) {
        return p.header("content-id").flatMap(id -> unit.stream().filter(o -> o.ref().contentId().equals(id.trim()))
                .findFirst());
    }

    /**
     * A failed change set: the failing operation gets the error; the others were rolled back. Returns the
     * failing operation (the first one when the answer does not say).
     */
    private static BatchOperation rolledBack(List<BatchOperation> unit, ResponsePart failure, BatchOutcome[] outcomes) {
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
        return culprit != null ? culprit : unit.get(0);
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
                // not a GUID: the answer names no record id
                return null;
            }
        }
        return null;
    }
}
