package dev.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sluice auth}: sign connections in and out, and see where their tokens stand. */
@Command(name = "auth", mixinStandardHelpOptions = true,
        description = "Authorize connections (browser, device code, client credentials, a brought token).",
        subcommands = {AuthLoginCommand.class, AuthStatusCommand.class, AuthLogoutCommand.class},
        footer = {"", "Examples:",
            "  sluice auth login contoso                 # opens the browser, waits for the sign-in",
            "  sluice auth login contoso --device-code   # for machines without a browser",
            "  sluice auth status",
            "  sluice auth logout contoso"})
final class AuthCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: login, status or logout");
    }
}
