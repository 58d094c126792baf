package dev.sluice.dataverse;

import java.util.List;

/**
 * One page of a FetchXML query. Immutable.
 *
 * @param rows the rows (a link-entity's columns named {@code alias.column}; aggregates by their alias)
 * @param page the page number
 * @param moreRecords whether another page follows
 * @param pagingCookie the cookie to send with the next page (the inner cookie, decoded), or null when Dataverse gave
 *     none: the next page is then asked for by number only
 * @param count {@code @odata.count} when the query asked for a total, else null
 */
public record FetchXmlPage(List<Row> rows, int page, boolean moreRecords, String pagingCookie, Long count) {
    public FetchXmlPage {
        rows = List.copyOf(rows);
    }
}
