package dev.sluice.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.OutboundHttp;
import dev.sluice.core.OutboundPolicy;
import dev.sluice.core.WriteMode;
import dev.sluice.dataverse.internal.Transport;
import dev.sluice.http.PipelineRequest;
import dev.sluice.http.PipelineResponse;
import dev.sluice.http.ServicePipeline;
import dev.sluice.http.ThrottleGate;
import dev.sluice.http.ThrottleGates;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The Dataverse Web API client: reads, writes, batches and bulk messages for one org and identity.
 * Built by {@link DataverseClientBuilder}; immutable and thread-safe. A thin facade: each kind of operation
 * lives in its own class ({@link RowReads}, {@link RowWrites}, {@link BulkWrites}, {@link BatchRunner},
 * {@link FetchXmlReader}, {@link ChangeReader}, {@link TableMetadataLoader}), all sending through one
 * {@link Requests}.
 */
public final class DataverseClient {
    private final Requests requests;
    private final ThrottleGate gate;
    private final int pageSize;
    private final String identity;
    private final TableNames tables;
    private final RowReads reads;
    private final RowWrites writes;
    private final BulkWrites bulk;
    private final TableMetadataLoader metadata = new TableMetadataLoader(this);
    private final ChangeReader changes;

    DataverseClient(DataverseClientBuilder b) {
        URI root = URI.create(b.orgUrl + "/api/data/v" + b.apiVersion + "/");
        this.identity = b.credential.identity();
        this.gate = ThrottleGates.forIdentity(identity, b.orgUrl.toString(), b.clock, b.maxConcurrency);
        HttpClient http = b.httpClient != null ? b.httpClient : (b.outbound != null ? b.outbound
                : OutboundHttp.of(OutboundPolicy.origins(b.orgUrl))).httpClient();
        Transport transport = new Transport(ServicePipeline.build("dataverse", gate, b.retry, b.credential, b.clock,
                b.sleeper, http, b.timeout), root);
        this.requests = new Requests(transport, b.readOnly, identity, b.extraHeaders, b.impersonate);
        this.pageSize = b.pageSize;
        this.tables = new TableNames(requests);
        this.reads = new RowReads(requests, tables, b.pageSize);
        this.writes = new RowWrites(this, requests);
        this.bulk = new BulkWrites(this, requests, gate);
        this.changes = new ChangeReader(this, b.pageSize);
    }

    public static DataverseClientBuilder builder() {
        return new DataverseClientBuilder();
    }

    /** The Web API service root, e.g. {@code https://contoso.crm.dynamics.com/api/data/v9.2/}. */
    public URI serviceRoot() {
        return requests.transport().serviceRoot();
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
        JsonNode n = Requests.json(send(read("WhoAmI")));
        return new WhoAmI(UUID.fromString(n.path("UserId").asText()),
                UUID.fromString(n.path("BusinessUnitId").asText()),
                UUID.fromString(n.path("OrganizationId").asText()));
    }

    /**
     * A table's names, by logical name ({@code account}) or entity set name ({@code accounts}); loaded
     * once from {@code EntityDefinitions} and cached.
     */
    public TableInfo table(String name) {
        return tables.get(name);
    }

    /** Runs a query lazily; pages are fetched while iterating, following {@code @odata.nextLink} as given. */
    public RowStream query(Query query) {
        return reads.query(query);
    }

    /**
     * One page of {@code pageSize} (1..5000) rows of a query without top, for callers that hand pages out one at a
     * time (an API's continuation): the first page for a null {@code skipToken}, else the next page after the one
     * whose {@link QueryPage#skipToken()} it is, asked for with the same query. Pages as Dataverse does for a
     * nextLink.
     */
    public QueryPage queryPage(Query query, int pageSize, String skipToken) {
        return reads.page(query, pageSize, skipToken);
    }

