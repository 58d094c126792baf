package dev.sluice.cli;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
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
        return cmd;
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
