package dev.sluice.cli;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The default connection, so that {@code sluice query account} means {@code sluice query NAME account}: set with
 * {@code sluice connection use NAME} (kept in {@code SLUICE_HOME/cli.properties}), overridden for one shell by
 * {@code SLUICE_CONNECTION}, and for one command by typing the name. It is put into the arguments before picocli
 * reads them, when a command that takes a connection name is given one positional argument too few. It is the
 * person's choice, so it lives next to the store, not in it (a PostgreSQL store is shared). Stateless.
 */
final class DefaultConnection {
    /** Environment variable that overrides the default connection. */
    static final String VARIABLE = "SLUICE_CONNECTION";
    /** The file in SLUICE_HOME holding the CLI's own settings. */
    static final String FILE = "cli.properties";
    private static final String KEY = "connection";
    /** Commands whose first parameter is a connection name that may be left out (not add, edit, remove, use). */
    private static final Set<String> TAKING_DEFAULT = Set.of("tables", "describe", "query", "get", "create", "update",
            "upsert", "delete", "export", "import", "connection test", "connection show", "auth login");

    private DefaultConnection() {}

    /** The default connection's name: {@code SLUICE_CONNECTION}, else the one set with {@code connection use}. */
    static Optional<String> get(CliEnvironment env) {
        String variable = env.variables().get(VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return Optional.of(variable.strip());
        }
        return stored(env);
    }

    /** The name set with {@code sluice connection use}, if any. */
    static Optional<String> stored(CliEnvironment env) {
        Path file = env.home().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "cannot read " + file + " (" + e.getClass().getSimpleName()
                    + "); fix or delete it", e);
        }
        String name = p.getProperty(KEY);
        return name == null || name.isBlank() ? Optional.empty() : Optional.of(name.strip());
    }

    /** Stores {@code name} as the default, or removes the default when null (atomically: write, then rename). */
    static void set(CliEnvironment env, String name) {
        Path file = env.home().resolve(FILE);
        Properties p = new Properties();
        try {
            Files.createDirectories(env.home());
            if (Files.isRegularFile(file)) {
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
            }
            if (name == null) {
                p.remove(KEY);
            } else {
                p.setProperty(KEY, name);
            }
            Path part = file.resolveSibling(FILE + ".part");
            try (Writer w = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                p.store(w, "sluice CLI settings");
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "cannot write " + file + " ("
                    + e.getClass().getSimpleName() + "); check that SLUICE_HOME is writable", e);
        }
    }

    /** What {@link #insert} found. */
    record Insertion(String[] args, CommandLine command, boolean missing) {}

    /**
     * The arguments with the default connection put in after the command's name, when the command takes one and
     * has a positional argument too few (record bodies such as {@code '{…}'} are not counted: no connection or
     * table starts with a brace). {@code missing} when one is needed and no default is set.
     */
    static Insertion insert(CommandLine root, CliEnvironment env, String[] args) {
        CommandLine command = root;
        int at = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("-") && !a.equals("-") && !a.equals("--")) {
                i += values(command.getCommandSpec(), a);
                continue;
            }
            CommandLine sub = command.getSubcommands().get(a);
            if (sub == null) {
                break;
            }
            command = sub;
            at = i + 1;
        }
        CommandSpec spec = command.getCommandSpec();
        String name = spec.qualifiedName(" ").substring(spec.root().name().length()).strip();
        if (!TAKING_DEFAULT.contains(name)) {
            return new Insertion(args, command, false);
        }
        int positional = 0;
        boolean endOfOptions = false;
        for (int i = at; i < args.length; i++) {
            String a = args[i];
            if (!endOfOptions && (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version"))) {
                return new Insertion(args, command, false);
            }
            if (!endOfOptions && a.equals("--")) {
                endOfOptions = true;
            } else if (!endOfOptions && a.startsWith("-") && !a.equals("-")) {
                i += values(spec, a);
            } else if (!a.startsWith("{") && !a.startsWith("[")) {
                positional++;
            }
        }
        // TABLE of query and export is optional only when --fetchxml names the query instead
        boolean fetchXmlOption = spec.findOption("--fetchxml") != null;
        boolean fetchXml = fetchXmlOption && Arrays.stream(args, at, args.length)
                .anyMatch(a -> a.equals("--fetchxml") || a.startsWith("--fetchxml="));
        long required = spec.positionalParameters().stream().filter(p -> p.arity().min() >= 1
                || fetchXmlOption && !fetchXml && "TABLE".equals(p.paramLabel())).count();
        if (positional >= required) {
            return new Insertion(args, command, false);
        }
        Optional<String> connection = get(env);
        if (connection.isEmpty()) {
            return new Insertion(args, command, true);
        }
        List<String> out = new ArrayList<>(List.of(args));
        out.add(at, connection.get());
        return new Insertion(out.toArray(String[]::new), command, false);
    }

    /** How many of the following arguments the option takes ({@code --x=v} and flags take none). */
    private static int values(CommandSpec spec, String arg) {
        if (arg.contains("=")) {
            return 0;
        }
        OptionSpec o = spec.findOption(arg);
        if (o == null || o.typeInfo().isBoolean()) {
            return 0;
        }
        return Math.max(0, o.arity().min());
    }
}
