package dev.sluice.bench.macro;

/**
 * How big each macro figure runs. {@link #FULL} is what the targets are stated for; {@link #QUICK}
 * is the toy size CI runs so the runner cannot rot (its speed ratios mean little). Immutable.
 *
 * @param accounts rows scanned by the read figure
 * @param writeRows contacts upserted by Sluice in the write figure
 * @param writeBaselineRows contacts written one request each by the write baseline (a sample, extrapolated)
 * @param throttledRows rows imported under scaled-down service protection limits
 * @param throttleChunk records per request in the throttled figure (the largest request it sends)
 * @param throttleLimit requests allowed per window in the throttled figure
 * @param throttleWindowSeconds the throttled figure's sliding window
 * @param tokenThreads threads calling the Web API in the token refresh figure
 * @param tokenExpiries how many times every access token is expired during that figure
 * @param matrixImportRows rows each import cell of the fault matrix imports
 * @param matrixExportRows rows each export cell of the fault matrix exports
 * @param idpOutageSeconds how long the identity provider is down in its fault-matrix cell
 */
record Sizes(long accounts, int writeRows, int writeBaselineRows, int throttledRows, int throttleChunk, int throttleLimit,
        int throttleWindowSeconds, int tokenThreads, int tokenExpiries, int matrixImportRows, int matrixExportRows,
        int idpOutageSeconds) {

    /**
     * The sizes: 1,000,000 accounts; 100,000 contacts (baseline sample 5,000); 50,000 rows in
     * 100-record requests under 100 requests per 10-second window (500 requests: the limit binds over five
     * windows, so the run is mostly steady state, and the probes refused at a window's end are a small
     * share of its 100 requests); 64 threads through 20 token expiries; a fault matrix of 100,000-row imports
     * and a 1,000,000-row export with a 30-second identity provider outage.
     */
    static final Sizes FULL = new Sizes(1_000_000, 100_000, 5_000, 50_000, 100, 100, 10, 64, 20, 100_000, 1_000_000,
            30);

    /**
     * Small enough for CI (well under two minutes in all) through the same code paths: the throttled
     * figure keeps 500 requests and 100 per window, with 10-record requests and a 2-second window.
     */
    static final Sizes QUICK = new Sizes(20_000, 10_000, 1_000, 5_000, 10, 100, 2, 16, 3, 3_000, 20_000, 3);
}
