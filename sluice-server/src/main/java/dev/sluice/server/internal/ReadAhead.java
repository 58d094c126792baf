package dev.sluice.server.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the next pages of an API row query (Dataverse's JSON, as sent) while the client is still taking this one, so
 * a client that follows continuations waits for Dataverse once, not once per page ({@link ApiPages} says how many
 * ahead). A page read ahead is kept under the caller, connection, query and skip token it answers, for at most
 * {@link #KEEP}; it is handed out only to a request that has passed the same grant check again, and counted and
 * audited when it is handed out, not when it is read. At most {@link #MAX_ROWS} rows are read ahead at once over all
 * callers (a busy server simply reads fewer ahead), on two threads that end when idle. A read ahead that failed is
 * forgotten: the request then reads the page itself and reports its own error. The cost: a client that stops early
 * leaves the pages read ahead for it read for nothing. Thread-safe.
 */
final class ReadAhead {
    /** How long a page read ahead waits for its request. */
    static final Duration KEEP = Duration.ofSeconds(30);
    /** Rows read ahead at once, over all callers: four pages of Dataverse's largest. */
    static final int MAX_ROWS = 20_000;
    private static final Logger LOG = LoggerFactory.getLogger(ReadAhead.class);

    private record Ahead(CompletableFuture<byte[]> page, Instant at, int rows) {}

    private final Clock clock;
    private final Map<String, Ahead> pending = new ConcurrentHashMap<>();
    private final AtomicInteger rows = new AtomicInteger();
    private final ThreadPoolExecutor readers;

    ReadAhead(Clock clock) {
        this.clock = clock;
        this.readers = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4), r -> {
            Thread t = new Thread(r, "sluice-read-ahead");
            t.setDaemon(true);
            return t;
        });
        readers.allowCoreThreadTimeOut(true);
    }

    /**
     * Starts reading the page {@code key} names, unless it is already being read; answers that read (null when too
     * many rows are read ahead, or both readers are busy: the page is then read when it is asked for).
     */
    CompletableFuture<byte[]> start(String key, int pageRows, Supplier<byte[]> read) {
        forgetExpired();
        Ahead existing = pending.get(key);
        if (existing != null) {
            return existing.page();
        }
        if (rows.addAndGet(pageRows) > MAX_ROWS) {
            rows.addAndGet(-pageRows);
            return null;
        }
        Ahead ahead = new Ahead(new CompletableFuture<>(), clock.instant(), pageRows);
        Ahead raced = pending.putIfAbsent(key, ahead);
        if (raced != null) {
            rows.addAndGet(-pageRows);
            return raced.page();
        }
        try {
            readers.execute(() -> {
                try {
                    ahead.page().complete(read.get());
                } catch (RuntimeException | Error e) {
                    ahead.page().completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            // both readers busy and the queue full: this page is read when it is asked for, as without read-ahead
            // (a request that found it meanwhile stops waiting for it at once)
            forget(key, ahead);
            ahead.page().completeExceptionally(e);
            return null;
        }
        return ahead.page();
    }

    /** Forgets the page {@code key} names (a guess that proved wrong); its read, if running, is left to end. */
    void discard(String key) {
        Ahead ahead = pending.get(key);
        if (ahead != null) {
            forget(key, ahead);
        }
    }

    /** Whether the page {@code key} names is being read or waits to be handed out. */
    boolean holds(String key) {
        return pending.containsKey(key);
    }

    /** The page read ahead for {@code key} (waiting for it if it is still being read), or null. */
    byte[] take(String key) {
        Ahead ahead = pending.get(key);
        if (ahead == null || !forget(key, ahead)) {
            return null;
        }
        try {
            return ahead.page().get(KEEP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            // the request reads the page itself and reports what goes wrong then
            LOG.debug("a page read ahead failed; reading it again for the request", e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private boolean forget(String key, Ahead ahead) {
        if (pending.remove(key, ahead)) {
            rows.addAndGet(-ahead.rows());
            return true;
        }
        return false;
    }

    private void forgetExpired() {
        Instant oldest = clock.instant().minus(KEEP);
        pending.forEach((key, ahead) -> {
            if (ahead.at().isBefore(oldest)) {
                forget(key, ahead);
            }
        });
    }
}
