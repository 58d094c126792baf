package dev.sluice.emulator.internal.query;

import com.fasterxml.jackson.core.io.SerializedString;
import dev.sluice.core.DataverseHeaders;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.data.TopN;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Preferences;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;

/**
 * Answers a collection read one page at a time (fact sheet §C.1, §C.5, §C.8). Without
 * {@code $orderby} rows come in primary-id order and the next page continues with
 * {@code tailMap(lastId)}, so a page costs O(page) however large the table; with {@code $orderby} one
 * pass keeps the page's rows in a bounded heap (O(n log page)). {@code @odata.count} counts at most
 * 5001 rows. Not thread-safe: one per request, under the store's read lock.
 */
final class CollectionReader {
    /** Dataverse: default and maximum page size, and the {@code $count} cap (fact sheet §C.5, §C.8). */
    static final int MAX_PAGE = DataverseHeaders.MAX_PAGE_SIZE;
    private static final SerializedString VALUE = new SerializedString("value");

    private final QueryScope scope;
    private final ApiRequest request;
    private final Preferences prefs;

    CollectionReader(QueryScope scope, ApiRequest request, Preferences prefs) {
        this.scope = scope;
        this.request = request;
        this.prefs = prefs;
    }

    /** One page of {@code source} (rows by id) matching the query, as a JSON response. */
    ApiResponse page(Query q, NavigableMap<java.util.UUID, Row> source, long trackingVersion) {
        List<String> applied = new ArrayList<>();
        int pageSize = MAX_PAGE;
        boolean topLimits = false;
        if (prefs.maxPageSize() != null) {
            if (prefs.maxPageSize() <= 0) {
                throw QueryErrors.bad("The value of the odata.maxpagesize preference must be a positive integer.");
            }
            pageSize = Math.min(prefs.maxPageSize(), MAX_PAGE);
            applied.add(DataverseHeaders.PREFER_MAX_PAGE_SIZE + "=" + pageSize);
        } else if (q.top() != null) {
            pageSize = Math.min(q.top(), MAX_PAGE);
            topLimits = true;
        }
        PagingCookie cursor = q.skipToken() == null ? null : PagingCookie.parse(q.skipToken(), q.table(), q.orderBy());
        long version = cursor != null && cursor.version() >= 0 ? cursor.version() : trackingVersion;
        // the rows are kept in primary-id order: ordering by the primary key alone is the O(page) id scan
        boolean idOrder = q.orderBy().isEmpty() || (q.orderBy().size() == 1 && q.orderBy().get(0).index() == 0
                && !q.orderBy().get(0).descending());
        List<Row> rows = idOrder ? byId(q, source, cursor, pageSize) : ordered(q, source, cursor, pageSize);
        boolean more = rows.size() > pageSize && !topLimits;
        if (rows.size() > pageSize) {
            rows = rows.subList(0, pageSize);
        }
        int pageNumber = cursor == null ? 1 : cursor.pageNumber();
        String nextLink = null;
        if (more) {
            String token = PagingCookie.next(pageNumber, q.table(), q.orderBy(), rows.get(0), rows.get(rows.size() - 1),
                    trackingVersion >= 0 ? version : -1);
            String query = Bodies.queryWithout(request.rawQuery(), "$skiptoken");
            nextLink = request.baseUrl() + request.path() + "?" + (query.isEmpty() ? "" : query + "&")
                    + "$skiptoken=" + Bodies.encodeQueryValue(token);
        }
        EntityWriter writer = new EntityWriter(scope, request.baseUrl(), prefs);
        if (writer.annotates() || prefs.wantsAnnotation("Microsoft.Dynamics.CRM.totalrecordcount")
                || prefs.wantsAnnotation("Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded")) {
            applied.add(0, prefs.appliedAnnotations());
        }
        int total = q.count() || wantsTotals() ? countCapped(q, source) : -1;
        String context = context(q);
        List<Row> page = rows;
        String link = nextLink;
        String deltaLink = trackingVersion >= 0 && !more ? deltaLink(version) : null;
        if (trackingVersion >= 0) {
            applied.add(DataverseHeaders.PREFER_TRACK_CHANGES);
        }
        byte[] body = Bodies.json(page.size() * (q.projection().columns.length * 36 + 64) + 512, g -> {
            g.writeStartObject();
            g.writeStringField("@odata.context", context);
            if (q.count()) {
                g.writeNumberField("@odata.count", Math.min(total, MAX_PAGE));
            }
            if (prefs.wantsAnnotation("Microsoft.Dynamics.CRM.totalrecordcount")) {
                g.writeNumberField("@Microsoft.Dynamics.CRM.totalrecordcount", q.count() ? Math.min(total, MAX_PAGE) : -1);
            }
            if (prefs.wantsAnnotation("Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded")) {
                g.writeBooleanField("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded",
                        q.count() && total > MAX_PAGE);
            }
            g.writeFieldName(VALUE);
            g.writeStartArray();
            for (Row r : page) {
                writer.write(g, r, q.projection());
            }
            g.writeEndArray();
            if (link != null) {
                g.writeStringField("@odata.nextLink", link);
            }
            if (deltaLink != null) {
                g.writeStringField("@odata.deltaLink", deltaLink);
            }
            g.writeEndObject();
        });
        return Bodies.applied(ApiResponse.json(200, body), applied);
    }

