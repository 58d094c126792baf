package dev.sluice.flow;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.core.RecordProvider;
import dev.sluice.core.SearchRequest;
import dev.sluice.core.TableSchema;
import dev.sluice.core.WriteMode;
import dev.sluice.core.WriteOutcome;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.DataverseRecordProvider;
import dev.sluice.store.SluiceStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A flow that remembers its rows' target keys, run in its own JVM for the kill -9 test: {@code KeyMemoryKillProcess
 * ORG_URL H2_URL SLUICE_HOME MODE BLOCK_AT}. The flow is {@link KeyMemoryKillTest#FLOW} (Dataverse accounts → an H2
 * table by account number). The target writes the first half of its BLOCK_AT-th (0-based) write of MODE
 * ({@code upsert} or {@code delete}), says {@code blocked MODE=K} and waits to be killed.
 */
public final class KeyMemoryKillProcess {
    private KeyMemoryKillProcess() {}

    public static void main(String[] args) {
        WriteMode blockMode = WriteMode.valueOf(args[3].toUpperCase(java.util.Locale.ROOT));
        long blockAt = Long.parseLong(args[4]);
        DataverseClient client = DataverseClient.builder().orgUrl(args[0])
                .credential(StaticTokenCredential.of("kill", "t")).build();
        RecordProvider db = new JdbcRecordProvider(args[1], "sa", null);
        AtomicLong writes = new AtomicLong();
        RecordProvider target = new RecordProvider() {
            @Override
            public List<String> tables() {
                return db.tables();
            }

            @Override
            public TableSchema describe(String table) {
                return db.describe(table);
            }

            @Override
            public Stream<Map<String, Object>> search(SearchRequest request) {
                return db.search(request);
            }

            @Override
            public List<WriteOutcome> write(String table, WriteMode mode, List<String> key,
                    List<Map<String, Object>> records) {
                if (mode != blockMode || writes.getAndIncrement() != blockAt) {
                    return db.write(table, mode, key, records);
                }
                db.write(table, mode, key, records.subList(0, records.size() / 2));
                System.out.println("blocked " + args[3] + "=" + blockAt);
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
        ConnectionResolver resolver = ConnectionResolver.of(Map.of("crm", new DataverseRecordProvider(client),
                "db", target));
        try (SluiceStore store = SluiceStore.builder().home(Path.of(args[2])).environment(Map.of()).build();
                CheckedFlow flow = new FlowValidator(resolver, Map.of()).check(FlowParser.parse("kill.flow.yaml",
                        KeyMemoryKillTest.FLOW))) {
            new FlowRunner(store.flows()).run(flow, RunOptions.DEFAULTS);
            System.out.println("done without blocking");
        }
    }
}
