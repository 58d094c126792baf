package dev.sluice.cli;

import dev.sluice.auth.ConnectionCredentials;
import dev.sluice.core.SluiceException;
import dev.sluice.flow.CheckedFlow;
import dev.sluice.flow.FlowException;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.FlowRunner;
import dev.sluice.flow.FlowValidator;
import dev.sluice.flow.RunOptions;
import dev.sluice.flow.RunSummary;
import dev.sluice.flow.StoreConnections;
import dev.sluice.store.SluiceStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice flow validate|run|retry-dead-letters FILE}: declarative flows. Connections a flow file does not
 * declare come from the engine store (the one every command uses: {@code --store-url}, the configuration's
 * {@code store.url}, or the H2 file in {@code --home} or {@code SLUICE_HOME}); checkpoints, runs and dead letters are
 * kept there.
 */
@Command(name = "flow", mixinStandardHelpOptions = true,
        description = "Validate and run declarative flows between Dataverse, databases and files.",
        subcommands = {FlowCommand.Validate.class, FlowCommand.Run.class, FlowCommand.Retry.class})
public final class FlowCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Opens the store and checks the flow, printing every problem with its file, line and column. */
    abstract static class FlowTask implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "The flow file (YAML).")
        Path file;

        @Option(names = "--home", paramLabel = "DIR", description = "Sluice home (engine store), instead of SLUICE_HOME.")
        Path home;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            TlsWarmUp.start(); // while the store opens and the flow file is read
            PrintWriter err = spec.commandLine().getErr();
            try {
                return checkAndWork(spec.commandLine().getOut());
            } catch (FlowException e) {
                for (FlowProblem p : e.problems()) {
                    err.println(p);
                }
                err.println(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems")
                        + "; the flow was not run");
                return e.kind().exitCode();
            } catch (SluiceException e) {
                err.println("error: " + e.getMessage());
                return e.kind().exitCode();
            }
        }

        private int checkAndWork(PrintWriter out) {
            SluiceCommand root = SluiceCommand.root(spec);
            CliEnvironment env = root.environment();
            // the store every command uses: --store-url, else the configuration's store.url, else the H2 file in
            // --home or SLUICE_HOME
            SluiceConfig config = SluiceConfig.load(env.variables(), home != null ? home : env.home())
                    .withFlag("store.url", root.storeUrl, "--store-url");
            // opened early on its own thread (EarlyStore) unless --home or --store-url names another
            SluiceStore early = home == null ? EarlyStore.claim(env, root.storeUrl) : null;
            var builder = Engine.storeBuilder(env, config.get("store.url"), config);
            try (SluiceStore store = early != null ? early
                    : Engine.openForCommand(home != null ? builder.home(home) : builder)) {
                // outbound requests use the configured proxy and CAs, as every command's do
                StoreConnections stored = new StoreConnections(new ConnectionCredentials(store, Clock.systemUTC(),
                        OutboundSettings.build(config, env.variables(), () -> store.outboundHosts().policy()
                                .with(dev.sluice.core.OutboundPolicy.LOOPBACK))));
                try (CheckedFlow flow = new FlowValidator(stored, System.getenv()).check(file)) {
                    return work(store, flow, out);
                }
            }
        }

        abstract int work(SluiceStore store, CheckedFlow flow, PrintWriter out);
    }

    /** {@code sluice flow validate FILE}. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a flow file: YAML, keys, connections, tables, columns, types, CEL, write keys.")
    static final class Validate extends FlowTask {
        @Override
        int work(SluiceStore store, CheckedFlow flow, PrintWriter out) {
            var d = flow.definition();
            out.println("flow '" + d.name() + "' is valid: " + d.source().connection() + "/" + d.source().table() + " -> "
                    + d.target().connection() + "/" + d.target().table() + " (" + d.target().write().name().toLowerCase()
                    + ", " + d.mappings().size() + " columns)");
            return 0;
        }
    }

    /** {@code sluice flow run FILE [--dry-run]}. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run a flow from its last checkpoint; --dry-run maps without writing and shows a sample.")
    static final class Run extends FlowTask {
        @Option(names = "--dry-run", description = "Read and map, write nothing, show a sample of mapped records.")
        boolean dryRun;

        @Override
        int work(SluiceStore store, CheckedFlow flow, PrintWriter out) {
            PrintWriter err = spec.commandLine().getErr();
            FlowProgress progress = new FlowProgress(err, SluiceCommand.root(spec).environment().terminal());
            RunOptions options = (dryRun ? RunOptions.dry() : RunOptions.DEFAULTS).withProgress(progress)
                    .startedBy(System.getProperty("user.name"), "cli");
            RunSummary s;
            try {
                s = new FlowRunner(store.flows()).run(flow, options);
            } finally {
                progress.finish();
            }
            s.warnings().forEach(w -> err.println("warning: " + w));
            if (s.dryRun()) {
                out.println("dry run, nothing written: " + s.line());
                for (Map<String, Object> m : s.sample()) {
                    out.println("  would " + m.get("write") + " " + m.get("record"));
                }
            } else {
                out.println((s.resumed() ? "resumed from checkpoint; " : "") + s.line());
                if (s.detail() != null) {
                    out.println(s.detail());
                }
                if (s.rejected() > 0) {
                    out.println(s.rejected() + " records went to the dead letters; fix the cause, then run "
                            + "'sluice flow retry-dead-letters " + file + "'");
                }
            }
            return 0;
        }
    }

    /** {@code sluice flow retry-dead-letters FILE}. */
    @Command(name = "retry-dead-letters", mixinStandardHelpOptions = true,
            description = "Replay a flow's dead letters through its current mapping and target.")
    static final class Retry extends FlowTask {
        @Override
        int work(SluiceStore store, CheckedFlow flow, PrintWriter out) {
            RunSummary s = new FlowRunner(store.flows()).retryDeadLetters(flow);
            out.println("retried " + s.read() + ": created " + s.created() + ", updated " + s.updated()
                    + (s.upserted() > 0 ? ", upserted " + s.upserted() + " (created or updated)" : "")
                    + ", still failing " + s.rejected());
            return s.rejected() == 0 ? 0 : dev.sluice.core.ErrorKind.INVALID_INPUT.exitCode();
        }
    }
}
