package dev.sluice.emulator.internal.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.core.DataverseHeaders;
import dev.sluice.emulator.internal.EmulatorContext;
import dev.sluice.emulator.internal.data.KeyResolver;
import dev.sluice.emulator.internal.data.OrgStore;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.limits.ServerTime;
import dev.sluice.emulator.internal.schema.TableDef;
import dev.sluice.emulator.internal.write.RowWrites;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Serves the bulk messages CreateMultiple, UpdateMultiple and UpsertMultiple on standard tables
 * (fact sheet §D.3): all targets run in one store transaction, so one failing target rolls back
 * every other, and the error names the failing target's index. DeleteMultiple answers as Dataverse
 * does for standard tables. Thread-safe.
 */
public final class BulkHandler {
    private final EmulatorContext ctx;
    private final RowWrites writes;

    public BulkHandler(EmulatorContext ctx, RowWrites writes) {
        this.ctx = ctx;
        this.writes = writes;
    }

    /** {@code action} is the unqualified name, e.g. {@code CreateMultiple}. */
    public ApiResponse handle(ApiRequest request, TableDef table, String action) {
        return switch (action) {
            case "CreateMultiple" -> createMultiple(request, table);
            case "UpdateMultiple" -> each(request, table, action, (tx, target, i) -> update(tx, request, table,
                    target, i));
            case "UpsertMultiple" -> each(request, table, action, (tx, target, i) -> upsert(tx, request, table,
                    target, i));
            // Fact sheet §D.3: DeleteMultiple is for elastic tables only; standard tables get this answer
            case "DeleteMultiple" -> throw ApiException.badRequest(DataverseErrorCodes.NOT_SUPPORTED,
                    "DeleteMultiple has not yet been implemented.");
            default -> throw ApiException.notFound("0x0",
                    "Resource not found for the segment 'Microsoft.Dynamics.CRM." + action + "'.");
        };
    }

    private ApiResponse createMultiple(ApiRequest request, TableDef table) {
        List<ObjectNode> targets = BulkTargets.read(request, table, "CreateMultiple");
        ServerTime.bulkRecords(targets.size());
        List<UUID> ids = ctx.store().write(tx -> {
            List<UUID> created = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                try {
                    created.add(writes.createRow(tx, request, table, targets.get(i)));
                } catch (ApiException e) {
                    throw atTarget(i, "CreateMultiple", e);
                }
            }
            return created;
        });
        byte[] body = Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("@odata.context",
                    request.baseUrl() + "$metadata#Microsoft.Dynamics.CRM.CreateMultipleResponse");
            g.writeArrayFieldStart("Ids");
            for (UUID id : ids) {
                g.writeString(id.toString());
            }
            g.writeEndArray();
            g.writeEndObject();
        });
        return ApiResponse.json(200, body);
    }

    /** Runs {@code work} for every target in one transaction; 204 when all succeed. */
    private ApiResponse each(ApiRequest request, TableDef table, String action, TargetWork work) {
        List<ObjectNode> targets = BulkTargets.read(request, table, action);
        ServerTime.bulkRecords(targets.size());
        ctx.store().write(tx -> {
            for (int i = 0; i < targets.size(); i++) {
                try {
                    work.run(tx, targets.get(i), i);
                } catch (ApiException e) {
                    throw atTarget(i, action, e);
                }
            }
            return null;
        });
        return ApiResponse.of(204).header(DataverseHeaders.ODATA_VERSION, "4.0");
    }

    private void update(OrgStore.Tx tx, ApiRequest request, TableDef table, ObjectNode target, int i) {
        String key = BulkTargets.key(target, table, i, "UpdateMultiple");
        if (key == null) {
            throw ApiException.badRequest(DataverseErrorCodes.INVALID_ARGUMENT,
                    "every target of UpdateMultiple must carry its primary key '" + table.primaryIdAttribute()
                            + "' or an '@odata.id' with an alternate key.");
        }
        KeyResolver.ResolvedKey resolved = KeyResolver.resolve(ctx.store(), table, key);
        if (resolved.id() == null || ctx.store().get(table, resolved.id()) == null) {
            if (resolved.byAlternateKey()) {
                throw ApiException.notFound(DataverseErrorCodes.RECORD_NOT_FOUND_BY_ENTITY_KEY,
                        "A record with the specified key values does not exist in " + table.logicalName() + " entity");
            }
            throw KeyResolver.notFound(table, resolved.id().toString());
        }
        writes.updateRow(tx, request, table, resolved.id(), withoutReference(target));
    }

    private void upsert(OrgStore.Tx tx, ApiRequest request, TableDef table, ObjectNode target, int i) {
        String key = BulkTargets.key(target, table, i, "UpsertMultiple");
        if (key == null) {
            writes.createRow(tx, request, table, target);
        } else {
            writes.upsertRow(tx, request, table, key, withoutReference(target));
        }
    }

    private static ObjectNode withoutReference(ObjectNode target) {
        ObjectNode copy = target.deepCopy();
        copy.remove("@odata.id");
        return copy;
    }

    /** The target's error with its index in front, so the caller knows which record failed. */
    private static ApiException atTarget(int index, String action, ApiException e) {
        String prefix = "Targets[" + index + "]";
        if (e.getMessage() != null && e.getMessage().startsWith(prefix)) {
            return e;
        }
        ApiException named = new ApiException(e.status(), e.code(), prefix + " of " + action + ": " + e.getMessage());
        e.headers().asMap().forEach((n, vs) -> vs.forEach(v -> named.header(n, v)));
        return named;
    }

    /** One target's work inside the bulk transaction. */
    @FunctionalInterface
    private interface TargetWork {
        void run(OrgStore.Tx tx, ObjectNode target, int index);
    }
}
