package dev.sluice.cli;

import dev.sluice.store.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sluice auth logout NAME}: deletes a connection's tokens; it then needs authorization again. */
@Command(name = "logout", mixinStandardHelpOptions = true, description = "Delete a connection's tokens.",
        footer = {"", "Example:", "  sluice auth logout contoso"})
final class AuthLogoutCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The connection.")
    String name;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Engine engine = Engine.of(spec)) {
            Connection c = engine.connection(name);
            engine.authorizer().signOut(c, engine.actor());
            spec.commandLine().getOut().println("Signed out '" + c.name() + "': its tokens are deleted; "
                    + "sign in again with: sluice auth login " + c.name());
            return 0;
        }
    }
}
