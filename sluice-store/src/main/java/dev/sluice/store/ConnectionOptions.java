package dev.sluice.store;

import dev.sluice.core.DataverseHeaders;
import dev.sluice.store.internal.Checks;
import java.time.Duration;
import java.util.UUID;

/**
 * Optional behaviour of a connection. Immutable and thread-safe.
 *
 * @param requestTimeout how long one Web API request may take; 1 second to 1 hour
 * @param readOnly whether writes through this connection are refused
 * @param impersonate Entra object id of a user to act as ({@code CallerObjectId} header), or null
 * @param pageSize rows per page when reading, 1..5000
 * @param maxConcurrency upper bound on parallel requests, 1..52 (the server's {@code x-ms-dop-hint} may lower it)
 */
public record ConnectionOptions(
        Duration requestTimeout, boolean readOnly, UUID impersonate, int pageSize, int maxConcurrency) {
    /** Dataverse ServiceClient's default request timeout is 4 minutes (fact sheet, bulk operations). */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration MAX_REQUEST_TIMEOUT = Duration.ofHours(1);

    /** 4-minute timeout, read-write, no impersonation, 5000 rows per page, up to 52 requests in parallel. */
    public static final ConnectionOptions DEFAULTS = new ConnectionOptions(
            DEFAULT_REQUEST_TIMEOUT, false, null, DataverseHeaders.MAX_PAGE_SIZE, DataverseHeaders.MAX_CONCURRENCY);

    public ConnectionOptions {
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        if (requestTimeout.compareTo(Duration.ofSeconds(1)) < 0 || requestTimeout.compareTo(MAX_REQUEST_TIMEOUT) > 0) {
            throw Checks.invalid("request timeout must be between 1 second and 1 hour, got " + requestTimeout);
        }
        if (pageSize < 1 || pageSize > DataverseHeaders.MAX_PAGE_SIZE) {
            throw Checks.invalid("page size must be 1.." + DataverseHeaders.MAX_PAGE_SIZE
                    + " (Dataverse returns at most 5000 rows per page), got " + pageSize);
        }
        if (maxConcurrency < 1 || maxConcurrency > DataverseHeaders.MAX_CONCURRENCY) {
            throw Checks.invalid("max concurrency must be 1.." + DataverseHeaders.MAX_CONCURRENCY
                    + " (Dataverse's concurrency limit per user), got " + maxConcurrency);
        }
    }

    /** A copy with this request timeout. */
    public ConnectionOptions withRequestTimeout(Duration timeout) {
        return new ConnectionOptions(timeout, readOnly, impersonate, pageSize, maxConcurrency);
    }

    /** A copy that is read-only or not. */
    public ConnectionOptions withReadOnly(boolean value) {
        return new ConnectionOptions(requestTimeout, value, impersonate, pageSize, maxConcurrency);
    }

    /** A copy that impersonates this Entra user object id (null: none). */
    public ConnectionOptions withImpersonate(UUID callerObjectId) {
        return new ConnectionOptions(requestTimeout, readOnly, callerObjectId, pageSize, maxConcurrency);
    }

    /** A copy with this page size. */
    public ConnectionOptions withPageSize(int size) {
        return new ConnectionOptions(requestTimeout, readOnly, impersonate, size, maxConcurrency);
    }

    /** A copy with this concurrency bound. */
    public ConnectionOptions withMaxConcurrency(int max) {
        return new ConnectionOptions(requestTimeout, readOnly, impersonate, pageSize, max);
    }
}
