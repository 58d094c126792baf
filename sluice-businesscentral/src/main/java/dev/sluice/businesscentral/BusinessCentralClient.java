package dev.sluice.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.businesscentral.internal.BcTransport;
import dev.sluice.businesscentral.internal.EntityJson;
import dev.sluice.businesscentral.internal.EntityPages;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.http.HttpPipeline;
import dev.sluice.http.PipelineRequest;
import dev.sluice.http.ServicePipeline;
import dev.sluice.http.ThrottleGate;
import dev.sluice.http.ThrottleGates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import dev.sluice.core.OutboundHttp;
import dev.sluice.core.OutboundPolicy;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The Business Central API v2.0 client for one tenant, environment and identity:
 * {@code {host}/v2.0/{tenant}/{environment}/api/v2.0/companies({id})/…}. Reads carry
 * {@code Data-Access-Intent: ReadOnly} and page by {@code @odata.nextLink}; updates send the entity's
 * {@code @odata.etag} in {@code If-Match}, as Business Central requires; {@code $batch} is JSON, transactional with
 * {@code Isolation: snapshot}. Every request goes through the same policy pipeline as the Dataverse client's
 * ({@code sluice-http}): a 429 pauses the identity for {@code Retry-After}. Built by
 * {@link BusinessCentralClientBuilder}; immutable and thread-safe.
 */
public final class BusinessCentralClient {
    /** Microsoft's operational limits: at most 100 operations in one {@code $batch}. */
    public static final int MAX_BATCH_OPERATIONS = 100;
    private static final String ENTITY_SET = "[A-Za-z][A-Za-z0-9]*";

    private final BcTransport transport;
    private final ThrottleGate gate;
    private final boolean readOnly;
    private final int pageSize;
    private final String identity;

    BusinessCentralClient(BusinessCentralClientBuilder b) {
        URI root = URI.create(b.apiHost + "/v2.0/" + enc(b.tenant) + "/" + enc(b.environment) + "/api/v2.0/");
        this.identity = b.credential.identity();
        this.gate = ThrottleGates.forIdentity(identity, root.toString(), b.clock, b.maxConcurrency);
        HttpClient http = b.httpClient != null ? b.httpClient : (b.outbound != null ? b.outbound
                : OutboundHttp.of(OutboundPolicy.origins(b.apiHost))).httpClient();
        HttpPipeline pipeline = ServicePipeline.build("businesscentral", gate, b.retry, b.credential, b.clock,
                b.sleeper, http, b.timeout);
        this.transport = new BcTransport(pipeline, root);
        this.readOnly = b.readOnly;
        this.pageSize = b.pageSize;
    }

    public static BusinessCentralClientBuilder builder() {
        return new BusinessCentralClientBuilder();
    }

    /** The API root, e.g. {@code https://api.businesscentral.dynamics.com/v2.0/{tenant}/production/api/v2.0/}. */
    public URI serviceRoot() {
        return transport.serviceRoot();
    }

    /** Who the requests act as (the credential's identity). */
    public String identity() {
        return identity;
    }

    /** The identity's throttle gate (shared with every client of the same identity and environment). */
    public ThrottleGate gate() {
        return gate;
    }

    // ---- reads ----

    /** The environment's companies. */
    public List<Company> companies() {
        List<Company> out = new ArrayList<>();
        Iterator<Entity> it = new EntityPages(transport, transport.uri("companies"), this::read);
        it.forEachRemaining(e -> out.add(new Company(e.id(), e.getString("name"), e.getString("displayName"))));
        return out;
    }

    /** The company with this id or name; NOT_FOUND naming the companies there are. */
    public Company company(String nameOrId) {
        List<Company> all = companies();
        return all.stream().filter(c -> c.id().toString().equalsIgnoreCase(nameOrId) || c.name().equals(nameOrId))
                .findFirst().orElseThrow(() -> new SluiceException(ErrorKind.NOT_FOUND, "no company '" + nameOrId
                        + "' in Business Central environment " + environmentName() + "; its companies are "
                        + all.stream().map(Company::name).toList()));
    }

