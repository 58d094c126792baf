package dev.sluice.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.DataverseHeaders;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.OutboundHttp;
import dev.sluice.core.OutboundPolicy;
import dev.sluice.core.SluiceException;
import dev.sluice.core.WriteMode;
import dev.sluice.dataverse.internal.PageReader;
import dev.sluice.dataverse.internal.Payload;
import dev.sluice.dataverse.internal.Transport;
import dev.sluice.http.BearerTokenPolicy;
import dev.sluice.http.HttpPipeline;
import dev.sluice.http.JdkTransport;
import dev.sluice.http.LoggingPolicy;
import dev.sluice.http.PipelineRequest;
import dev.sluice.http.PipelineResponse;
import dev.sluice.http.RequestIdPolicy;
import dev.sluice.http.RetryPolicy;
import dev.sluice.http.ThrottleGate;
import dev.sluice.http.ThrottleGatePolicy;
import dev.sluice.http.ThrottleGates;
import dev.sluice.http.UserAgentPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The Dataverse Web API client: reads, writes, batches and bulk messages for one org and identity.
 * Built by {@link DataverseClientBuilder}; immutable and thread-safe.
 */
public final class DataverseClient {
    private final Transport transport;
    private final ThrottleGate gate;
    private final boolean readOnly;
    private final int pageSize;
    private final String identity;
    private final Map<String, TableInfo> tables = new ConcurrentHashMap<>();
    private final List<String[]> extraHeaders;
    private final UUID impersonate;
    private final TableMetadataLoader metadata = new TableMetadataLoader(this);
    private final ChangeReader changes;

    DataverseClient(DataverseClientBuilder b) {
        URI root = URI.create(b.orgUrl + "/api/data/v" + b.apiVersion + "/");
        this.identity = b.credential.identity();
        this.gate = ThrottleGates.forIdentity(identity, b.orgUrl.toString(), b.clock, b.maxConcurrency);
        HttpClient http = b.httpClient != null ? b.httpClient : (b.outbound != null ? b.outbound
                : OutboundHttp.of(OutboundPolicy.origins(b.orgUrl))).httpClient();
        // The pipeline's order, fixed here: user agent -> request id -> throttle gate -> retry ->
        // bearer token -> logging -> transport. The gate is outside retry so a 429 pauses every request
        // of the identity; the token is inside retry so each attempt carries a current token.
        HttpPipeline pipeline = new HttpPipeline(List.of(
                new UserAgentPolicy("sluice/0.1 (Java " + Runtime.version().feature() + ")"),
                new RequestIdPolicy(),
                new ThrottleGatePolicy(gate, b.sleeper),
                new RetryPolicy(b.retry, gate, b.clock, b.sleeper),
                new BearerTokenPolicy(b.credential),
                new LoggingPolicy()), new JdkTransport(http, b.timeout));
        this.transport = new Transport(pipeline, root);
        this.readOnly = b.readOnly;
        this.pageSize = b.pageSize;
        this.extraHeaders = List.copyOf(b.extraHeaders);
        this.impersonate = b.impersonate;
        this.changes = new ChangeReader(this, b.pageSize);
    }

    public static DataverseClientBuilder builder() {
        return new DataverseClientBuilder();
    }

    /** The Web API service root, e.g. {@code https://contoso.crm.dynamics.com/api/data/v9.2/}. */
    public URI serviceRoot() {
        return transport.serviceRoot();
    }

    /** Who the requests act as (the credential's identity). */
    public String identity() {
        return identity;
    }

    /** The identity's throttle gate: concurrency bound and time spent waiting on throttling. */
    public ThrottleGate gate() {
        return gate;
    }

    // ---- reads ----

    public WhoAmI whoAmI() {
        JsonNode n = json(send(read("WhoAmI")));
        return new WhoAmI(UUID.fromString(n.path("UserId").asText()),
                UUID.fromString(n.path("BusinessUnitId").asText()),
                UUID.fromString(n.path("OrganizationId").asText()));
    }

