package dev.sluice.server.internal;

import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.Query;
import dev.sluice.dataverse.Row;
import dev.sluice.dataverse.RowStream;
import dev.sluice.store.AuditAction;
import dev.sluice.store.Connection;
import dev.sluice.store.GrantLevel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the table browser needs besides {@link DataApi#page}: the page before a row (keyset paging backwards),
 * how many rows a filter matches, and every row of a query for a CSV download. Each checks the caller's
 * {@code read} grant; the row reads are audited like the API's. Thread-safe.
 */
final class DataBrowse {
    /** Dataverse counts at most 5000 rows ({@code @odata.count}, fact sheet C.5). */
    static final long COUNT_LIMIT = 5000;

    private final Services s;

    DataBrowse(Services services) {
        this.s = services;
    }

    /**
     * A page of rows before a keyset boundary, in primary-key order. Immutable.
     *
     * @param rows the rows, ascending
     * @param more whether there are rows before these
     */
    record Before(List<Row> rows, boolean more) {}

    /** The {@code page.pageSize()} rows just before primary key {@code page.after()} (read, audited). */
    Before pageBefore(Caller caller, String ref, PageToken page) {
        Connection c = s.access().require(caller, ref, GrantLevel.READ);
        DataverseClient client = s.clients().client(c);
        String pk = client.table(page.table()).primaryIdAttribute();
        String keyset = pk + " lt " + page.after();
        String filter = page.filter() == null ? keyset : "(" + page.filter() + ") and " + keyset;
        List<String> select = new ArrayList<>(page.select());
        if (!select.isEmpty() && !select.contains(pk)) {
            select.add(pk);
        }
        // newest first, one more than a page: tells whether there is a page before this one
        Query q = Query.table(page.table()).select(select).whereRaw(filter).orderBy(pk + " desc")
                .top(page.pageSize() + 1);
        List<Row> rows = new ArrayList<>();
        for (Row r : client.query(q)) {
            rows.add(r);
        }
        boolean more = rows.size() > page.pageSize();
        if (more) {
            rows = new ArrayList<>(rows.subList(0, page.pageSize()));
        }
        Collections.reverse(rows);
        s.metrics().rowsRead(rows.size());
        audit(caller, c, "queried table '" + page.table() + "': " + rows.size() + " rows");
        return new Before(List.copyOf(rows), more);
    }

    /**
     * How many rows match: exact below Dataverse's counting limit. Immutable.
     *
     * @param rows the count (at most {@value #COUNT_LIMIT})
     * @param atLeast whether there are this many or more
     */
    record Count(long rows, boolean atLeast) {}

    /** The number of rows {@code filter} (null: all) matches in {@code table} (read); null when it cannot tell. */
    Count count(Caller caller, String ref, String table, String filter) {
        Connection c = s.access().require(caller, ref, GrantLevel.READ);
        DataverseClient client = s.clients().client(c);
        String pk = client.table(table).primaryIdAttribute();
        Query q = Query.table(table).select(pk).withCount().top(1);
        if (filter != null && !filter.isBlank()) {
            q = q.whereRaw(filter);
        }
        RowStream rows = client.query(q);
        Long n = rows.count();
        return n == null ? null : new Count(n, n >= COUNT_LIMIT);
    }

    /** Every row of the query, in primary-key order, to {@code each} (read, audited with the row count). */
    long export(Caller caller, String ref, String table, List<String> select, String filter, Consumer<Row> each) {
        Connection c = s.access().require(caller, ref, GrantLevel.READ);
        DataverseClient client = s.clients().client(c);
        String pk = client.table(table).primaryIdAttribute();
        Query q = Query.table(table).select(select).orderBy(pk).withFormattedValues();
        if (filter != null && !filter.isBlank()) {
            q = q.whereRaw(filter);
        }
        long n = 0;
        for (Row r : client.query(q)) {
            each.accept(r);
            n++;
        }
        s.metrics().rowsRead(n);
        audit(caller, c, "downloaded table '" + table + "' as CSV: " + n + " rows");
        return n;
    }

    private void audit(Caller caller, Connection c, String detail) {
        s.store().audit().append(caller.name(), AuditAction.DATA_QUERIED, c.id(), c.name(), detail);
    }
}
