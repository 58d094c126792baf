package dev.sluice.cli;

import dev.sluice.store.Connection;
import dev.sluice.store.TokenStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sluice auth status [NAME]}: token metadata of one or every connection, never a token. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show whether connections are authorized, as whom, and until when (never a token).",
        footer = {"", "Examples:", "  sluice auth status", "  sluice auth status contoso"})
final class AuthStatusCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "One connection (default: all).")
    String name;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Engine engine = Engine.of(spec)) {
            List<Connection> connections = name != null ? List.of(engine.connection(name))
                    : engine.store().connections().list();
            PrintWriter out = spec.commandLine().getOut();
            if (connections.isEmpty()) {
                out.println("No connections yet. Add one with: sluice connection add NAME --org-url URL");
            }
            for (Connection c : connections) {
                out.println(c.name() + ":");
                printStatus(out, engine.store().tokens().status(c.id()));
            }
            return 0;
        }
    }

    static void printStatus(PrintWriter out, TokenStatus t) {
        ConnectionShowCommand.line(out, "token state", t.state().wireName());
        ConnectionShowCommand.line(out, "account", t.account());
        ConnectionShowCommand.line(out, "granted scopes", t.scopes().isEmpty() ? null : String.join(" ", t.scopes()));
        ConnectionShowCommand.line(out, "obtained", t.obtainedAt());
        ConnectionShowCommand.line(out, "expires", t.expiresAt());
        ConnectionShowCommand.line(out, "refresh token", t.hasRefreshToken() ? "held" : "none");
        ConnectionShowCommand.line(out, "last refresh", t.lastRefreshAt());
        ConnectionShowCommand.line(out, "last error", t.lastError());
    }
}
