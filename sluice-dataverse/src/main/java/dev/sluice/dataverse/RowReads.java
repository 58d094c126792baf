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
            pagePrefs(r, formatted, !topAlone);
            return requests.send(r).body();
        }, query.top());
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

    private void pagePrefs(PipelineRequest r, boolean formatted, boolean paged) {
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