    /**
     * A table's names, by logical name ({@code account}) or entity set name ({@code accounts}); loaded
     * once from {@code EntityDefinitions} and cached.
     */
    public TableInfo table(String name) {
        ODataLiteral.name(name);
        TableInfo cached = tables.get(name);
        if (cached != null) {
            return cached;
        }
        String select = "$select=LogicalName,EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute";
        TableInfo info;
        try {
            info = tableInfo(json(send(read("EntityDefinitions(LogicalName=" + Query.enc(ODataLiteral.of(name))
                    + ")?" + select))));
        } catch (DataverseException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                throw e;
            }
            JsonNode list = json(send(read("EntityDefinitions?" + select + "&$filter="
                    + Query.enc("EntitySetName eq " + ODataLiteral.of(name))))).path("value");
            if (list.size() != 1) {
                throw new SluiceException(ErrorKind.NOT_FOUND, "no table '" + name + "' in " + serviceRoot().getHost()
                        + "; list the tables to see their names");
            }
            info = tableInfo(list.get(0));
        }
        tables.put(info.logicalName(), info);
        tables.put(info.entitySetName(), info);
        return info;
    }

    private static TableInfo tableInfo(JsonNode n) {
        return new TableInfo(n.path("LogicalName").asText(), n.path("EntitySetName").asText(),
                n.path("PrimaryIdAttribute").asText(), n.path("PrimaryNameAttribute").asText(null));
    }

    /** Runs a query lazily; pages are fetched while iterating, following {@code @odata.nextLink} as given. */
    public RowStream query(Query query) {
        TableInfo t = table(query.table());
        String qs = query.toQueryString();
        String first = t.entitySetName() + (qs.isEmpty() ? "" : "?" + qs);
        boolean formatted = query.formattedValues();
        // Dataverse ignores $top when odata.maxpagesize is sent (fact sheet C.1): a small top is sent
        // alone (one page, no nextLink); a larger one pages and the stream stops at top rows.
        boolean topAlone = query.top() != null && query.top() <= pageSize;
        return new RowStream(link -> {
            PipelineRequest r = link == null ? read(first) : readUrl(URI.create(link));
            pagePrefs(r, formatted, !topAlone);
            return PageReader.page(send(r).body());
        }, query.top());
    }

    /**
     * Runs a FetchXML query lazily, in the same constant memory as {@link #query}: pages follow Dataverse's paging
     * cookies (or page numbers where it gives none); a link-entity's columns are named {@code alias.column}, an
     * aggregate query's rows carry its aliases. INVALID_INPUT before anything is sent when the text is not FetchXML.
     */
    public RowStream fetchXml(String fetchXml) {
        return fetchXml(fetchXml, FetchXmlOptions.DEFAULTS);
    }

    public RowStream fetchXml(String fetchXml, FetchXmlOptions options) {
        return new FetchXmlReader(this, pageSize).stream(FetchXml.parse(fetchXml), options);
    }

    /** One page of a FetchXML query: {@code page} from 1, after the previous page's {@code pagingCookie} (or null). */
    public FetchXmlPage fetchXmlPage(String fetchXml, int page, String pagingCookie, FetchXmlOptions options) {
        return new FetchXmlReader(this, pageSize).page(FetchXml.parse(fetchXml), page, pagingCookie, options);
    }

    private void pagePrefs(PipelineRequest r, boolean formatted, boolean paged) {
        List<String> prefer = new java.util.ArrayList<>();
        if (paged) {
            prefer.add(DataverseHeaders.PREFER_MAX_PAGE_SIZE + "=" + pageSize);
        }
        if (formatted) {
            prefer.add(DataverseHeaders.PREFER_INCLUDE_ANNOTATIONS + "=\"*\"");
        }
        if (!prefer.isEmpty()) {
            r.header(DataverseHeaders.PREFER, String.join(",", prefer));
        }
    }

    /** One row by id or alternate key, or empty when it does not exist. */
    public Optional<Row> get(String table, RecordKey key, String... select) {
        TableInfo t = table(table);
        String path = t.entitySetName() + "(" + Query.enc(key.segment()) + ")"
                + (select.length == 0 ? "" : "?$select=" + Query.enc(String.join(",", List.of(select))));
        try {
            return Optional.of(PageReader.single(send(read(path)).body()));
        } catch (DataverseException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    // ---- writes ----

    /**
     * Creates a row; returns its id. The row gets a client-assigned id unless {@code values} carry the
     * primary id, so the request is resent after any passing failure: when the service answers that the id
     * exists and the row holds the values sent, that row is the one this call (or an earlier run) wrote and
     * its id is returned; a row with other values is a CONFLICT.
     */
    public UUID create(String table, Map<String, ?> values) {
        requireWritable("create");
        TableInfo t = table(table);
        Map<String, Object> v = AlreadyWritten.withId(values, t);
        UUID id = UUID.fromString(v.get(t.primaryIdAttribute()).toString());
        PipelineRequest r = write("POST", t.entitySetName(), Payload.json(v), true);
        PipelineResponse resp = transport.exchange(r);
        if (!resp.isSuccess()) {
            AlreadyWritten.created(this, t, id, v, Transport.error(r, resp));
        }
        return id;
    }

    /**
     * Creates a row and returns it as stored ({@code Prefer: return=representation}); idempotent like
     * {@link #create}.
     */
    public Row createAndReturn(String table, Map<String, ?> values, String... select) {
        requireWritable("createAndReturn");
        TableInfo t = table(table);
        Map<String, Object> v = AlreadyWritten.withId(values, t);
        UUID id = UUID.fromString(v.get(t.primaryIdAttribute()).toString());
        String path = t.entitySetName() + (select.length == 0 ? "" : "?$select=" + Query.enc(String.join(",",
                List.of(select))));
        PipelineRequest r = write("POST", path, Payload.json(v), true);
        r.header(DataverseHeaders.PREFER, DataverseHeaders.PREFER_RETURN_REPRESENTATION);
        PipelineResponse resp = transport.exchange(r);
        if (resp.isSuccess()) {
            return PageReader.single(resp.body());
        }
        AlreadyWritten.created(this, t, id, v, Transport.error(r, resp));
        return get(table, RecordKey.of(id), select).orElseThrow(() -> Transport.error(r, resp));
    }

    /** Updates an existing row only ({@code If-Match: *}); NOT_FOUND when it is missing. */
    public void update(String table, RecordKey key, Map<String, ?> values) {
        update(table, key, values, null);
    }

    /** Updates only if the row still has {@code etag} (optimistic concurrency); CONFLICT when it changed. */
    public void update(String table, RecordKey key, Map<String, ?> values, String etag) {
        requireWritable("update");
        TableInfo t = table(table);
        PipelineRequest r = write("PATCH", t.entitySetName() + "(" + Query.enc(key.segment()) + ")",
                Payload.json(values), true);
        r.header(DataverseHeaders.IF_MATCH, etag == null ? "*" : etag);
        PipelineResponse resp = transport.exchange(r);
        if (resp.isSuccess()) {
            return;
        }
        DataverseException e = Transport.error(r, resp);
        // a stale etag after an attempt whose answer was lost: the lost attempt may be what changed it
        if (etag != null && resp.status() == 412 && resp.afterUnknownOutcome()
                && AlreadyWritten.holds(this, t.logicalName(), key, values)) {
            return;
        }
        throw e;
    }

    /** Creates or updates by id or alternate key; tells which happened. */
    public UpsertResult upsert(String table, RecordKey key, Map<String, ?> values, UpsertOptions mode) {
        requireWritable("upsert");
        TableInfo t = table(table);
        PipelineRequest r = write("PATCH", t.entitySetName() + "(" + Query.enc(key.segment()) + ")?$select="
                + t.primaryIdAttribute(), Payload.json(values), true);
        r.header(DataverseHeaders.PREFER, DataverseHeaders.PREFER_RETURN_REPRESENTATION);
        switch (mode) {
            case CREATE_ONLY -> r.header(DataverseHeaders.IF_NONE_MATCH, "*");
            case UPDATE_ONLY -> r.header(DataverseHeaders.IF_MATCH, "*");
            default -> { }
        }
        PipelineResponse resp = send(r);
        Row row = PageReader.single(resp.body());
        return new UpsertResult(row.getUuid(t.primaryIdAttribute()), resp.status() == 201);
    }

    public UpsertResult upsert(String table, RecordKey key, Map<String, ?> values) {
        return upsert(table, key, values, UpsertOptions.UPSERT);
    }

    /** Deletes a row; NOT_FOUND when it is missing (not when a resend finds it gone: a lost attempt deleted it). */
    public void delete(String table, RecordKey key) {
        delete(table, key, null);
    }

    /** Deletes only if the row still has {@code etag}. */
    public void delete(String table, RecordKey key, String etag) {
        requireWritable("delete");
        TableInfo t = table(table);
        PipelineRequest r = write("DELETE", t.entitySetName() + "(" + Query.enc(key.segment()) + ")", null, true);
        if (etag != null) {
            r.header(DataverseHeaders.IF_MATCH, etag);
        }
        PipelineResponse resp = transport.exchange(r);
        // not found after an attempt whose answer was lost: that attempt deleted it
        if (!resp.isSuccess() && !(resp.status() == 404 && resp.afterUnknownOutcome())) {
            throw Transport.error(r, resp);
        }
    }

    /** Adds {@code related} to the collection navigation {@code navigation} of a row. */
    public void associate(String table, RecordKey key, String navigation, String relatedTable, RecordKey related) {
        requireWritable("associate");
        TableInfo t = table(table);
        TableInfo rt = table(relatedTable);
        ODataLiteral.name(navigation);
        String body = "{\"@odata.id\":" + Transport.JSON.valueToTree(serviceRoot() + rt.entitySetName() + "("
                + related.segment() + ")") + "}";
        send(write("POST", t.entitySetName() + "(" + Query.enc(key.segment()) + ")/" + navigation + "/$ref",
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8), true));
    }

    /** Removes {@code related} from the collection navigation {@code navigation} of a row. */
    public void disassociate(String table, RecordKey key, String navigation, String relatedTable, RecordKey related) {
        requireWritable("disassociate");
        TableInfo t = table(table);
        table(relatedTable);
        ODataLiteral.name(navigation);
        send(write("DELETE", t.entitySetName() + "(" + Query.enc(key.segment()) + ")/" + navigation + "("
                + Query.enc(related.segment()) + ")/$ref", null, true));
    }

    // ---- metadata ----

    /**
     * A table's metadata (columns with types, required levels, lengths, lookup targets, choice labels;
     * alternate keys), by logical or entity set name; loaded on first use from {@code EntityDefinitions}
     * for this table only, then cached for the client's life.
     */
    public TableMetadata metadata(String table) {
        return metadata.get(table);
    }

    /** Every table's names (logical, entity set, primary id and name), in one light request; not cached. */
    public List<TableInfo> tables() {
        return metadata.tables();
    }

    // ---- batch, bulk, change tracking ----

    /** Sends a batch, stopping at the first failure; see {@link #batch(Batch, BatchOptions)}. */
    public BatchResult batch(Batch batch) {
        return batch(batch, BatchOptions.DEFAULTS);
    }

    /**
     * Sends a batch in {@code $batch} requests of at most 1000 operations (change sets are never split)
     * and returns an outcome for every operation, in input order.
     */
    public BatchResult batch(Batch batch, BatchOptions options) {
        return new BatchRunner(this).run(batch, options);
    }

    /** {@code CreateMultiple} in chunks, in parallel; an outcome (with the new id) for every record. */
    public BulkResult createMultiple(String table, List<? extends Map<String, ?>> records, BulkOptions options) {
        return bulk(table, WriteMode.CREATE, List.of(), records, options);
    }

    public BulkResult createMultiple(String table, List<? extends Map<String, ?>> records) {
        return createMultiple(table, records, BulkOptions.DEFAULTS);
    }

    /** {@code UpdateMultiple} by primary key: every record carries the table's primary id column. */
    public BulkResult updateMultiple(String table, List<? extends Map<String, ?>> records, BulkOptions options) {
        return bulk(table, WriteMode.UPDATE, List.of(), records, options);
    }

    public BulkResult updateMultiple(String table, List<? extends Map<String, ?>> records) {
        return updateMultiple(table, records, BulkOptions.DEFAULTS);
    }

    /**
     * {@code UpsertMultiple}: by the alternate key made of {@code keyColumns} (each target gets an
     * {@code @odata.id} such as {@code accounts(accountnumber='A-1')}), or by primary key when
     * {@code keyColumns} is empty.
     */
    public BulkResult upsertMultiple(String table, List<String> keyColumns, List<? extends Map<String, ?>> records,
            BulkOptions options) {
        return bulk(table, WriteMode.UPSERT, keyColumns, records, options);
    }

    public BulkResult upsertMultiple(String table, List<String> keyColumns, List<? extends Map<String, ?>> records) {
        return upsertMultiple(table, keyColumns, records, BulkOptions.DEFAULTS);
    }

    private BulkResult bulk(String table, WriteMode mode, List<String> key,
            List<? extends Map<String, ?>> records, BulkOptions options) {
        BulkOutcome[] outcomes = new BulkOutcome[records.size()];
        try (BulkWriter w = bulkWriter(table, mode, key, options, o -> outcomes[(int) o.index()] = o)) {
            records.forEach(w::add);
        }
        return new BulkResult(Arrays.asList(outcomes));
    }

    /**
     * A streaming bulk writer for imports of any size in constant memory: create, update (by primary
     * key or {@code keyColumns}), upsert, or delete (as continue-on-error batches). Each record's
     * outcome goes to {@code sink}, from worker threads.
     */
    public BulkWriter bulkWriter(String table, WriteMode mode, List<String> keyColumns,
            BulkOptions options, Consumer<BulkOutcome> sink) {
        requireWritable("bulk " + mode.name().toLowerCase());
        keyColumns.forEach(ODataLiteral::name);
        TableInfo t = table(table);
        int parallel = options.maxParallel() > 0 ? Math.min(options.maxParallel(), gate.limit()) : gate.limit();
        return new BulkWriter(s -> new BulkChunkSender(this, mode, t, keyColumns, options.skipUnchanged(), s),
                mode == WriteMode.CREATE ? t.primaryIdAttribute() : null, options.chunkSize(), parallel, sink);
    }

    /**
     * Change tracking: with {@code deltaToken} null, every row and a token; with a token, the rows
     * created or changed since and the ids of rows deleted since, and the next token. An expired or
     * unknown token fails with a CONFLICT {@link DataverseException} that says to resync.
     */
    public Changes changes(String table, List<String> select, String deltaToken) {
        return changes(table, select, deltaToken, ChangeTrackingOptions.DEFAULTS);
    }

    public Changes changes(String table, List<String> select, String deltaToken, ChangeTrackingOptions options) {
        return changes.read(table, select, deltaToken, options);
    }

    // ---- plumbing ----

    PipelineResponse send(PipelineRequest r) {
        return transport.send(r);
    }

    Transport transport() {
        return transport;
    }

    PipelineRequest read(String pathAndQuery) {
        PipelineRequest r = PipelineRequest.get(transport.uri(pathAndQuery));
        decorate(r);
        return r;
    }

    /** A GET of an absolute URL the service gave (a nextLink), with this client's request headers. */
    PipelineRequest readUrl(URI url) {
        PipelineRequest r = PipelineRequest.get(url);
        decorate(r);
        return r;
    }

    /** A POST that only reads (a $batch of gets): allowed on read-only connections, safe to resend. */
    PipelineRequest readByPost(String pathAndQuery, byte[] body) {
        PipelineRequest r = new PipelineRequest("POST", transport.uri(pathAndQuery), body, true);
        decorate(r);
        return r;
    }

    /** Refuses writes on a read-only connection before anything is sent. */
    void requireWritable(String operation) {
        if (readOnly) {
            throw new SluiceException(ErrorKind.FORBIDDEN, "'" + identity + "' is read-only: " + operation
                    + " refused before anything was sent; edit the connection to allow writes");
        }
    }

    PipelineRequest write(String method, String pathAndQuery, byte[] body, boolean retrySafe) {
        requireWritable(method);
        PipelineRequest r = new PipelineRequest(method, transport.uri(pathAndQuery), body, retrySafe);
        decorate(r);
        for (String[] h : extraHeaders) {
            r.header(h[0], h[1]);
        }
        return r;
    }

    boolean readOnly() {
        return readOnly;
    }

    private void decorate(PipelineRequest r) {
        if (impersonate != null) {
            r.header(DataverseHeaders.CALLER_OBJECT_ID, impersonate.toString());
        }
    }

    private static JsonNode json(PipelineResponse r) {
        try {
            return Transport.JSON.readTree(r.body());
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.TRANSIENT, "Dataverse sent a response that is not valid JSON", e);
        }
    }
}
