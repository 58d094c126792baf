package dev.sluice.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sluice connection remove NAME}: deletes a connection with its secrets and tokens. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Remove a connection with its secrets and tokens.",
        footer = {"", "Example:", "  sluice connection remove contoso"})
final class ConnectionRemoveCommand implements Callable<Integer> {
    @Mixin
    ConnectionArgument connection;

    @Override
    public Integer call() {
        return connection.withConnection((engine, c, out) -> {
            engine.store().connections().delete(c.id(), engine.actor());
            out.println("Removed connection '" + c.name() + "' with its secrets and tokens.");
            if (DefaultConnection.stored(engine.environment()).filter(c.name()::equals).isPresent()) {
                DefaultConnection.set(engine.environment(), null);
                out.println("It was the default connection; there is none now.");
            }
            return 0;
        });
    }
}
