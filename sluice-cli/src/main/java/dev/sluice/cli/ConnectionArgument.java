package dev.sluice.cli;

import dev.sluice.store.Connection;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

/**
 * The connection a command works on, its {@code NAME} argument, and the one way such a command runs: an {@link Engine}
 * opened for the command and closed after it, and the command's output. A picocli mixin; not thread-safe.
 */
final class ConnectionArgument {
    /** A command's work on an open engine; returns the exit code. */
    @FunctionalInterface
    interface Work {
        int run(Engine engine, PrintWriter out);
    }

    /** A command's work on the named connection; returns the exit code. */
    @FunctionalInterface
    interface ConnectionWork {
        int run(Engine engine, Connection connection, PrintWriter out);
    }

    @Parameters(index = "0", paramLabel = "NAME", description = "The connection.")
    String name;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    /** Runs {@code work} on an engine opened for the command. */
    int run(Work work) {
        try (Engine engine = Engine.of(spec)) {
            return work.run(engine, spec.commandLine().getOut());
        }
    }

    /** Runs {@code work} on the named connection; NOT_FOUND (with a "did you mean") when there is none. */
    int withConnection(ConnectionWork work) {
        return run((engine, out) -> work.run(engine, engine.connection(name), out));
    }
}
