package dev.sluice.cli;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a secret comes from: an environment variable named by the user, a file, or a hidden prompt; never a
 * command-line argument (arguments show up in shell history and process lists). Stateless.
 */
final class SecretInput {
    private SecretInput() {}

    /**
     * The secret from {@code envName} or {@code file} (at most one given), else from the hidden prompt when
     * {@code promptIfAbsent}; null when nothing was given and no prompt is wanted.
     */
    static Secret read(CliEnvironment env, String what, String envName, Path file, boolean promptIfAbsent) {
        if (envName != null && file != null) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "give the " + what + " either from an environment "
                    + "variable or from a file, not both");
        }
        if (envName != null) {
            String value = env.variables().get(envName);
            if (value == null || value.isEmpty()) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "environment variable " + envName
                        + " is not set or empty; export it first, or use a file or the prompt for the " + what);
            }
            return Secret.of(value);
        }
        if (file != null) {
            return Secret.of(readFile(file, what));
        }
        return promptIfAbsent ? env.prompt().read(what) : null;
    }

    /** A file's text without its trailing newline; NOT_FOUND or INVALID_INPUT that names the file. */
    static String readFile(Path file, String what) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "the " + what + " file " + file + " is empty");
            }
            return text;
        } catch (NoSuchFileException e) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "the " + what + " file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "cannot read the " + what + " file " + file + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
