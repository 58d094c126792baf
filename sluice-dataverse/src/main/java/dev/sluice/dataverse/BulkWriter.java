package dev.sluice.dataverse;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Streams records into a table with bulk messages in constant memory: {@link #add} buffers records
 * until a chunk is full, then hands the chunk to one of at most {@code parallel} worker threads (the
 * identity's concurrency bound, never above 52); {@code add} blocks while that many chunks are in
 * flight, so at most {@code parallel + 1} chunks are held at once whatever the input size. Every
 * record's {@link BulkOutcome} goes to the sink given at creation (called from worker threads, so it
 * must be thread-safe). {@link #close()} sends the rest and waits. Creates get a client-assigned primary
 * id when the record has none (so that a resend finds the row instead of making another); the outcome
 * carries it. Obtain one from {@link DataverseClient#bulkWriter}; feed it from one thread.
 *
 * <pre>
 * try (BulkWriter w = client.bulkWriter("account", WriteMode.UPSERT, List.of("accountnumber"),
 *         BulkOptions.DEFAULTS, outcome -> { if (outcome.failed()) log(outcome); })) {
 *     csvRows.forEach(w::add);
 * }
 * </pre>
 */
public final class BulkWriter implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final BulkChunkSender sender;
    private final Consumer<BulkOutcome> sink;
    private final String idColumn;
    private final int chunkSize;
    private final ExecutorService executor;
    private final Semaphore inFlight;
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private List<Map<String, Object>> buffer;
    private long next;
    private long bufferStart;
    private boolean closed;

    /** {@code idColumn}: the primary id column that creates get an id in, or null for other writes. */
    BulkWriter(BulkChunkSender.Factory factory, String idColumn, int chunkSize, int parallel,
            Consumer<BulkOutcome> sink) {
        this.sink = sink;
        this.idColumn = idColumn;
        this.sender = factory.create(this::report);
        this.chunkSize = chunkSize;
        this.inFlight = new Semaphore(parallel);
        this.executor = new ThreadPoolExecutor(parallel, parallel, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "sluice-bulk-" + THREADS.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.buffer = new ArrayList<>(chunkSize);
    }

    /**
     * Adds one record (copied; a create without a primary id gets a random one); sends a chunk when one is
     * full, waiting while the workers are busy.
     */
    public void add(Map<String, ?> record) {
        if (closed) {
            throw new IllegalStateException("this bulk writer is closed");
        }
        Map<String, Object> copy = new LinkedHashMap<>(record);
        if (idColumn != null && copy.get(idColumn) == null) {
            copy.put(idColumn, UUID.randomUUID());
        }
        buffer.add(copy);
        next++;
        if (buffer.size() >= chunkSize) {
            flush();
        }
    }

    /** Sends the buffered records now (as one chunk), without waiting for the answer. */
    public void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        List<Map<String, Object>> chunk = buffer;
        long start = bufferStart;
        buffer = new ArrayList<>(chunkSize);
        bufferStart = next;
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException(ErrorKind.TRANSIENT, "interrupted while waiting to send bulk records "
                    + start + ".." + (next - 1) + "; they were not sent", e);
        }
        executor.execute(() -> {
            try {
                sender.send(start, chunk);
            } catch (RuntimeException e) {
                for (int i = 0; i < chunk.size(); i++) {
                    report(BulkOutcome.failed(start + i, ErrorKind.INTERNAL, null, "bulk chunk failed unexpectedly: "
                            + e.getClass().getSimpleName()));
                }
            } finally {
                inFlight.release();
            }
        });
    }

    /** Records added so far. */
    public long added() {
        return next;
    }

    /** Records with an outcome so far, and how many of them failed. */
    public long completed() {
        return done.get();
    }

    public long failedCount() {
        return failed.get();
    }

    /** Sends what is buffered and waits until every record has its outcome. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            flush();
        } finally {
            closed = true;
            executor.shutdown();
            try {
                while (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
                    // keep waiting: every chunk ends, bounded by the retry budget
                }
            } catch (InterruptedException e) {
                // interrupted while closing: stop the workers and keep the interrupt for the caller
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void report(BulkOutcome outcome) {
        if (outcome.failed()) {
            failed.incrementAndGet();
        }
        done.incrementAndGet();
        sink.accept(outcome);
    }
}
