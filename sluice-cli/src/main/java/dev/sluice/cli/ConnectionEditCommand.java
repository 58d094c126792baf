package dev.sluice.cli;

import dev.sluice.store.Connection;
import dev.sluice.store.ConnectionSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice connection edit NAME …}: changes only the settings given; can rename and replace secrets. */
@Command(name = "edit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Change a connection's settings or secrets; only what is given changes.",
        footer = {"", "Examples:",
            "  sluice connection edit contoso --read-only",
            "  sluice connection edit svc --client-secret-file ./new-secret.txt",
            "  sluice connection edit contoso --rename contoso-prod"})
final class ConnectionEditCommand implements Callable<Integer> {
    @Mixin
    ConnectionArgument connection;

    @Option(names = "--rename", paramLabel = "NEW_NAME", description = "A new name.")
    String rename;

    @Mixin
    ConnectionFields fields;

    @Override
    public Integer call() {
        return connection.withConnection((engine, before, out) -> {
            ConnectionSettings settings = fields.apply(rename != null ? rename : before.name(), before.settings());
            ConnectionFields.Secrets secrets = fields.readSecrets(engine.environment(), settings.auth().method(), false);
            // one transaction: a change of where the connection signs in needs its secrets again, given here
            Connection after = engine.store().connections().update(before.id(), settings, secrets.byName(),
                    engine.actor());
            java.util.List<String> allowed = engine.allowDestinationsOf(settings);
            out.println("Updated connection '" + after.name() + "'.");
            ConnectionFields.sayAllowed(out, allowed);
            if (!after.name().equals(before.name())
                    && DefaultConnection.stored(engine.environment()).filter(before.name()::equals).isPresent()) {
                DefaultConnection.set(engine.environment(), after.name());
            }
            return 0;
        });
    }
}
