package dev.sluice.dataverse;

import java.util.List;

/**
 * One page of an OData query read on its own ({@link DataverseClient#queryPage}). Immutable.
 *
 * @param rows the rows
 * @param skipToken the {@code $skiptoken} of the next page, taken from Dataverse's {@code @odata.nextLink} and
 *     decoded, or null on the last page; send it back with the same query for the next page
 */
public record QueryPage(List<Row> rows, String skipToken) {
    public QueryPage {
        rows = List.copyOf(rows);
    }
}
