package dev.sluice.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sluice auth logout NAME}: deletes a connection's tokens; it then needs authorization again. */
@Command(name = "logout", mixinStandardHelpOptions = true, description = "Delete a connection's tokens.",
        footer = {"", "Example:", "  sluice auth logout contoso"})
final class AuthLogoutCommand implements Callable<Integer> {
    @Mixin
    ConnectionArgument connection;

    @Override
    public Integer call() {
        return connection.withConnection((engine, c, out) -> {
            engine.authorizer().signOut(c, engine.actor());
            out.println("Signed out '" + c.name() + "': its tokens are deleted; sign in again with: sluice auth login "
                    + c.name());
            return 0;
        });
    }
}
