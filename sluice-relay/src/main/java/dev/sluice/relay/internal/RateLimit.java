package dev.sluice.relay.internal;

/**
 * A token bucket over all callers: the relay tracks nobody (no IP address is kept), it only caps the
 * total rate. Thread-safe.
 */
public final class RateLimit {
    private final double perNano;
    private final int burst;
    private double tokens;
    private long last = System.nanoTime();

    public RateLimit(int perSecond, int burst) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
    }

    public synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
