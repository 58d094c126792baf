package dev.sluice.cli;

import dev.sluice.store.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sluice connection remove NAME}: deletes a connection with its secrets and tokens. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Remove a connection with its secrets and tokens.",
        footer = {"", "Example:", "  sluice connection remove contoso"})
final class ConnectionRemoveCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The connection.")
    String name;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Engine engine = Engine.of(spec)) {
            Connection c = engine.connection(name);
            engine.store().connections().delete(c.id(), engine.actor());
            spec.commandLine().getOut().println("Removed connection '" + c.name() + "' with its secrets and tokens.");
            if (DefaultConnection.stored(engine.environment()).filter(c.name()::equals).isPresent()) {
                DefaultConnection.set(engine.environment(), null);
                spec.commandLine().getOut().println("It was the default connection; there is none now.");
            }
            return 0;
        }
    }
}
