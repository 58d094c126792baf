package dev.sluice.auth;

/**
 * Supplies bearer tokens for one identity (a connection). Implementations cache the token, refresh it
 * ahead of expiry and let only one refresh run at a time; they are thread-safe.
 */
public interface TokenCredential {
    /** A token valid for at least a short while; refreshes first when the cached one is about to expire. */
    AccessToken token();

    /**
     * Called after the service refused {@code rejected} (HTTP 401): returns a fresher token, refreshing
     * unless another caller already replaced the rejected one. The default has no way to refresh.
     */
    default AccessToken refreshAfterRejection(AccessToken rejected) {
        return token();
    }

    /** Who the tokens act as (a connection name or client id): the key of throttling and concurrency. */
    String identity();
}
