package dev.sluice.flow;

import dev.sluice.flow.internal.run.Cursor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Reads the source on a thread of its own and prepares chunk after chunk, at most {@code lookahead} ahead of the
 * writer, so chunk N+1 is read and mapped while chunk N is written. The writer takes {@link PreparedChunk}s in
 * order, then {@link #END} (also after a chunk that stops the run), or the failure that stopped the reader.
 * {@link #stop()} ends the reader early (it closes the source stream on its own thread). Thread-safe.
 */
final class ChunkReader implements AutoCloseable {
    /** Taken after the last chunk. */
    static final Object END = new Object();
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** How long a full queue is waited on before the reader looks whether it was stopped. */
    private static final long OFFER_MILLIS = 100;

    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile boolean stopped;

    /**
     * Starts reading {@code rows} (closed by the reader) in chunks of {@code size}, from {@code cursor}, numbering
     * chunks from {@code firstSeq}.
     */
    ChunkReader(String flow, Stream<Map<String, Object>> rows, int size, Cursor cursor, long firstSeq,
            ChunkPreparer preparer, int lookahead) {
        this.queue = new ArrayBlockingQueue<>(lookahead + 1);
        this.thread = new Thread(() -> read(rows, size, cursor, firstSeq, preparer),
                "sluice-flow-read-" + THREADS.incrementAndGet() + "-" + flow);
        thread.setDaemon(true);
        thread.start();
    }

    private void read(Stream<Map<String, Object>> rows, int size, Cursor cursor, long firstSeq,
            ChunkPreparer preparer) {
        try (rows) {
            Iterator<Map<String, Object>> it = rows.iterator();
            Cursor at = cursor;
            long seq = firstSeq;
            while (!stopped && it.hasNext()) {
                List<Map<String, Object>> chunk = new ArrayList<>(size);
                while (chunk.size() < size && it.hasNext()) {
                    chunk.add(it.next());
                }
                PreparedChunk p = preparer.prepare(seq++, chunk, at);
                if (!offer(p)) {
                    return;
                }
                if (p.stop() != null) {
                    break; // the run stops in this chunk; END still follows, or the writer would wait for more
                }
                at = p.after();
            }
            offer(END);
        } catch (RuntimeException | Error e) {
            offer(e);
        }
    }

    private boolean offer(Object item) {
        try {
            while (!queue.offer(item, OFFER_MILLIS, TimeUnit.MILLISECONDS)) {
                if (stopped) {
                    return false;
                }
            }
            return !stopped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The next prepared chunk, {@link #END}, or the reader's failure (a Throwable), in order. */
    Object take() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the source", e);
        }
    }

    /** Stops the reader and waits until it has closed the source. */
    void stop() {
        stopped = true;
        queue.clear();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.clear();
    }

    @Override
    public void close() {
        stop();
    }
}
