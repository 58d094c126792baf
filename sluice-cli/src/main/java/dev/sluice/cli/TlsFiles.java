package dev.sluice.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --tls-cert}/{@code --tls-key} pair of the commands that serve ({@code serve}, {@code emulator},
 * {@code relay}): a PEM certificate chain and its private key, reloaded when they change. A picocli mixin; not
 * thread-safe.
 */
final class TlsFiles {
    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Serve https with this PEM certificate chain (with --tls-key); reloaded when it changes.")
    Path cert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The PEM private key of --tls-cert.")
    Path key;
}
