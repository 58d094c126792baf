package dev.sluice.emulator.internal.fetch;

import dev.sluice.emulator.internal.data.OrgStore;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Preferences;
import dev.sluice.emulator.internal.query.Bodies;
import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.ColumnType;
import dev.sluice.emulator.internal.schema.TableDef;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The grouping and aggregation behind OData {@code $apply} (webapi/query/aggregate-data.md), shared with FetchXML:
 * rows are added as joined rows (the entity and the rows its lookups point to), and the answer lists one row per
 * group with the aliases as property names and the asked-for formatted values. Sums and averages of money and
 * decimal columns carry nine decimals, as the documented responses show. Not thread-safe; one per request.
 */
public final class AggregateQuery {
    /**
     * A group ({@code function} null) or aggregate ({@code count}, {@code sum}, {@code avg}, {@code min},
     * {@code max}) over a column of one of the joined rows.
     */
    public record Spec(String alias, int node, int column, ColumnDef def, String function) {}

    private final OrgStore store;
    private final List<FetchPlan.Aggregate> columns = new ArrayList<>();
    private final Aggregation aggregation;

    public AggregateQuery(OrgStore store, List<Spec> specs) {
        this.store = store;
        specs.forEach(s -> columns.add(new FetchPlan.Aggregate(s.alias(), s.node(), s.column(), s.def(), s.function(),
                null, false)));
        this.aggregation = new Aggregation(columns, FetchHandler.AGGREGATE_LIMIT);
    }

    /** Adds one joined row; more than 50,000 is Dataverse's AggregateQueryRecordLimitExceeded. */
    public void add(Row[] frame) {
        aggregation.add(frame);
    }

    /** The collection response: {@code @odata.context} of the entity set and the groups. */
    public ApiResponse respond(ApiRequest request, Preferences prefs, TableDef table) {
        List<Object[]> rows = aggregation.result();
        for (Object[] row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                FetchPlan.Aggregate a = columns.get(i);
                ColumnType t = a.def().type();
                if (row[i] instanceof BigDecimal d && (t == ColumnType.MONEY || t == ColumnType.DECIMAL)
                        && ("sum".equals(a.function()) || "avg".equals(a.function()))) {
                    row[i] = d.setScale(9, RoundingMode.HALF_EVEN);
                }
            }
        }
        FetchWriter writer = new FetchWriter(store, prefs);
        String context = request.baseUrl() + "$metadata#" + table.entitySetName();
        byte[] body = Bodies.json(rows.size() * 128 + 256, g -> {
            g.writeStartObject();
            g.writeStringField("@odata.context", context);
            g.writeArrayFieldStart("value");
            for (Object[] row : rows) {
                writer.aggregate(g, row, columns);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
        return Bodies.applied(ApiResponse.json(200, body),
                prefs.includeAnnotations() != null ? List.of(prefs.appliedAnnotations()) : List.of());
    }
}
