package dev.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sluice connection}: the group of connection commands. */
@Command(name = "connection", mixinStandardHelpOptions = true,
        description = "Add, list, show, edit, remove and test connections to Dataverse environments; choose the default.",
        subcommands = {ConnectionAddCommand.class, ConnectionListCommand.class, ConnectionShowCommand.class,
            ConnectionEditCommand.class, ConnectionRemoveCommand.class, ConnectionTestCommand.class,
            ConnectionUseCommand.class, ConnectionProxyCommand.class},
        footer = {"", "Examples:",
            "  sluice connection add contoso --org-url https://contoso.crm4.dynamics.com \\",
            "      --tenant contoso.onmicrosoft.com --client-id 51f81489-12ee-4a9e-aaae-a2591f45987d",
            "  SECRET=... sluice connection add svc --org-url https://contoso.crm4.dynamics.com --auth client-secret \\",
            "      --tenant contoso.onmicrosoft.com --client-id <app id> --client-secret-env SECRET",
            "  sluice connection list",
            "  sluice connection test contoso",
            "  sluice connection use contoso                # then: sluice query account --top 5"})
final class ConnectionCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "say what to do with connections: add, list, show, edit, remove, test or use");
    }
}
