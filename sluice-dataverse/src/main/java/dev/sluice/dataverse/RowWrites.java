package dev.sluice.dataverse;

import dev.sluice.core.DataverseHeaders;
import dev.sluice.dataverse.internal.PageReader;
import dev.sluice.dataverse.internal.Payload;
import dev.sluice.dataverse.internal.Transport;
import dev.sluice.http.PipelineRequest;
import dev.sluice.http.PipelineResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A client's single-row writes: create (idempotent by a client-assigned id), update and delete (optionally by
 * etag), upsert, and the links between rows. Immutable and thread-safe.
 */
final class RowWrites {
    private final DataverseClient client;
    private final Requests requests;

    RowWrites(DataverseClient client, Requests requests) {
        this.client = client;
        this.requests = requests;
    }

    UUID create(String table, Map<String, ?> values) {
        requests.requireWritable("create");
        TableInfo t = client.table(table);
        Map<String, Object> v = AlreadyWritten.withId(values, t);
        UUID id = UUID.fromString(v.get(t.primaryIdAttribute()).toString());
        PipelineRequest r = requests.write("POST", t.entitySetName(), Payload.json(v), true);
        PipelineResponse resp = requests.exchange(r);
        if (!resp.isSuccess()) {
            AlreadyWritten.created(client, t, id, v, Transport.error(r, resp));
        }
        return id;
    }

    Row createAndReturn(String table, Map<String, ?> values, String... select) {
        requests.requireWritable("createAndReturn");
        TableInfo t = client.table(table);
        Map<String, Object> v = AlreadyWritten.withId(values, t);
        UUID id = UUID.fromString(v.get(t.primaryIdAttribute()).toString());
        String path = t.entitySetName() + (select.length == 0 ? "" : "?$select=" + Query.enc(String.join(",",
                List.of(select))));
        PipelineRequest r = requests.write("POST", path, Payload.json(v), true);
        r.header(DataverseHeaders.PREFER, DataverseHeaders.PREFER_RETURN_REPRESENTATION);
        PipelineResponse resp = requests.exchange(r);
        if (resp.isSuccess()) {
            return PageReader.single(resp.body());
        }
        AlreadyWritten.created(client, t, id, v, Transport.error(r, resp));
        return client.get(table, RecordKey.of(id), select).orElseThrow(() -> Transport.error(r, resp));
    }

    void update(String table, RecordKey key, Map<String, ?> values, String etag) {
        requests.requireWritable("update");
        TableInfo t = client.table(table);
        PipelineRequest r = requests.write("PATCH", rowPath(t, key), Payload.json(values), true);
        r.header(DataverseHeaders.IF_MATCH, etag == null ? "*" : etag);
        PipelineResponse resp = requests.exchange(r);
        if (resp.isSuccess()) {
            return;
        }
        DataverseException e = Transport.error(r, resp);
        // a stale etag after an attempt whose answer was lost: the lost attempt may be what changed it
        if (etag != null && resp.status() == 412 && resp.afterUnknownOutcome()
                && AlreadyWritten.holds(client, t.logicalName(), key, values)) {
            return;
        }
        throw e;
    }

    UpsertResult upsert(String table, RecordKey key, Map<String, ?> values, UpsertOptions mode) {
        requests.requireWritable("upsert");
        TableInfo t = client.table(table);
        PipelineRequest r = requests.write("PATCH", rowPath(t, key) + "?$select=" + t.primaryIdAttribute(),
                Payload.json(values), true);
        r.header(DataverseHeaders.PREFER, DataverseHeaders.PREFER_RETURN_REPRESENTATION);
        switch (mode) {
            case CREATE_ONLY -> r.header(DataverseHeaders.IF_NONE_MATCH, "*");
            case UPDATE_ONLY -> r.header(DataverseHeaders.IF_MATCH, "*");
            default -> { }
        }
        PipelineResponse resp = requests.send(r);
        Row row = PageReader.single(resp.body());
        return new UpsertResult(row.getUuid(t.primaryIdAttribute()), resp.status() == 201);
    }

    void delete(String table, RecordKey key, String etag) {
        requests.requireWritable("delete");
        TableInfo t = client.table(table);
        PipelineRequest r = requests.write("DELETE", rowPath(t, key), null, true);
        if (etag != null) {
            r.header(DataverseHeaders.IF_MATCH, etag);
        }
        PipelineResponse resp = requests.exchange(r);
        // not found after an attempt whose answer was lost: that attempt deleted it
        if (!resp.isSuccess() && !(resp.status() == 404 && resp.afterUnknownOutcome())) {
            throw Transport.error(r, resp);
        }
    }

    void associate(String table, RecordKey key, String navigation, String relatedTable, RecordKey related) {
        requests.requireWritable("associate");
        TableInfo t = client.table(table);
        TableInfo rt = client.table(relatedTable);
        ODataLiteral.name(navigation);
        String body = "{\"@odata.id\":" + Transport.JSON.valueToTree(client.serviceRoot() + rt.entitySetName() + "("
                + related.segment() + ")") + "}";
        requests.send(requests.write("POST", rowPath(t, key) + "/" + navigation + "/$ref",
                body.getBytes(StandardCharsets.UTF_8), true));
    }

    void disassociate(String table, RecordKey key, String navigation, String relatedTable, RecordKey related) {
        requests.requireWritable("disassociate");
        TableInfo t = client.table(table);
        client.table(relatedTable);
        ODataLiteral.name(navigation);
        requests.send(requests.write("DELETE", rowPath(t, key) + "/" + navigation + "("
                + Query.enc(related.segment()) + ")/$ref", null, true));
    }

    private static String rowPath(TableInfo t, RecordKey key) {
        return t.entitySetName() + "(" + Query.enc(key.segment()) + ")";
    }
}
