package dev.sluice.dataverse;

import dev.sluice.core.DataverseHeaders;
import dev.sluice.dataverse.internal.PageReader;
import dev.sluice.http.PipelineRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A client's OData reads: lazy paged queries and one row by key. Immutable and thread-safe. */
final class RowReads {
    private final Requests requests;
    private final TableNames tables;
    private final int pageSize;

    RowReads(Requests requests, TableNames tables, int pageSize) {
        this.requests = requests;
        this.tables = tables;
        this.pageSize = pageSize;
    }

    RowStream query(Query query) {
        TableInfo t = tables.get(query.table());
        String qs = query.toQueryString();
        String first = t.entitySetName() + (qs.isEmpty() ? "" : "?" + qs);
        boolean formatted = query.formattedValues();
        // Dataverse ignores $top when odata.maxpagesize is sent (fact sheet C.1): a small top is sent
        // alone (one page, no nextLink); a larger one pages and the stream stops at top rows.
        boolean topAlone = query.top() != null && query.top() <= pageSize;
        return RowStream.ofBodies(link -> {
            PipelineRequest r = link == null ? requests.read(first) : requests.readUrl(URI.create(link));
            pagePrefs(r, formatted, !topAlone, pageSize);
            return requests.send(r).body();
        }, query.top());
    }

    /**
     * One page of {@code pageSize} rows: the first for a null {@code skipToken}, else the page that token (from the
     * previous page of the same query) names. Dataverse pages as it does for a nextLink, so a page costs the same
     * wherever it is in the table.
     */
    QueryPage page(Query query, int pageSize, String skipToken) {
        PageReader.Page page = PageReader.page(pageJson(query, pageSize, skipToken));
        return new QueryPage(page.rows(), page.nextLink() == null ? null : QueryPage.skipTokenOf(page.nextLink()));
    }

    /** {@link #page}'s page as Dataverse sent it. */
    byte[] pageJson(Query query, int pageSize, String skipToken) {
        if (query.top() != null) {
            throw new IllegalArgumentException("a query read page by page has no top; got top " + query.top());
        }
        if (pageSize < 1 || pageSize > DataverseHeaders.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1.." + DataverseHeaders.MAX_PAGE_SIZE + ", got "
                    + pageSize);
        }
        TableInfo t = tables.get(query.table());
        String qs = query.toQueryString();
        if (skipToken != null) {
            qs = (qs.isEmpty() ? "" : qs + "&") + "$skiptoken=" + Query.enc(skipToken);
        }
        PipelineRequest r = requests.read(t.entitySetName() + (qs.isEmpty() ? "" : "?" + qs));
        pagePrefs(r, query.formattedValues(), true, pageSize);
        return requests.send(r).body();
    }

    Optional<Row> get(String table, RecordKey key, String... select) {
        TableInfo t = tables.get(table);
        String path = t.entitySetName() + "(" + Query.enc(key.segment()) + ")"
                + (select.length == 0 ? "" : "?$select=" + Query.enc(String.join(",", List.of(select))));
        try {
            return Optional.of(PageReader.single(requests.send(requests.read(path)).body()));
        } catch (DataverseException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static void pagePrefs(PipelineRequest r, boolean formatted, boolean paged, int pageSize) {
        List<String> prefer = new ArrayList<>();
        if (paged) {
            prefer.add(DataverseHeaders.PREFER_MAX_PAGE_SIZE + "=" + pageSize);
        }
        if (formatted) {
            prefer.add(DataverseHeaders.PREFER_INCLUDE_ANNOTATIONS + "=\"*\"");
        }
        if (!prefer.isEmpty()) {
            r.header(DataverseHeaders.PREFER, String.join(",", prefer));
        }
    }
}
