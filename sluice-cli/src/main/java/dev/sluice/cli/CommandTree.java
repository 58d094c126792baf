package dev.sluice.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The top-level commands of {@code sluice}, and which of them one invocation builds in full. picocli builds a
 * command's model by reflection over its class, its options and its nested commands; for all nineteen that was the
 * largest part of a short command's start (about 0.3 CPU-seconds of {@code sluice --version}). So a run builds in
 * full only the command its arguments name; the others are names and descriptions, enough for the root's help and
 * for picocli's "did you mean" on a mistyped name. Stateless.
 */
final class CommandTree {
    /** The top-level commands, in the order the root's help lists them. */
    static final List<Class<?>> COMMANDS = List.of(DemoCommand.class, ConnectionCommand.class, AuthCommand.class,
            TablesCommand.class, DescribeCommand.class, QueryCommand.class, GetCommand.class, CreateCommand.class,
            UpdateCommand.class, UpsertCommand.class, DeleteCommand.class, ExportCommand.class, ImportCommand.class,
            FlowCommand.class, ServeCommand.class, EmulatorCommand.class, RelayCommand.class, ConfigCommand.class,
            CompletionCommand.class);
    /** Root options that take a value (the next argument unless written {@code --x=value}). */
    private static final List<String> ROOT_OPTIONS_WITH_VALUE = List.of("--store-url");

    private CommandTree() {}

    /**
     * Adds the top-level commands to {@code root}: all in full when {@code args} is null, else only the one the
     * arguments name (every one for {@code completion}, whose script lists the whole tree).
     */
    static void add(CommandLine root, String[] args) {
        String named = args == null ? null : named(args);
        boolean all = args == null || "completion".equals(named);
        for (Class<?> type : COMMANDS) {
            Command c = type.getAnnotation(Command.class);
            if (all || c.name().equals(named)) {
                root.addSubcommand(c.name(), type);
            } else {
                root.addSubcommand(c.name(), outline(c));
            }
        }
        root.addSubcommand("help", CommandLine.HelpCommand.class);
    }

    /**
     * The command the arguments run: the first word after the root's options, or for {@code help NAME} the command
     * help is asked about; null when none (the root's own help or version).
     */
    static String named(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("-")) {
                if (ROOT_OPTIONS_WITH_VALUE.contains(a)) {
                    i++;
                }
                continue;
            }
            if (a.equals("help")) {
                return i + 1 < args.length ? args[i + 1] : null;
            }
            return a;
        }
        return null;
    }

    /** A command's name and description only: what the root's help shows of it. */
    private static CommandLine outline(Command c) {
        CommandSpec spec = CommandSpec.create().name(c.name());
        spec.usageMessage().description(c.description());
        return new CommandLine(spec);
    }
}
