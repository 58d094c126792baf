package dev.sluice.emulator.internal.fetch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.sluice.emulator.internal.data.LookupValue;
import dev.sluice.emulator.internal.data.OrgStore;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.data.ValueCodec;
import dev.sluice.emulator.internal.http.Preferences;
import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.ColumnType;
import java.io.IOException;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes FetchXML (and {@code $apply}) result rows as the Web API does (webapi/use-fetchxml-web-api.md): null values
 * are left out, link-entity columns are named {@code alias_x002e_column} (the alias, an encoded dot, the column),
 * lookups of the entity are {@code _x_value} and those of a link-entity {@code alias_x002e_x}, and the annotations
 * the request asked for come before each value (formatted value, then for lookups the navigation property and the
 * target's logical name). Aggregate rows carry their aliases and no etag. Not thread-safe; one per request.
 */
final class FetchWriter {
    private static final SerializedString ETAG = new SerializedString("@odata.etag");
    private static final String FORMATTED = "@OData.Community.Display.V1.FormattedValue";

    private final OrgStore store;
    private final boolean formatted;
    private final boolean navigation;
    private final boolean logicalName;
    private final LookupNames names;

    FetchWriter(OrgStore store, Preferences prefs) {
        this.store = store;
        this.names = new LookupNames(store);
        this.formatted = prefs.wantsAnnotation("OData.Community.Display.V1.FormattedValue");
        this.navigation = prefs.wantsAnnotation("Microsoft.Dynamics.CRM.associatednavigationproperty");
        this.logicalName = prefs.wantsAnnotation("Microsoft.Dynamics.CRM.lookuplogicalname");
    }

    /** Writes one joined row of a plain query; {@code etag} false for distinct rows. */
    void row(JsonGenerator g, Row[] frame, List<FetchPlan.Column> columns, boolean etag) throws IOException {
        g.writeStartObject();
        if (etag) {
            g.writeFieldName(ETAG);
            g.writeString(frame[0].etag());
        }
        for (FetchPlan.Column c : columns) {
            Row r = frame[c.node()];
            Object v = r == null ? null : r.get(c.column());
            if (v == null) {
                continue;
            }
            ColumnDef def = c.def();
            if (v instanceof LookupValue l) {
                if (formatted) {
                    String name = names.name(l);
                    if (name != null) {
                        g.writeFieldName(c.formatted());
                        g.writeString(name);
                    }
                }
                if (navigation && c.node() == 0) {
                    g.writeFieldName(c.navigation());
                    g.writeString(def.navigationProperty(l.table()));
                }
                if (logicalName) {
                    g.writeFieldName(c.logicalName());
                    g.writeString(l.table());
                }
            } else if (formatted) {
                String f = ValueCodec.formatted(def, v);
                if (f != null) {
                    g.writeFieldName(c.formatted());
                    g.writeString(f);
                }
            }
            g.writeFieldName(c.name());
            ValueCodec.writeJson(g, def, v);
        }
        g.writeEndObject();
    }

    /** Writes one aggregate row: each group or aggregate under its alias. */
    void aggregate(JsonGenerator g, Object[] values, List<FetchPlan.Aggregate> columns) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            FetchPlan.Aggregate a = columns.get(i);
            if (formatted) {
                String f = aggregateFormatted(a, v);
                if (f != null) {
                    g.writeStringField(a.alias() + FORMATTED, f);
                }
            }
            g.writeFieldName(a.alias());
            write(g, v);
        }
        g.writeEndObject();
    }

    private String aggregateFormatted(FetchPlan.Aggregate a, Object v) {
        if (v instanceof LookupValue l) {
            return names.name(l);
        }
        boolean counted = "count".equals(a.function()) || "countcolumn".equals(a.function());
        if (counted || (a.group() && a.dateGrouping() != null)) {
            return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.US)).format(v);
        }
        ColumnType t = a.def().type();
        if (v instanceof Number && t != ColumnType.MONEY && t != ColumnType.DECIMAL && t != ColumnType.DOUBLE
                && !t.hasOptions()) {
            return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.US)).format(v);
        }
        return ValueCodec.formatted(a.def(), v);
    }

    /** A value by its Java type (aggregates are typed by their function, not their column). */
    static void write(JsonGenerator g, Object v) throws IOException {
        if (v instanceof LookupValue l) {
            g.writeString(l.id().toString());
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long n) {
            g.writeNumber(n);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Instant t) {
            g.writeString(ValueCodec.formatDateTime(t));
        } else {
            g.writeString(v.toString());
        }
    }
}
