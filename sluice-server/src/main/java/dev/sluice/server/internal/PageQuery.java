package dev.sluice.server.internal;

import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The Dataverse query of a page of rows: the caller's filter and columns (with the primary key), in primary-key
 * order, after {@code from} when the token says so. The query a skip token belongs to starts after the token's
 * {@code from}; a keyset token's (the table browser's way back) after its {@code after}. Immutable.
 *
 * @param query the query
 * @param pk the table's primary key
 * @param from the keyset boundary the query starts after, or null
 */
record PageQuery(Query query, String pk, UUID from) {
    static PageQuery of(DataverseClient client, PageToken page) {
        String pk = client.table(page.table()).primaryIdAttribute();
        UUID from = page.skipToken() != null ? page.from() : page.after();
        String filter = page.filter();
        if (from != null) {
            String keyset = pk + " gt " + from;
            filter = filter == null ? keyset : "(" + filter + ") and " + keyset;
        }
        List<String> select = new ArrayList<>(page.select());
        if (!select.isEmpty() && !select.contains(pk)) {
            select.add(pk);
        }
        Query q = Query.table(page.table()).select(select).orderBy(pk);
        return new PageQuery(filter == null ? q : q.whereRaw(filter), pk, from);
    }

    /** The continuation of the page after this one, whose last row has primary key {@code last}. */
    String next(PageToken page, UUID last, String skipToken) {
        return new PageToken(page.table(), page.select(), page.filter(), page.pageSize(), last, from, skipToken)
                .encode();
    }
}
