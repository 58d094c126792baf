package dev.sluice.emulator.internal.write;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.emulator.internal.data.SystemColumns;
import dev.sluice.emulator.internal.data.ValueCodec;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.http.ResourcePath;
import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.TableDef;

/** Writes of one column through its own URL ({@code accounts(id)/name}), fact sheet §B.6. Thread-safe. */
final class PropertyWrites {
    private final StoredRows rows;

    PropertyWrites(StoredRows rows) {
        this.rows = rows;
    }

    /** {@code PUT accounts(id)/name} with {@code {"value":…}}. */
    ApiResponse putProperty(ApiRequest request, TableDef table, ResourcePath path) {
        ColumnDef column = writableColumn(table, path.get(1).name());
        ObjectNode body = Json.parseObject(request.body(), table.entitySetName());
        if (!body.has("value")) {
            throw ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                    "The body of a single-property PUT must be {\"value\": …}.");
        }
        Object value = ValueCodec.fromJson(table, column, body.get("value"));
        setColumn(request, table, path.get(0).key(), column, value);
        return ApiResponse.of(204).header("OData-Version", "4.0");
    }

    /** {@code DELETE accounts(id)/description}: clears one column. */
    ApiResponse deleteProperty(ApiRequest request, TableDef table, ResourcePath path) {
        ColumnDef column = writableColumn(table, path.get(1).name());
        setColumn(request, table, path.get(0).key(), column, null);
        return ApiResponse.of(204).header("OData-Version", "4.0");
    }

    private void setColumn(ApiRequest request, TableDef table, String keyText, ColumnDef column, Object value) {
        rows.store().write(tx -> {
            rows.setColumn(tx, request, table, rows.existing(table, keyText), column.name(), value);
            return null;
        });
    }

    private ColumnDef writableColumn(TableDef table, String name) {
        ColumnDef column = table.column(name);
        if (column == null) {
            if (rows.store().schema().singleNavigation(table.logicalName(), name) != null
                    || rows.store().schema().collectionNavigation(table.logicalName(), name) != null) {
                throw ApiException.badRequest(DataverseErrorCodes.QUERY_NOT_SUPPORTED,
                        "'" + name + "' is a navigation property: change it with '" + name + "/$ref'.");
            }
            throw BodyApplier.unknownProperty(table, name);
        }
        if (column.type().isLookup() || SystemColumns.isServerKept(table, column) || column == table.columns().get(0)) {
            throw ApiException.badRequest(DataverseErrorCodes.QUERY_NOT_SUPPORTED,
                    "The property '" + name + "' of '" + table.logicalName() + "' cannot be set this way.");
        }
        return column;
    }
}