    /**
     * {@link #queryPage}'s page as the JSON Dataverse sent ({@code value}, {@code @odata.nextLink}: read the next
     * page's token with {@link QueryPage#skipTokenOf}), for a caller that passes rows on without reading them.
     */
    public byte[] queryPageJson(Query query, int pageSize, String skipToken) {
        return reads.pageJson(query, pageSize, skipToken);
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

    /** One row by id or alternate key, or empty when it does not exist. */
    public Optional<Row> get(String table, RecordKey key, String... select) {
        return reads.get(table, key, select);
    }

    // ---- writes ----

    /**
     * Creates a row; returns its id. The row gets a client-assigned id unless {@code values} carry the
     * primary id, so the request is resent after any passing failure: when the service answers that the id
     * exists and the row holds the values sent, that row is the one this call (or an earlier run) wrote and
     * its id is returned; a row with other values is a CONFLICT.
     */
    public UUID create(String table, Map<String, ?> values) {
        return writes.create(table, values);
    }

    /**
     * Creates a row and returns it as stored ({@code Prefer: return=representation}); idempotent like
     * {@link #create}.
     */
    public Row createAndReturn(String table, Map<String, ?> values, String... select) {
        return writes.createAndReturn(table, values, select);
    }

    /** Updates an existing row only ({@code If-Match: *}); NOT_FOUND when it is missing. */
    public void update(String table, RecordKey key, Map<String, ?> values) {
        update(table, key, values, null);
    }

    /** Updates only if the row still has {@code etag} (optimistic concurrency); CONFLICT when it changed. */
    public void update(String table, RecordKey key, Map<String, ?> values, String etag) {
        writes.update(table, key, values, etag);
    }

    /** Creates or updates by id or alternate key; tells which happened. */
    public UpsertResult upsert(String table, RecordKey key, Map<String, ?> values, UpsertOptions mode) {
        return writes.upsert(table, key, values, mode);
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
        writes.delete(table, key, etag);
    }

    /** Adds {@code related} to the collection navigation {@code navigation} of a row. */
    public void associate(String table, RecordKey key, String navigation, String relatedTable, RecordKey related) {
        writes.associate(table, key, navigation, relatedTable, related);
    }

    /** Removes {@code related} from the collection navigation {@code navigation} of a row. */
    public void disassociate(String table, RecordKey key, String navigation, String relatedTable, RecordKey related) {
        writes.disassociate(table, key, navigation, relatedTable, related);
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
        return bulk.write(table, WriteMode.CREATE, List.of(), records, options);
    }

    public BulkResult createMultiple(String table, List<? extends Map<String, ?>> records) {
        return createMultiple(table, records, BulkOptions.DEFAULTS);
    }

    /** {@code UpdateMultiple} by primary key: every record carries the table's primary id column. */
    public BulkResult updateMultiple(String table, List<? extends Map<String, ?>> records, BulkOptions options) {
        return bulk.write(table, WriteMode.UPDATE, List.of(), records, options);
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
        return bulk.write(table, WriteMode.UPSERT, keyColumns, records, options);
    }

    public BulkResult upsertMultiple(String table, List<String> keyColumns, List<? extends Map<String, ?>> records) {
        return upsertMultiple(table, keyColumns, records, BulkOptions.DEFAULTS);
    }

    /**
     * A streaming bulk writer for imports of any size in constant memory: create, update (by primary
     * key or {@code keyColumns}), upsert, or delete (as continue-on-error batches). Each record's
     * outcome goes to {@code sink}, from worker threads.
     */
    public BulkWriter bulkWriter(String table, WriteMode mode, List<String> keyColumns,
            BulkOptions options, Consumer<BulkOutcome> sink) {
        return bulk.writer(table, mode, keyColumns, options, sink);
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

    // ---- plumbing, for the per-operation classes of this package ----

    PipelineResponse send(PipelineRequest r) {
        return requests.send(r);
    }

    Transport transport() {
        return requests.transport();
    }

    PipelineRequest read(String pathAndQuery) {
        return requests.read(pathAndQuery);
    }

    PipelineRequest readUrl(URI url) {
        return requests.readUrl(url);
    }

    PipelineRequest readByPost(String pathAndQuery, byte[] body) {
        return requests.readByPost(pathAndQuery, body);
    }

    void requireWritable(String operation) {
        requests.requireWritable(operation);
    }

    PipelineRequest write(String method, String pathAndQuery, byte[] body, boolean retrySafe) {
        return requests.write(method, pathAndQuery, body, retrySafe);
    }

    boolean readOnly() {
        return requests.readOnly();
    }
}