    /** Runs a query lazily; pages are fetched while iterating, following {@code @odata.nextLink} as given. */
    public Iterable<Entity> query(UUID company, EntityQuery q) {
        URI first = transport.uri(companyPath(company) + q.entitySet() + options(q));
        return () -> new EntityPages(transport, first, this::read);
    }

    /** {@link #query} as a stream. */
    public Stream<Entity> stream(UUID company, EntityQuery q) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(query(company, q).iterator(), 0), false);
    }

    /** One entity by id, or empty when Business Central says it does not exist. */
    public Optional<Entity> get(UUID company, String entitySet, UUID id, String... expand) {
        String query = expand.length == 0 ? "" : "?$expand=" + enc(String.join(",", expand));
        try {
            return Optional.of(entity(transport.send(read(transport.uri(entityPath(company, entitySet, id)
                    + query))).body()));
        } catch (BusinessCentralException e) {
            if (e.kind() == ErrorKind.NOT_FOUND && "BadRequest_NotFound".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    // ---- writes ----

    /** Creates an entity; Business Central answers with all its properties, id, number and etag. */
    public Entity create(UUID company, String entitySet, Map<String, Object> values) {
        requireWritable("create in " + entitySet);
        PipelineRequest r = new PipelineRequest("POST", transport.uri(companyPath(company) + set(entitySet)),
                bytes(EntityJson.body(values)), false);
        return entity(transport.send(r).body());
    }

    /**
     * Updates an entity; {@code etag} is its {@code @odata.etag} as read (or {@code *} to overwrite whatever is
     * there). A stale etag is a CONFLICT ({@code Request_EntityChanged}).
     */
    public Entity update(UUID company, String entitySet, UUID id, Map<String, Object> values, String etag) {
        requireWritable("update in " + entitySet);
        if (etag == null || etag.isBlank()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "updating " + entitySet + "(" + id + ") needs its "
                    + "@odata.etag (or *) for If-Match: Business Central requires it");
        }
        PipelineRequest r = new PipelineRequest("PATCH", transport.uri(entityPath(company, entitySet, id)),
                bytes(EntityJson.body(values)), true).header("If-Match", etag);
        return entity(transport.send(r).body());
    }

    /** Deletes an entity; with an etag only if it is unchanged. */
    public void delete(UUID company, String entitySet, UUID id, String etag) {
        requireWritable("delete in " + entitySet);
        PipelineRequest r = new PipelineRequest("DELETE", transport.uri(entityPath(company, entitySet, id)), null, true);
        if (etag != null) {
            r.header("If-Match", etag);
        }
        transport.send(r);
    }

    /**
     * Sends operations as JSON {@code $batch} requests of at most 100 and returns an answer per operation in order.
     * {@code isolated} sends {@code Isolation: snapshot}: Business Central runs the batch as one transaction and undoes
     * every change when one fails (then at most 100 operations, since a batch is never split).
     */
    public List<BatchResponse> batch(List<BatchOperation> operations, boolean isolated) {
        if (operations.isEmpty()) {
            return List.of();
        }
        requireWritable("a $batch");
        if (isolated && operations.size() > MAX_BATCH_OPERATIONS) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "an isolated $batch runs as one transaction and holds "
                    + "at most " + MAX_BATCH_OPERATIONS + " operations, got " + operations.size());
        }
        List<BatchResponse> out = new ArrayList<>(operations.size());
        for (int from = 0; from < operations.size(); from += MAX_BATCH_OPERATIONS) {
            out.addAll(sendBatch(operations.subList(from, Math.min(operations.size(), from + MAX_BATCH_OPERATIONS)),
                    from, isolated));
        }
        return out;
    }

    private List<BatchResponse> sendBatch(List<BatchOperation> ops, int offset, boolean isolated) {
        ObjectNode body = BcTransport.JSON.createObjectNode();
        ArrayNode requests = body.putArray("requests");
        for (int i = 0; i < ops.size(); i++) {
            BatchOperation op = ops.get(i);
            ObjectNode r = requests.addObject();
            r.put("id", Integer.toString(i));
            r.put("method", op.method());
            r.put("url", op.id() == null ? companyPath(op.company()) + set(op.entitySet())
                    : entityPath(op.company(), op.entitySet(), op.id()));
            ObjectNode headers = r.putObject("headers");
            if (op.values() != null) {
                headers.put("Content-Type", "application/json");
                r.set("body", EntityJson.body(op.values()));
            }
            if (op.etag() != null) {
                headers.put("If-Match", op.etag());
            }
        }
        PipelineRequest r = new PipelineRequest("POST", transport.uri("$batch"), bytes(body), false)
                .header("Content-Type", "application/json").header("Accept", "application/json");
        if (isolated) {
            r.header("Isolation", "snapshot");
        }
        JsonNode answer = json(transport.send(r).body());
        BatchResponse[] out = new BatchResponse[ops.size()];
        int position = 0;
        for (JsonNode part : answer.path("responses")) {
            // responses may come in another order: match by id, else by position
            int i = part.hasNonNull("id") ? Integer.parseInt(part.get("id").asText()) : position;
            position++;
            int status = part.path("status").asInt();
            JsonNode b = part.get("body");
            if (status >= 400) {
                out[i] = new BatchResponse(offset + i, status, null, b == null ? null : b.at("/error/code").asText(null),
                        b == null ? null : b.at("/error/message").asText(null));
            } else {
                out[i] = new BatchResponse(offset + i, status, b == null || !b.isObject() ? null : EntityJson.entity(b),
                        null, null);
            }
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                out[i] = new BatchResponse(offset + i, 0, null, null, "Business Central sent no answer for this "
                        + "operation of the $batch");
            }
        }
        return List.of(out);
    }

    // ---- helpers ----

    private PipelineRequest read(URI uri) {
        return PipelineRequest.get(uri).header("Data-Access-Intent", "ReadOnly")
                .header("Prefer", "odata.maxpagesize=" + pageSize);
    }

    private void requireWritable(String what) {
        if (readOnly) {
            throw new SluiceException(ErrorKind.FORBIDDEN, "this Business Central connection is read-only; " + what
                    + " was refused before anything was sent");
        }
    }

    private String environmentName() {
        String p = transport.serviceRoot().getPath();
        String[] parts = p.split("/");
        return parts.length > 3 ? parts[3] : p;
    }

    private static String companyPath(UUID company) {
        return "companies(" + company + ")/";
    }

    private static String entityPath(UUID company, String entitySet, UUID id) {
        return companyPath(company) + set(entitySet) + "(" + id + ")";
    }

    private static String set(String entitySet) {
        if (entitySet == null || !entitySet.matches(ENTITY_SET)) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "'" + entitySet + "' is not an entity set name such "
                    + "as customers");
        }
        return entitySet;
    }

    private static String options(EntityQuery q) {
        List<String> parts = new ArrayList<>();
        if (!q.select().isEmpty()) {
            parts.add("$select=" + enc(String.join(",", q.select())));
        }
        if (q.filter() != null && !q.filter().isBlank()) {
            parts.add("$filter=" + enc(q.filter()));
        }
        if (!q.orderBy().isEmpty()) {
            parts.add("$orderby=" + enc(String.join(",", q.orderBy())));
        }
        if (q.top() != null) {
            parts.add("$top=" + q.top());
        }
        if (!q.expand().isEmpty()) {
            parts.add("$expand=" + enc(String.join(",", q.expand())));
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Entity entity(byte[] body) {
        return EntityJson.entity(json(body));
    }

    private static JsonNode json(byte[] body) {
        try {
            return BcTransport.JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Business Central sent an answer that is not JSON", e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return BcTransport.JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
