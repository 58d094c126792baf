package dev.sluice.flow;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.DataverseRecordProvider;
import dev.sluice.flow.internal.run.Cursor;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The threads of one run: a reader thread reads and maps chunk N+1 while chunk N is written (and, for a target that
 * takes parallel writes, up to its concurrency bound of chunks at once); written chunks are handed to
 * {@link Commit} one at a time, in chunk order. No write outlives the run. Not thread-safe; one per run.
 */
final class ChunkPipeline {
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Parallel chunk writes to a Dataverse target at most (each is one bulk request of up to 1000 records). */
    private static final int MAX_PARALLEL = 8;

    /** Commits one written chunk, in chunk order. */
    interface Commit {
        /**
         * Saves chunk {@code p} as {@code o} says it was written; {@code inFlight} gives the target keys of the
         * chunks after it that are being written. Answers whether the run stops after this chunk.
         */
        boolean commit(PreparedChunk p, ChunkWriter.Outcome o, Supplier<Set<String>> inFlight);
    }

    private record Pending(PreparedChunk chunk, CompletableFuture<ChunkWriter.Outcome> write) {}

    private final CheckedFlow flow;
    private final ChunkWriter writer;
    private final Function<PreparedChunk, ChunkWriter.Outcome> dryRun;
    private final Commit commit;
    private final int parallel;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private RuntimeException failure;
    private boolean ended;
    private boolean stopping;

    /** Writes with {@code writer}, or, when {@code dryRun} is not null, only through it on the reading thread. */
    ChunkPipeline(CheckedFlow flow, ChunkWriter writer, Function<PreparedChunk, ChunkWriter.Outcome> dryRun,
            Commit commit) {
        this.flow = flow;
        this.writer = writer;
        this.dryRun = dryRun;
        this.commit = commit;
        this.parallel = parallelWrites(flow);
    }

    /** Reads, maps, writes and commits every chunk; returns when the source is done, or throws. */
    void run(Stream<Map<String, Object>> rows, Cursor cursor, long firstSeq, ChunkPreparer preparer) {
        FlowDefinition def = flow.definition();
        ExecutorService writers = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "sluice-flow-write-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ChunkReader reader = new ChunkReader(def.name(), rows, def.target().chunkSize(), cursor, firstSeq, preparer,
                parallel);
        try {
            while (true) {
                commitReady();
                if (ended || stopping) {
                    if (pending.isEmpty()) {
                        break;
                    }
                    continue;
                }
                take(reader.take(), writers);
            }
        } finally {
            reader.stop();
            writers.shutdown();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Commits the written chunks at the head of the queue (all of them once the run ends or stops). */
    private void commitReady() {
        while (!pending.isEmpty() && (pending.peek().write().isDone() || pending.size() > parallel || ended
                || stopping)) {
            Pending head = pending.poll();
            if (failure != null) {
                head.write().handle((o, e) -> null).join(); // no write may outlive the run
                continue;
            }
            try {
                stopping |= commit.commit(head.chunk(), join(head.write()), this::inFlightKeys);
            } catch (RuntimeException e) {
                failure = e;
                stopping = true;
            }
        }
    }

    /** Starts writing a chunk the reader prepared, or notes the end of the source or the reader's failure. */
    private void take(Object item, ExecutorService writers) {
        if (item instanceof PreparedChunk p) {
            pending.add(new Pending(p, dryRun != null ? CompletableFuture.completedFuture(dryRun.apply(p))
                    : CompletableFuture.supplyAsync(() -> writer.write(p), writers)));
        } else if (item == ChunkReader.END) {
            ended = true;
        } else {
            failure = item instanceof RuntimeException e ? e : new SluiceException(ErrorKind.INTERNAL,
                    "reading the source of flow '" + flow.definition().name() + "' failed: " + item, (Throwable) item);
            stopping = true;
        }
    }

    private static ChunkWriter.Outcome join(CompletableFuture<ChunkWriter.Outcome> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** The target keys of the chunks being written (a key memory leaves their rows alone). */
    private Set<String> inFlightKeys() {
        Set<String> keys = new HashSet<>();
        for (Pending q : pending) {
            if (q.chunk().remembered() != null) {
                q.chunk().remembered().mappedKeys().stream().filter(Objects::nonNull).forEach(keys::add);
            }
        }
        return keys;
    }

    private static int parallelWrites(CheckedFlow flow) {
        if (SharedProvider.unwrap(flow.target()) instanceof DataverseRecordProvider dv) {
            return Math.max(1, Math.min(MAX_PARALLEL, dv.client().gate().limit()));
        }
        return 1;
    }
}
