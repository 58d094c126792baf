package dev.sluice.cli;

import dev.sluice.store.Connection;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice connection use [NAME | --clear]}: sets, shows or clears the default connection. */
@Command(name = "use", mixinStandardHelpOptions = true,
        description = "Set the default connection, so that commands need not name it (shows it when no NAME is given).",
        footer = {"", "The default is kept in SLUICE_HOME/cli.properties; SLUICE_CONNECTION overrides it for one shell,",
            "and a name typed in a command overrides both.", "", "Examples:",
            "  sluice connection use contoso",
            "  sluice query account --select name --top 5        # = sluice query contoso account …",
            "  sluice query fabrikam account --top 5              # another connection, this once",
            "  sluice connection use --clear"})
final class ConnectionUseCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The connection to use by default.")
    String name;

    @Option(names = "--clear", description = "Forget the default connection.")
    boolean clear;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (clear && name != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give a NAME or --clear, not both");
        }
        try (Engine engine = Engine.of(spec)) {
            CliEnvironment env = engine.environment();
            String override = env.variables().get(DefaultConnection.VARIABLE);
            if (clear) {
                DefaultConnection.set(env, null);
                out.println("No default connection now; commands need a connection name.");
            } else if (name == null) {
                Optional<String> stored = DefaultConnection.stored(env);
                out.println(stored.map(s -> "The default connection is '" + s + "'.")
                        .orElse("No default connection is set; set one with: sluice connection use NAME"));
            } else {
                Connection c = engine.connection(name);
                DefaultConnection.set(env, c.name());
                out.println("The default connection is now '" + c.name() + "': commands that take a connection "
                        + "name use it when you leave the name out.");
            }
            if (override != null && !override.isBlank()) {
                out.println("(In this shell " + DefaultConnection.VARIABLE + "=" + override.strip()
                        + " overrides it.)");
            }
            return 0;
        }
    }
}
