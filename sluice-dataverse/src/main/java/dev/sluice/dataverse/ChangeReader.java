package dev.sluice.dataverse;

import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.core.DataverseHeaders;
import dev.sluice.core.ErrorKind;
import dev.sluice.dataverse.internal.PageReader;
import dev.sluice.http.PipelineRequest;
import java.net.URI;
import java.util.List;

/**
 * Change tracking reads (fact sheet §C.10): {@code Prefer: odata.track-changes} on a table's rows,
 * following nextLinks, with the deltaLink's token kept for the next read. The first page is fetched
 * at once, so an expired token is known when {@link DataverseClient#changes} returns. Thread-safe.
 */
final class ChangeReader {
    private final DataverseClient client;
    private final int pageSize;

    ChangeReader(DataverseClient client, int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
    }

    Changes read(String table, List<String> select, String deltaToken, ChangeTrackingOptions options) {
        select.forEach(ODataLiteral::name);
        TableInfo t = client.table(table);
        String path = t.entitySetName() + (select.isEmpty() ? "" : "?$select=" + Query.enc(String.join(",", select)));
        if (deltaToken == null) {
            return open(path, true, false);
        }
        String delta = path + (select.isEmpty() ? "?" : "&") + "$deltatoken=" + Query.enc(deltaToken);
        try {
            return open(delta, false, false);
        } catch (DataverseException e) {
            if (!expired(e)) {
                throw e;
            }
            if (options.resyncOnExpiry()) {
                return open(path, true, true);
            }
            throw new DataverseException(ErrorKind.CONFLICT, "the change tracking token for table '"
                    + t.logicalName() + "' has expired or is not valid (" + e.errorCode().orElse("no code")
                    + "); resync: read all rows again with a null delta token, or use "
                    + "ChangeTrackingOptions.resyncing()", e.status(), e.errorCode().orElse(null),
                    e.serviceRequestId().orElse(null), null);
        }
    }

    private Changes open(String first, boolean full, boolean resynced) {
        RowStream rows = new RowStream(link -> {
            PipelineRequest r = link == null ? client.read(first) : client.readUrl(URI.create(link));
            r.header(DataverseHeaders.PREFER, DataverseHeaders.PREFER_TRACK_CHANGES + ","
                    + DataverseHeaders.PREFER_MAX_PAGE_SIZE + "=" + pageSize);
            return PageReader.page(client.send(r).body());
        });
        rows.count(); // fetches the first page now: an expired token fails here
        return new Changes(rows, full, resynced);
    }

    /** Dataverse's answer to an expired or unknown delta token. */
    private static boolean expired(DataverseException e) {
        return DataverseErrorCodes.CHANGE_TRACKING_TOKEN_EXPIRED.equalsIgnoreCase(e.errorCode().orElse(""))
                || (e.status() == 400 && e.getMessage().toLowerCase().contains("deltatoken"));
    }
}
