package dev.sluice.flow;

import dev.sluice.core.RecordProvider;
import dev.sluice.core.SearchRequest;
import dev.sluice.core.TableSchema;
import dev.sluice.core.WriteMode;
import dev.sluice.core.WriteOutcome;
import dev.sluice.store.SluiceStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A flow run in its own JVM for the kill-during-overlap test: {@code OverlapKillProcess FLOW_FILE SLUICE_HOME CSV_DIR
 * H2_URL BLOCK_AT}. The source counts the rows it hands out; the target writes the first half of chunk BLOCK_AT, says
 * {@code blocked chunk=K read=R} (R: rows read so far, so the parent sees the reader ahead of the writer) and
 * waits to be killed.
 */
public final class OverlapKillProcess {
    private OverlapKillProcess() {}

    public static void main(String[] args) {
        AtomicLong read = new AtomicLong();
        int blockAt = Integer.parseInt(args[4]);
        RecordProvider files = new FileRecordProvider(Path.of(args[2]));
        RecordProvider db = new JdbcRecordProvider(args[3], "sa", null);
        RecordProvider source = new Delegate(files) {
            @Override
            public Stream<Map<String, Object>> search(SearchRequest request) {
                return files.search(request).peek(r -> read.incrementAndGet());
            }
        };
        AtomicLong writes = new AtomicLong();
        RecordProvider target = new Delegate(db) {
            @Override
            public List<WriteOutcome> write(String table, WriteMode mode, List<String> key,
                    List<Map<String, Object>> records) {
                if (writes.getAndIncrement() != blockAt) {
                    return db.write(table, mode, key, records);
                }
                db.write(table, mode, key, records.subList(0, records.size() / 2));
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (read.get() < (long) (blockAt + 2) * records.size() && System.nanoTime() < deadline) {
                    Thread.onSpinWait(); // the reader is expected ahead; give a loaded machine time to show it
                }
                System.out.println("blocked chunk=" + blockAt + " read=" + read.get());
                System.out.flush();
                while (true) {
                    try {
                        Thread.sleep(60_000); // a write that never ends: the parent kills this process now
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        try (SluiceStore store = SluiceStore.builder().home(Path.of(args[1])).environment(Map.of()).build();
                CheckedFlow flow = new FlowValidator(ConnectionResolver.of(Map.of("files", source, "db", target)),
                        Map.of()).check(Path.of(args[0]))) {
            new FlowRunner(store.flows()).run(flow, RunOptions.DEFAULTS);
            System.out.println("done without blocking");
        }
    }

    /** Passes every call on. */
    private static class Delegate implements RecordProvider {
        private final RecordProvider d;

        Delegate(RecordProvider d) {
            this.d = d;
        }

        @Override
        public List<String> tables() {
            return d.tables();
        }

        @Override
        public TableSchema describe(String table) {
            return d.describe(table);
        }

        @Override
        public Stream<Map<String, Object>> search(SearchRequest request) {
            return d.search(request);
        }

        @Override
        public List<WriteOutcome> write(String table, WriteMode mode, List<String> key,
                List<Map<String, Object>> records) {
            return d.write(table, mode, key, records);
        }
    }
}
