package dev.sluice.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sluice completion [bash|zsh]}: prints the shell completion script picocli generates from the commands. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print the completion script for bash or zsh: commands, subcommands and options complete on Tab.",
        footer = {"", "Load it in every new shell (the command must be called 'sluice' on your PATH, or an alias):",
            "", "Examples:",
            "  echo 'source <(sluice completion bash)' >> ~/.bashrc",
            "  echo 'source <(sluice completion zsh)' >> ~/.zshrc",
            "  alias sluice=\"$PWD/sluice\"; source <(sluice completion)     # from a clone, this shell only"})
final class CompletionCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = "bash", paramLabel = "SHELL",
            description = "bash or zsh (default: ${DEFAULT-VALUE}).")
    String shell;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String s = shell.toLowerCase(Locale.ROOT);
        if (!s.equals("bash") && !s.equals("zsh")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown shell '" + shell
                    + "'; use bash or zsh");
        }
        // one script serves both: in zsh it loads bashcompinit itself
        spec.commandLine().getOut().print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
