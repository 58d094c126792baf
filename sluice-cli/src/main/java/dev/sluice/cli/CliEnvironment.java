package dev.sluice.cli;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import java.awt.Desktop;
import java.io.Console;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the CLI takes from its surroundings: environment variables, standard input, whether it runs on a
 * terminal, the hidden secret prompt and the system browser. {@link #system()} is the real process; tests
 * inject their own so nothing touches the real {@code ~/.sluice}. Immutable and thread-safe.
 *
 * @param variables environment variables ({@code SLUICE_HOME}, {@code COLUMNS}, {@code NO_COLOR}, secrets by name)
 * @param stdin standard input (JSON records, CSV)
 * @param terminal whether standard output is an interactive terminal (progress bars, colour, table width)
 * @param prompt reads a secret without echo
 * @param browser opens a URL in the system browser; answers false when it cannot
 * @param clock the clock for tokens and the store
 */
public record CliEnvironment(Map<String, String> variables, InputStream stdin, boolean terminal, SecretPrompt prompt,
        Predicate<URI> browser, Clock clock) {
    /** Environment variable naming the Sluice home directory (same as the store's). */
    public static final String HOME = "SLUICE_HOME";
    /** Environment variables holding the PostgreSQL store's user and password, with {@code --store-url}. */
    public static final String STORE_USER = "SLUICE_STORE_USER";
    public static final String STORE_PASSWORD = "SLUICE_STORE_PASSWORD";
    /** Width used for tables when neither the terminal nor {@code COLUMNS} says. */
    private static final int DEFAULT_WIDTH = 120;

    public CliEnvironment {
        variables = Map.copyOf(variables);
    }

    /** Reads a secret without echoing it. */
    @FunctionalInterface
    public interface SecretPrompt {
        Secret read(String prompt);
    }

    /** The real process: its environment, stdin, {@link System#console()}, and {@link Desktop} when there is one. */
    public static CliEnvironment system() {
        Console console = System.console();
        return new CliEnvironment(System.getenv(), System.in, console != null, CliEnvironment::consolePrompt,
                CliEnvironment::openInDesktop, Clock.systemUTC());
    }

    private static Secret consolePrompt(String prompt) {
        Console console = System.console();
        if (console == null) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "no terminal to prompt for the " + prompt
                    + "; give it with --client-secret-env NAME or --client-secret-file FILE");
        }
        char[] value = console.readPassword("%s: ", prompt);
        if (value == null || value.length == 0) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "no " + prompt + " was typed");
        }
        return Secret.of(new String(value));
    }

    private static boolean openInDesktop(URI url) {
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(url);
                return true;
            }
        } catch (Exception | LinkageError e) {
            // no desktop to open it on (headless, no handler): the caller prints the URL instead
            // (no logger field: this class is loaded first thing in main, and the logging's set-up, about 50 ms, would
            // then run before the store's open starts on its own thread)
            Logger log = LoggerFactory.getLogger(CliEnvironment.class);
            log.debug("cannot open a browser", e);
            return false;
        }
        return false;
    }

    /** A copy with one more (or a replaced) environment variable. */
    public CliEnvironment withVariable(String name, String value) {
        Map<String, String> copy = new HashMap<>(variables);
        copy.put(name, value);
        return new CliEnvironment(copy, stdin, terminal, prompt, browser, clock);
    }

    /** A copy with another standard input. */
    public CliEnvironment withStdin(InputStream in) {
        return new CliEnvironment(variables, in, terminal, prompt, browser, clock);
    }

    /** The Sluice home: {@code SLUICE_HOME}, else {@code ~/.sluice}. */
    public Path home() {
        String home = variables.get(HOME);
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".sluice");
    }

    /** Whether to colour output: on a terminal, unless {@code NO_COLOR} is set (no-color.org). */
    public boolean colour() {
        return terminal && !variables.containsKey("NO_COLOR");
    }

    /** Columns available for tables: {@code COLUMNS} when set, else 120. */
    public int width() {
        String columns = variables.get("COLUMNS");
        if (columns != null) {
            try {
                int w = Integer.parseInt(columns.trim());
                if (w >= 20) {
                    return w;
                }
            } catch (NumberFormatException e) {
                // COLUMNS is a hint only: one that is not a number gives the default width
                return DEFAULT_WIDTH;
            }
        }
        return terminal ? TerminalWidth.detect().orElse(DEFAULT_WIDTH) : DEFAULT_WIDTH;
    }
}
