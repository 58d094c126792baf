package dev.sluice.emulator.internal;

import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.emulator.internal.batch.BatchHandler;
import dev.sluice.emulator.internal.batch.BulkHandler;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Caller;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.http.ResourcePath;
import dev.sluice.emulator.internal.identity.IdentityService;
import dev.sluice.emulator.internal.limits.ServerTime;
import dev.sluice.emulator.internal.limits.ServiceProtection;
import dev.sluice.emulator.internal.metadata.DefinitionsHandler;
import dev.sluice.emulator.internal.odata.MetadataDocument;
import dev.sluice.emulator.internal.query.ReadHandler;
import dev.sluice.emulator.internal.schema.TableDef;
import dev.sluice.emulator.internal.write.RowWrites;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Dataverse Web API: authenticates, applies service protection limits, routes by resource path,
 * and turns failures into Dataverse's error JSON (never a stack trace). Thread-safe.
 */
public final class DataverseService {
    private static final Logger LOG = LoggerFactory.getLogger(DataverseService.class);
    private static final String BOUND = "Microsoft.Dynamics.CRM.";

    private final EmulatorContext ctx;
    private final IdentityService identity;
    private final ServiceProtection protection;
    private final ReadHandler reads;
    private final RowWrites writes;
    private final MetadataDocument metadata;
    private final DefinitionsHandler definitions;
    private final BatchHandler batch;
    private final BulkHandler bulk;

    public DataverseService(EmulatorContext ctx, IdentityService identity) {
        this.ctx = ctx;
        this.identity = identity;
        this.protection = new ServiceProtection(ctx);
        this.reads = new ReadHandler(ctx);
        this.writes = new RowWrites(ctx, reads);
        this.metadata = new MetadataDocument(ctx);
        this.definitions = new DefinitionsHandler(ctx);
        this.batch = new BatchHandler(ctx, this::dispatch);
        this.bulk = new BulkHandler(ctx, writes);
    }

    public ServiceProtection protection() {
        return protection;
    }

    /** Handles one HTTP request to the Web API; never throws. */
    public ApiResponse handle(ApiRequest request) {
        String requestId = UUID.randomUUID().toString();
        ApiResponse response;
        try {
            Caller caller = identity.authenticate(request);
            ApiRequest authenticated = request.withCaller(caller);
            response = protection.run(authenticated, () -> dispatch(authenticated));
        } catch (ApiException e) {
            response = error(e);
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure handling {} {}", request.method(), pathOnly(request), e);
            response = ApiResponse.json(500, Json.error("0x80040216", "An unexpected error occurred."));
        }
        response.header("x-ms-service-request-id", requestId);
        if (response.status() >= 400) {
            response.header("REQ_ID", requestId);
        }
        return response;
    }

    /** Routes one authenticated request (also used for each part of a {@code $batch}); never throws. */
    public ApiResponse dispatch(ApiRequest request) {
        try {
            return route(request);
        } catch (ApiException e) {
            return error(e);
        }
    }

    /** The Dataverse error response for an {@link ApiException}. */
    public static ApiResponse error(ApiException e) {
        ApiResponse r = ApiResponse.json(e.status(), Json.error(e.code(), e.getMessage()));
        e.headers().asMap().forEach((name, values) -> values.forEach(v -> r.header(name, v)));
        return r;
    }

    private ApiResponse route(ApiRequest request) {
        ResourcePath path = ResourcePath.parse(request.path());
        String method = request.method();
        if (path.isEmpty()) {
            requireMethod(method, "GET");
            return ServiceDocument.get(ctx, request);
        }
        String first = path.get(0).name();
        switch (first) {
            case "$metadata" -> {
                requireMethod(method, "GET");
                return metadata.get(request);
            }
            case "$batch" -> {
                requireMethod(method, "POST");
                return batch.handle(request);
            }
            case "WhoAmI" -> {
                requireMethod(method, "GET");
                return ServiceDocument.whoAmI(request);
            }
            case "EntityDefinitions", "RelationshipDefinitions", "GlobalOptionSetDefinitions" -> {
                return definitions.handle(request, path);
            }
            default -> {
                // an entity set; handled below
            }
        }
        TableDef table = ctx.store().schema().tableBySet(first);
        if (table == null) {
            throw new ApiException(404, "0x0", "Resource not found for the segment '" + first + "'.");
        }
        String last = path.last().name();
        boolean bulkMessage = method.equals("POST") && path.size() == 2 && last.startsWith(BOUND);
        if (!method.equals("GET") && !bulkMessage) {
            // one record written singly: its own request or one operation of a $batch (the latency profile's "write")
            ServerTime.recordsWritten(1);
        }
        return switch (method) {
            case "GET" -> reads.get(request, path, table);
            case "POST" -> {
                if (path.size() == 1 && !path.get(0).hasKey()) {
                    yield writes.create(request, table);
                }
                if (path.size() == 2 && !path.get(0).hasKey() && last.startsWith(BOUND)) {
                    yield bulk.handle(request, table, last.substring(BOUND.length()));
                }
                if (last.equals("$ref") && path.size() == 3) {
                    yield writes.associate(request, path, table);
                }
                throw notAllowed(method, path);
            }
            case "PATCH" -> {
                if (path.size() == 1 && path.get(0).hasKey()) {
                    yield writes.patch(request, table, path.get(0).key());
                }
                throw notAllowed(method, path);
            }
            case "PUT" -> {
                if (path.size() == 2 && path.get(0).hasKey()) {
                    yield writes.putProperty(request, table, path);
                }
                if (path.size() == 3 && path.get(0).hasKey() && last.equals("$ref")) {
                    yield writes.setReference(request, path, table);
                }
                throw notAllowed(method, path);
            }
            case "DELETE" -> {
                if (path.size() == 1 && path.get(0).hasKey()) {
                    yield writes.delete(request, table, path.get(0).key());
                }
                if (path.size() == 2 && path.get(0).hasKey()) {
                    yield writes.deleteProperty(request, table, path);
                }
                if (path.size() == 3 && path.get(0).hasKey() && last.equals("$ref")) {
                    yield writes.removeReference(request, path, table);
                }
                throw notAllowed(method, path);
            }
            default -> throw notAllowed(method, path);
        };
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new ApiException(405, DataverseErrorCodes.QUERY_NOT_SUPPORTED,
                    "The HTTP method '" + method + "' is not allowed on this resource; use " + allowed + ".");
        }
    }

    private static ApiException notAllowed(String method, ResourcePath path) {
        return new ApiException(405, DataverseErrorCodes.QUERY_NOT_SUPPORTED,
                "The HTTP method '" + method + "' is not supported on the resource '"
                        + path.segments().stream().map(s -> s.name()).reduce((a, b) -> a + "/" + b).orElse("")
                        + "'.");
    }

    private static String pathOnly(ApiRequest request) {
        String p = request.path();
        return p.length() > 200 ? p.substring(0, 200) : p;
    }
}
