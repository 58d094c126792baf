package dev.sluice.emulator.internal.limits;

import dev.sluice.emulator.RecordedRequest;
import dev.sluice.emulator.RequestCount;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counts per (method, path template, status), the Web API requests sent and accepted, and a
 * bounded log of the most recent requests. Thread-safe: counts are lock-free; the log takes a short lock
 * per request.
 */
public final class TrafficStats {
    /** How many recent requests the log keeps. */
    public static final int LOG_CAPACITY = 1000;

    private record Key(String method, String path, int status) {}

    private final ConcurrentHashMap<Key, LongAdder> counts = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();
    private final LongAdder webApiSent = new LongAdder();
    private final LongAdder webApiAccepted = new LongAdder();
    private final ArrayDeque<RecordedRequest> log = new ArrayDeque<>(LOG_CAPACITY);

    void record(String method, String rawPath, RecordedRequest entry) {
        counts.computeIfAbsent(new Key(method, PathTemplate.of(rawPath), entry.status()), k -> new LongAdder())
                .increment();
        total.increment();
        if (rawPath.startsWith("/api/data/")) {
            webApiSent.increment();
            if (accepted(entry)) {
                webApiAccepted.increment();
            }
        }
        synchronized (log) {
            if (log.size() == LOG_CAPACITY) {
                log.removeFirst();
            }
            log.addLast(entry);
        }
    }

    /**
     * Whether the service did the request's work and its answer reached the client: no injected fault
     * (a delay aside) and not refused by a limit, an authentication failure or a server error.
     */
    private static boolean accepted(RecordedRequest r) {
        int s = r.status();
        boolean refused = s == 401 || s == 408 || s == 429 || s >= 500;
        return !refused && (r.fault() == null || r.fault() == dev.sluice.emulator.FaultKind.DELAY);
    }

    /** Web API requests received since the last reset, whatever became of them. */
    public long webApiSent() {
        return webApiSent.sum();
    }

    /** Web API requests the service did and answered (see {@link #accepted}); sent ÷ accepted is the waste. */
    public long webApiAccepted() {
        return webApiAccepted.sum();
    }

    /** Requests counted since the last reset (admin API requests are not counted). */
    public long total() {
        return total.sum();
    }

    /** Counts ordered by path, method and status. */
    public List<RequestCount> counts() {
        List<RequestCount> out = new ArrayList<>();
        counts.forEach((k, v) -> out.add(new RequestCount(k.method(), k.path(), k.status(), v.sum())));
        out.sort(Comparator.comparing(RequestCount::path).thenComparing(RequestCount::method)
                .thenComparingInt(RequestCount::status));
        return out;
    }

    /** The last {@code limit} requests (at most {@value #LOG_CAPACITY}), oldest first. */
    public List<RecordedRequest> recent(int limit) {
        synchronized (log) {
            int n = Math.max(0, Math.min(limit, log.size()));
            List<RecordedRequest> out = new ArrayList<>(n);
            Iterator<RecordedRequest> newestFirst = log.descendingIterator();
            for (int i = 0; i < n; i++) {
                out.add(newestFirst.next());
            }
            Collections.reverse(out);
            return out;
        }
    }

    public void reset() {
        counts.clear();
        total.reset();
        webApiSent.reset();
        webApiAccepted.reset();
        synchronized (log) {
            log.clear();
        }
    }
}
