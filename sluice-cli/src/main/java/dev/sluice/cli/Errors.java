package dev.sluice.cli;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * How the CLI reports failures: one line on stderr ({@code sluice: error: …}), the stack trace only with
 * {@code --verbose}, and the exit code of the error's {@link ErrorKind}. Stateless.
 */
final class Errors {
    private Errors() {}

    static CommandLine install(CommandLine cmd) {
        cmd.setExecutionExceptionHandler((e, line, parsed) -> {
            PrintWriter err = line.getErr();
            err.println(line.getColorScheme().errorText("sluice: error: " + message(e)));
            if (SluiceCommand.root(line.getCommandSpec()).verbose) {
                e.printStackTrace(err);
            } else if (kind(e) == ErrorKind.INTERNAL) {
                err.println("(run again with --verbose to see where it failed)");
            }
            err.flush();
            return kind(e).exitCode();
        });
        cmd.setExitCodeExceptionMapper(e -> kind(e).exitCode());
        cmd.setParameterExceptionHandler(Errors::badParameter);
        return cmd;
    }

    /**
     * Picocli's message and suggestions, except that an unknown option's value is never echoed (it may be a
     * secret someone tried to pass as an argument), followed by the usage hint of the command.
     */
    private static int badParameter(CommandLine.ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        PrintWriter err = line.getErr();
        String message = e.getMessage();
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> shown = new ArrayList<>();
            boolean afterOption = false;
            for (String arg : u.getUnmatched()) {
                boolean option = arg.startsWith("-");
                shown.add(option ? "'" + arg.split("=", 2)[0] + "'" + (arg.contains("=") ? " (value hidden)" : "")
                        : afterOption ? "(a value, hidden)" : "'" + arg + "'");
                afterOption = option && !arg.contains("=");
            }
            message = "unknown " + (shown.size() == 1 ? "argument " : "arguments ") + String.join(", ", shown);
            if (u.getUnmatched().stream().anyMatch(a -> a.startsWith("-") && a.matches("(?i).*(secret|token|password).*"))) {
                message += "; secrets are never taken as arguments: use an environment variable (--client-secret-env"
                        + " NAME), a file (--client-secret-file FILE, --token-file FILE) or the hidden prompt";
            }
        }
        err.println(line.getColorScheme().errorText("sluice: error: " + message));
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            CommandLine.UnmatchedArgumentException.printSuggestions(u, err);
        }
        err.println("See: " + line.getCommandSpec().qualifiedName() + " --help");
        err.flush();
        return ErrorKind.INVALID_INPUT.exitCode();
    }

    /** Reports a failure that happened before a command ran (one line), returning its exit code. */
    static int report(CommandLine cmd, SluiceException e) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getColorScheme().errorText("sluice: error: " + message(e)));
        err.flush();
        return e.kind().exitCode();
    }

    /** A command that needs a connection got none and no default is set: say both ways to give one. */
    static int missingConnection(CommandLine command) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        // with one word given, query and export cannot tell a connection without its TABLE from a TABLE without
        // its connection: say both
        String table = command.getCommandSpec().findOption("--fetchxml") == null ? ""
                : "; if the word given is the connection, TABLE is missing (or give --fetchxml FILE)";
        err.println(command.getColorScheme().errorText("sluice: error: no connection given and no default "
                + "connection set; name it first (" + name + " NAME …) or set a default with: sluice connection use NAME"
                + table));
        err.println("See: " + name + " --help");
        err.flush();
        return ErrorKind.INVALID_INPUT.exitCode();
    }

    static ErrorKind kind(Throwable e) {
        if (e instanceof SluiceException s) {
            return s.kind();
        }
        if (e instanceof CommandLine.ParameterException || e instanceof IllegalArgumentException) {
            return ErrorKind.INVALID_INPUT;
        }
        if (e instanceof UncheckedIOException || e instanceof java.io.IOException) {
            return e instanceof NoSuchFileException || e.getCause() instanceof NoSuchFileException
                    ? ErrorKind.NOT_FOUND : ErrorKind.TRANSIENT;
        }
        return ErrorKind.INTERNAL;
    }

    static String message(Throwable e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        if (t instanceof java.nio.file.AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        String m = t.getMessage();
        if (m == null || m.isBlank() || !(t instanceof SluiceException || t instanceof IllegalArgumentException)) {
            return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        }
        return m;
    }
}