    private boolean wantsTotals() {
        return prefs.wantsAnnotation("Microsoft.Dynamics.CRM.totalrecordcount")
                || prefs.wantsAnnotation("Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded");
    }

    String context(Query q) {
        String list = q.projection().contextList();
        return request.baseUrl() + "$metadata#" + q.table().entitySetName() + (list == null ? "" : "(" + list + ")");
    }

    private String deltaLink(long version) {
        String query = Bodies.queryWithout(request.rawQuery(), "$skiptoken", "$deltatoken");
        return request.baseUrl() + request.path() + "?" + (query.isEmpty() ? "" : query + "&") + "$deltatoken="
                + Bodies.encodeQueryValue(ChangeTracking.token(version, scope.clock().instant()));
    }

    /** Up to {@code pageSize + 1} matching rows after the cursor, in id order. */
    private static List<Row> byId(Query q, NavigableMap<java.util.UUID, Row> source, PagingCookie cursor,
            int pageSize) {
        Collection<Row> view = cursor == null ? source.values() : source.tailMap(cursor.lastId(), false).values();
        List<Row> out = new ArrayList<>(Math.min(pageSize + 1, 1024));
        RowPredicate filter = q.filter();
        for (Row r : view) {
            if (filter == null || filter.test(r)) {
                out.add(r);
                if (out.size() > pageSize) {
                    break;
                }
            }
        }
        return out;
    }

    /** A row with its sort values, computed once. */
    private record Keyed(Row row, Object[] values) {}

    /** Up to {@code pageSize + 1} matching rows after the cursor in $orderby order (ties by id). */
    private static List<Row> ordered(Query q, NavigableMap<java.util.UUID, Row> source, PagingCookie cursor,
            int pageSize) {
        List<SortKey> keys = q.orderBy();
        Comparator<Keyed> order = (a, b) -> {
            for (int i = 0; i < keys.size(); i++) {
                int c = keys.get(i).compare(a.values()[i], b.values()[i]);
                if (c != 0) {
                    return c;
                }
            }
            return a.row().id().compareTo(b.row().id());
        };
        Keyed after = cursor == null ? null : new Keyed(new Row(cursor.lastId(), 0, new Object[0]), cursor.lastValues());
        TopN<Keyed> top = new TopN<>(order, pageSize + 1);
        RowPredicate filter = q.filter();
        for (Row r : source.values()) {
            if (filter != null && !filter.test(r)) {
                continue;
            }
            Object[] values = new Object[keys.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = keys.get(i).value(r);
            }
            Keyed k = new Keyed(r, values);
            if (after == null || order.compare(k, after) > 0) {
                top.offer(k);
            }
        }
        List<Keyed> sorted = top.sorted();
        List<Row> out = new ArrayList<>(sorted.size());
        sorted.forEach(k -> out.add(k.row()));
        return out;
    }

    /** Matching rows, counted up to one more than the cap. */
    static int countCapped(Query q, NavigableMap<java.util.UUID, Row> source) {
        if (q.filter() == null) {
            return Math.min(source.size(), MAX_PAGE + 1);
        }
        int n = 0;
        for (Row r : source.values()) {
            if (q.filter().test(r) && ++n > MAX_PAGE) {
                break;
            }
        }
        return n;
    }

    static ApiException notTracked(String option) {
        return QueryErrors.bad("The \"" + option + "\" query parameter isn't supported when Change Tracking is "
                + "enabled.");
    }
}
