package dev.sluice.cli;

import dev.sluice.store.Connection;
import dev.sluice.store.TokenStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sluice connection list}: every connection with its org, auth method and token state. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List connections and whether they are authorized.",
        footer = {"", "Example:", "  sluice connection list"})
final class ConnectionListCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Engine engine = Engine.of(spec)) {
            List<Connection> all = engine.store().connections().list();
            var out = spec.commandLine().getOut();
            if (all.isEmpty()) {
                out.println("No connections yet. Add one with: sluice connection add NAME --org-url URL");
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            String standard = DefaultConnection.get(engine.environment()).orElse(null);
            for (Connection c : all) {
                TokenStatus t = engine.store().tokens().status(c.id());
                rows.add(List.of(c.name() + (c.name().equals(standard) ? " (default)" : ""), c.settings().orgUrl().toString(), c.settings().auth().method().wireName(),
                        t.state().wireName(), t.account() == null ? "" : t.account()));
            }
            TextTable.print(out, List.of("NAME", "ORG URL", "AUTH", "STATE", "ACCOUNT"), rows,
                    engine.environment().width(), engine.environment().colour());
            return 0;
        }
    }
}
