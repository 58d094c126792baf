package dev.sluice.emulator.internal.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.sluice.emulator.internal.data.LookupValue;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.data.ValueCodec;
import dev.sluice.emulator.internal.http.Preferences;
import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams rows as Dataverse writes them (fact sheet §B.2, §B.8, §C.2, §C.6): {@code @odata.etag},
 * the projected properties, the annotations the request asked for (formatted value first, then the
 * lookup's navigation property and logical name, then the value), and expanded rows. Not thread-safe:
 * one per request.
 */
final class EntityWriter {
    private static final SerializedString ETAG = new SerializedString("@odata.etag");
    private static final SerializedString ODATA_ID = new SerializedString("@odata.id");
    /** Dataverse: up to 5000 related rows per parent in a collection-valued $expand (fact sheet §C.6). */
    private static final int MAX_EXPANDED = 5000;

    private final QueryScope scope;
    private final String baseUrl;
    private final boolean formatted;
    private final boolean lookupNavigation;
    private final boolean lookupLogicalName;

    EntityWriter(QueryScope scope, String baseUrl, Preferences prefs) {
        this.scope = scope;
        this.baseUrl = baseUrl;
        this.formatted = prefs.wantsAnnotation("OData.Community.Display.V1.FormattedValue");
        this.lookupNavigation = prefs.wantsAnnotation("Microsoft.Dynamics.CRM.associatednavigationproperty");
        this.lookupLogicalName = prefs.wantsAnnotation("Microsoft.Dynamics.CRM.lookuplogicalname");
    }

    /** Whether any per-row annotation is written (conditional GETs never answer 304 then). */
    boolean annotates() {
        return formatted || lookupNavigation || lookupLogicalName;
    }

    /** Writes one row as a JSON object (the caller may have written fields before: pass open=true). */
    void write(JsonGenerator g, Row row, Projection p) throws IOException {
        g.writeStartObject();
        writeFields(g, row, p);
        g.writeEndObject();
    }

    /** Writes the row's fields into an already open object. */
    void writeFields(JsonGenerator g, Row row, Projection p) throws IOException {
        g.writeFieldName(ETAG);
        g.writeString(row.etag());
        for (int i : p.columns) {
            ColumnDef col = p.column(i);
            Object v = row.get(i);
            if (v != null && annotates()) {
                annotations(g, p, i, col, v);
            }
            g.writeFieldName(p.names[i]);
            ValueCodec.writeJson(g, col, v);
        }
        for (Expansion e : p.expansions) {
            g.writeFieldName(e.name());
            if (e.collection()) {
                g.writeStartArray();
                for (Row child : related(row, e)) {
                    write(g, child, e.projection());
                }
                g.writeEndArray();
                continue;
            }
            Row target = scope.target(row.get(p.table.indexOf(e.relationship().lookupColumn())),
                    e.relationship().referencedTable());
            if (target != null && e.filter() != null && !e.filter().test(target)) {
                target = null;
            }
            if (target == null) {
                g.writeNull();
            } else if (e.ref()) {
                g.writeStartObject();
                g.writeFieldName(ODATA_ID);
                g.writeString(entityUrl(e.projection().table, target));
                g.writeEndObject();
            } else {
                write(g, target, e.projection());
            }
        }
    }

    private void annotations(JsonGenerator g, Projection p, int i, ColumnDef col, Object v) throws IOException {
        if (v instanceof LookupValue l) {
            if (formatted) {
                String name = primaryName(l);
                if (name != null) {
                    g.writeFieldName(p.formattedNames[i]);
                    g.writeString(name);
                }
            }
            if (lookupNavigation) {
                g.writeFieldName(p.navigationNames[i]);
                g.writeString(col.navigationProperty(l.table()));
            }
            if (lookupLogicalName) {
                g.writeFieldName(p.logicalNames[i]);
                g.writeString(l.table());
            }
            return;
        }
        if (formatted) {
            String f = ValueCodec.formatted(col, v);
            if (f != null) {
                g.writeFieldName(p.formattedNames[i]);
                g.writeString(f);
            }
        }
    }

    private String primaryName(LookupValue l) {
        TableDef t = scope.table(l.table());
        if (t == null || t.primaryNameAttribute() == null) {
            return null;
        }
        Row target = scope.store().get(t, l.id());
        return target == null ? null : (String) target.get(t.indexOf(t.primaryNameAttribute()));
    }

    /** The related rows of a collection-valued expansion: filtered, ordered, at most $top (or 5000). */
    private List<Row> related(Row parent, Expansion e) {
        List<Row> rows = new ArrayList<>();
        for (Row child : scope.children(e.relationship(), parent.id())) {
            if (e.filter() == null || e.filter().test(child)) {
                rows.add(child);
            }
        }
        if (!e.orderBy().isEmpty()) {
            rows.sort((a, b) -> {
                for (SortKey k : e.orderBy()) {
                    int c = k.compare(k.value(a), k.value(b));
                    if (c != 0) {
                        return c;
                    }
                }
                return a.id().compareTo(b.id());
            });
        }
        int limit = e.top() == null ? MAX_EXPANDED : Math.min(e.top(), MAX_EXPANDED);
        return rows.size() > limit ? rows.subList(0, limit) : rows;
    }

    /** {@code {base}contacts(guid)}. */
    String entityUrl(TableDef table, Row row) {
        return baseUrl + table.entitySetName() + "(" + row.id() + ")";
    }
}
