package dev.sluice.emulator;

import dev.sluice.emulator.internal.limits.ServiceProtection;
import dev.sluice.emulator.internal.limits.TrafficStats;
import java.util.List;

/**
 * What a running emulator has seen since start or the last {@link #reset()}: request counts per
 * (method, path template, status), a log of the last {@value TrafficStats#LOG_CAPACITY} requests
 * with secrets redacted, and per identity the requests the service protection limits accepted and
 * rejected. Admin API requests ({@code /_emulator/…}) are not counted. The same figures are served by
 * the admin HTTP API ({@code /_emulator/stats}, {@code /_emulator/requests}). Thread-safe; every
 * method returns a snapshot.
 */
public final class EmulatorStats {
    /** How many recent requests {@link #recentRequests(int)} can return. */
    public static final int LOG_CAPACITY = TrafficStats.LOG_CAPACITY;

    private final TrafficStats traffic;
    private final ServiceProtection protection;

    EmulatorStats(TrafficStats traffic, ServiceProtection protection) {
        this.traffic = traffic;
        this.protection = protection;
    }

    /** All requests counted (every status, injected faults included). */
    public long totalRequests() {
        return traffic.total();
    }

    /**
     * Web API requests ({@code /api/data/…}) received, whatever became of them: faulted, refused or
     * answered.
     */
    public long webApiSent() {
        return traffic.webApiSent();
    }

    /**
     * Web API requests the service did and whose answer reached the client: no injected fault (a delay
     * aside) and not answered 401, 408, 429 or 5xx. {@code webApiSent() / webApiAccepted()} is what
     * retries and refusals cost.
     */
    public long webApiAccepted() {
        return traffic.webApiAccepted();
    }

    /** Counts ordered by path, method and status. */
    public List<RequestCount> requests() {
        return traffic.counts();
    }

    /** How many requests with this method and path template got this status. */
    public long count(String method, String pathTemplate, int status) {
        return traffic.counts().stream()
                .filter(c -> c.method().equals(method) && c.path().equals(pathTemplate) && c.status() == status)
                .mapToLong(RequestCount::count).sum();
    }

    /** The last {@code limit} requests, oldest first. */
    public List<RecordedRequest> recentRequests(int limit) {
        return traffic.recent(limit);
    }

    /** Per-identity service protection figures, ordered by identity. */
    public List<IdentityStats> identities() {
        return protection.identities();
    }

    /** One identity's figures, or all zeros when it has sent nothing. */
    public IdentityStats identity(String identity) {
        return identities().stream().filter(s -> s.identity().equals(identity)).findFirst()
                .orElse(new IdentityStats(identity, 0, 0, 0, 0, 0));
    }

    /** Zeroes the counts, empties the log and zeroes the per-identity figures (not the limit windows). */
    public void reset() {
        traffic.reset();
        protection.resetStats();
    }
}
