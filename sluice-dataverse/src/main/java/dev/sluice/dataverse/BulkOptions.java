package dev.sluice.dataverse;

import dev.sluice.core.DataverseHeaders;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;

/**
 * How bulk writes run.
 *
 * @param chunkSize records per request, 1..5000 (Dataverse's guidance for standard tables is to start
 *     around 1000, fewer when plug-ins run; fact sheet §D.3)
 * @param maxParallel requests in flight at once, 1..52, or 0 for the identity's concurrency bound (the
 *     server's {@code x-ms-dop-hint}, never above 52)
 * @param skipUnchanged for updates and upserts by the primary key or a one-column alternate key: read the
 *     rows a chunk addresses first (one query per chunk), write only the records that differ, and say per
 *     record whether it was {@code CREATED}, {@code UPDATED} or {@code UNCHANGED} (UpsertMultiple itself
 *     does not tell); upserts by a one-column alternate key send chunks as {@code CreateMultiple} without
 *     reading while the rows are new (a read found none of a chunk's rows), reading again after a refusal
 */
public record BulkOptions(int chunkSize, int maxParallel, boolean skipUnchanged) {
    /** 1000 records per request, as many requests at once as the server recommends, no reading first. */
    public static final BulkOptions DEFAULTS = new BulkOptions(1000, 0, false);

    public BulkOptions(int chunkSize, int maxParallel) {
        this(chunkSize, maxParallel, false);
    }

    public BulkOptions {
        if (chunkSize < 1 || chunkSize > DataverseHeaders.MAX_PAGE_SIZE) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "bulk chunk size must be 1..5000, got " + chunkSize);
        }
        if (maxParallel < 0 || maxParallel > DataverseHeaders.MAX_CONCURRENCY) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "bulk parallelism must be 0 (automatic) or 1..52, got "
                    + maxParallel);
        }
    }

    public BulkOptions withChunkSize(int n) {
        return new BulkOptions(n, maxParallel, skipUnchanged);
    }

    public BulkOptions withMaxParallel(int n) {
        return new BulkOptions(chunkSize, n, skipUnchanged);
    }

    public BulkOptions withSkipUnchanged(boolean on) {
        return new BulkOptions(chunkSize, maxParallel, on);
    }
}
