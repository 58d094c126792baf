package dev.sluice.bench.macro;

/**
 * How big each macro figure runs. {@link #FULL} is what the targets are stated for; {@link #QUICK}
 * is the toy size CI runs so the runner cannot rot (its speed ratios mean little). Immutable.
 *
 * @param accounts rows scanned by the read figure
 * @param writeRows contacts upserted by Sluice in the write figure
 * @param writeBaselineRows contacts written one request each by the write baseline (a sample, extrapolated)
 * @param throttledRows rows imported under scaled-down service protection limits
 * @param throttleLimit requests allowed per window in the throttled figure
 * @param throttleWindowSeconds the throttled figure's sliding window
 * @param tokenThreads threads calling the Web API in the token refresh figure
 * @param tokenExpiries how many times every access token is expired during that figure
 */
record Sizes(long accounts, int writeRows, int writeBaselineRows, int throttledRows, int throttleLimit,
        int throttleWindowSeconds, int tokenThreads, int tokenExpiries) {

    /** The sizes: 1,000,000 accounts; 100,000 contacts; 50,000 throttled rows; 64 threads, 20 expiries. */
    static final Sizes FULL = new Sizes(1_000_000, 100_000, 5_000, 50_000, 10, 5, 64, 20);

    /** Small enough for CI (about a minute in all); the same code paths. */
    static final Sizes QUICK = new Sizes(20_000, 10_000, 1_000, 5_000, 2, 2, 16, 3);
}
