package dev.sluice.cli;

import dev.sluice.store.AuthMethod;
import dev.sluice.store.Connection;
import dev.sluice.store.ConnectionSettings;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sluice connection add NAME --org-url URL …}: stores a new connection (secrets encrypted). */
@Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Add a connection. Secrets come from --client-secret-env, --client-secret-file or a hidden prompt.",
        footer = {"", "Examples:",
            "  sluice connection add contoso --org-url https://contoso.crm4.dynamics.com \\",
            "      --tenant contoso.onmicrosoft.com --client-id 51f81489-12ee-4a9e-aaae-a2591f45987d",
            "  sluice connection add svc --org-url https://contoso.crm4.dynamics.com --auth client-secret \\",
            "      --tenant contoso.onmicrosoft.com --client-id <app id> --client-secret-env CONTOSO_SECRET",
            "  sluice connection add byo --org-url https://contoso.crm4.dynamics.com --auth static-token",
            "  sluice connection add cronus --kind business-central --tenant contoso.onmicrosoft.com \\",
            "      --environment production --company 'CRONUS USA, Inc.' --client-id <app id>"})
final class ConnectionAddCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "Name: lower-case letters, digits, '.', '_', '-'.")
    String name;

    @Mixin
    ConnectionFields fields;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ConnectionSettings settings = fields.apply(name, null);
        try (Engine engine = Engine.of(spec)) {
            ConnectionFields.Secrets secrets = fields.readSecrets(engine.environment(), settings.auth().method(), true);
            Connection c = engine.store().connections().create(settings, engine.actor());
            List<String> allowed = engine.allowDestinationsOf(settings);
            try {
                secrets.store(engine, c);
            } catch (RuntimeException e) {
                engine.store().connections().delete(c.id(), engine.actor());
                throw e;
            }
            var out = spec.commandLine().getOut();
            out.println("Added " + (settings.businessCentral() == null ? "" : "business-central ") + "connection '"
                    + c.name() + "' to " + settings.orgUrl() + (settings.businessCentral() == null ? ""
                    : ", " + settings.businessCentral().describe()) + " (auth " + settings.auth().method().wireName()
                    + ").");
            ConnectionFields.sayAllowed(out, allowed);
            out.println("Next: " + nextStep(settings.auth().method(), c.name()));
            return 0;
        }
    }

    static String nextStep(AuthMethod method, String name) {
        return switch (method) {
            case STATIC_TOKEN -> "sluice auth login " + name + " --token-file FILE";
            case DEVICE_CODE -> "sluice auth login " + name + " --device-code";
            default -> "sluice auth login " + name;
        };
    }
}
