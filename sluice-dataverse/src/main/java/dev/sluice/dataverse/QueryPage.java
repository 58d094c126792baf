package dev.sluice.dataverse;

import dev.sluice.core.ErrorKind;
import dev.sluice.dataverse.internal.PageScanner;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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

    /**
     * A guess of the skip token of the page after {@code pageJson} (a page as {@link DataverseClient#queryPageJson}
     * gives it), from its last bytes alone, so that the next page can be asked for before this one is read; null when
     * there is no plain nextLink among them. Only a guess: check it against the nextLink the page's scan finds.
     */
    public static String guessSkipToken(byte[] pageJson) {
        String link = PageScanner.nextLink(pageJson);
        if (link == null) {
            return null;
        }
        try {
            return skipTokenOf(link);
        } catch (RuntimeException e) {
            return null; // not a link to ask for the next page with; the scan says what the page holds
        }
    }

    /** The decoded {@code $skiptoken} of a Dataverse {@code @odata.nextLink}. */
    public static String skipTokenOf(String nextLink) {
        String query = URI.create(nextLink).getRawQuery();
        for (String part : query == null ? new String[0] : query.split("&")) {
            int eq = part.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            if (name.equals("$skiptoken") && eq >= 0) {
                return URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new DataverseException(ErrorKind.INTERNAL, "Dataverse's @odata.nextLink carries no $skiptoken to ask for "
                + "the next page with", 0, null, null, null);
    }
}
