package dev.sluice.flow;

import dev.sluice.store.SluiceStore;
import java.nio.file.Path;
import java.util.Map;

/** A flow run in its own JVM, for the kill -9 test: {@code FlowProcess FLOW_FILE SLUICE_HOME}; prints each chunk. */
public final class FlowProcess {
    private FlowProcess() {}

    public static void main(String[] args) {
        try (SluiceStore store = SluiceStore.builder().home(Path.of(args[1])).environment(Map.of()).build();
                CheckedFlow flow = new FlowValidator(ConnectionResolver.of(Map.of()), Map.of()).check(Path.of(args[0]))) {
            RunSummary s = new FlowRunner(store.flows()).run(flow, RunOptions.DEFAULTS.withProgress(p -> {
                System.out.println("chunk " + p.chunks());
                System.out.flush();
            }));
            System.out.println("done " + s.line());
        }
    }
}
