package dev.sluice.emulator.internal.query;

import dev.sluice.emulator.internal.data.LookupValue;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.data.ValueCodec;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.ColumnType;
import dev.sluice.emulator.internal.schema.TableDef;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;

/**
 * Reads of one property ({@code accounts(id)/name}, {@code …/name/$value}) and of references
 * ({@code …/primarycontactid/$ref}, {@code …/contact_customer_accounts/$ref}) (fact sheet §B.2). A
 * null property answers {@code 204 No Content}, as OData does. Stateless.
 */
final class PropertyReads {
    private PropertyReads() {}

    static ApiResponse property(ApiRequest request, TableDef table, Row row, ColumnDef column) {
        Object v = row.get(table.indexOf(column.name()));
        if (v == null) {
            return noContent();
        }
        String context = request.baseUrl() + "$metadata#" + table.entitySetName() + "(" + row.id() + ")/"
                + column.wireName();
        return ApiResponse.json(200, Bodies.json(256, g -> {
            g.writeStartObject();
            g.writeStringField("@odata.context", context);
            g.writeFieldName("value");
            ValueCodec.writeJson(g, column, v);
            g.writeEndObject();
        }));
    }

    static ApiResponse rawValue(ColumnDef column, Object v) {
        if (v == null) {
            return noContent();
        }
        String text;
        if (v instanceof Instant t) {
            text = ValueCodec.formatDateTime(t);
        } else if (v instanceof LookupValue l) {
            text = l.id().toString();
        } else if (v instanceof BigDecimal d && column.type() == ColumnType.MONEY) {
            text = d.setScale(4, RoundingMode.HALF_EVEN).toPlainString();
        } else if (v instanceof BigDecimal d) {
            text = d.toPlainString();
        } else {
            text = v.toString();
        }
        ApiResponse r = new ApiResponse(200).body(text.getBytes(StandardCharsets.UTF_8));
        r.header("OData-Version", "4.0");
        r.header("Content-Type", "text/plain");
        return r;
    }

    static ApiResponse reference(ApiRequest request, TableDef table, Row row) {
        return ApiResponse.json(200, Bodies.json(256, g -> {
            g.writeStartObject();
            g.writeStringField("@odata.context", request.baseUrl() + "$metadata#$ref");
            g.writeStringField("@odata.id", request.baseUrl() + table.entitySetName() + "(" + row.id() + ")");
            g.writeEndObject();
        }));
    }

    static ApiResponse references(ApiRequest request, TableDef table, Collection<Row> rows) {
        return ApiResponse.json(200, Bodies.json(rows.size() * 100 + 256, g -> {
            g.writeStartObject();
            g.writeStringField("@odata.context", request.baseUrl() + "$metadata#Collection($ref)");
            g.writeArrayFieldStart("value");
            int n = 0;
            for (Row r : rows) {
                if (n++ == CollectionReader.MAX_PAGE) {
                    break;
                }
                g.writeStartObject();
                g.writeStringField("@odata.id", request.baseUrl() + table.entitySetName() + "(" + r.id() + ")");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    private static ApiResponse noContent() {
        ApiResponse r = new ApiResponse(204);
        r.header("OData-Version", "4.0");
        return r;
    }
}
