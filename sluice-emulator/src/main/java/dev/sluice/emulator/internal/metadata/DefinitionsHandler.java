package dev.sluice.emulator.internal.metadata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.internal.EmulatorContext;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.http.ResourcePath;

/**
 * Serves metadata queries (fact sheet §A.7): {@code EntityDefinitions} with its {@code Attributes},
 * {@code Keys} and relationships, {@code RelationshipDefinitions} and {@code GlobalOptionSetDefinitions},
 * with {@code $select}, {@code $filter}, {@code $expand} and type casts. All matches come back in one
 * response (metadata queries have no paging). Metadata is read-only here: writes get a 405. The
 * definitions are built once from the org's immutable schema, so this handler is thread-safe.
 */
public final class DefinitionsHandler {
    private static final String GLOBAL_OPTION_SETS = "GlobalOptionSetDefinitions";

    private final MetadataPath paths;

    public DefinitionsHandler(EmulatorContext ctx) {
        this.paths = new MetadataPath(new DefinitionCatalog(ctx.store().schema()));
    }

    /** Answers a request whose first segment is one of the definition sets. */
    public ApiResponse handle(ApiRequest request, ResourcePath path) {
        String method = request.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw MetadataErrors.metadataChange(method, path.get(0).name());
        }
        MetadataQuery query = MetadataQuery.of(request);
        if (path.get(0).name().equals(GLOBAL_OPTION_SETS) && path.size() == 1 && !path.get(0).hasKey()
                && query.filter() != null) {
            throw MetadataErrors.badQuery("GlobalOptionSetDefinitions does not support $filter; retrieve one "
                    + "option set by MetadataId or by Name: GlobalOptionSetDefinitions(Name='…').");
        }
        String metadata = request.baseUrl() + "$metadata#";
        MetadataTarget target = paths.resolve(path);
        if (target instanceof MetadataTarget.Many many) {
            Projection.check(many.type(), query, true);
            ObjectNode body = Json.object();
            body.put("@odata.context", metadata + many.context() + query.contextClause());
            ArrayNode value = body.putArray("value");
            for (Definition d : Projection.filter(many.items(), many.type(), query)) {
                value.add(Projection.render(d, many.type(), query));
            }
            return ApiResponse.json(200, Json.bytes(body));
        }
        if (target instanceof MetadataTarget.One one) {
            Projection.check(one.type(), query, false);
            if (one.item() == null) {
                return ApiResponse.of(204).header("OData-Version", "4.0");
            }
            ObjectNode body = Json.object();
            body.put("@odata.context", metadata + one.entityContext() + query.contextClause() + "/$entity");
            body.setAll(Projection.render(one.item(), one.type(), query));
            return ApiResponse.json(200, Json.bytes(body));
        }
        MetadataTarget.Value v = (MetadataTarget.Value) target;
        if (query.select() != null || query.filter() != null || !query.expand().isEmpty()) {
            throw MetadataErrors.badQuery("Query options cannot be applied to the single property '"
                    + path.last().name() + "'.");
        }
        ObjectNode body = Json.object();
        body.put("@odata.context", metadata + v.context());
        if (v.value() instanceof ObjectNode complex) {
            body.setAll(complex);
        } else {
            body.set("value", v.value());
        }
        return ApiResponse.json(200, Json.bytes(body));
    }
}
