package dev.sluice.cli;

import dev.sluice.auth.ConnectionAuthorizer;
import dev.sluice.core.Secret;
import dev.sluice.core.Sleeper;
import dev.sluice.store.AuthMethod;
import dev.sluice.store.TokenStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

/**
 * {@code sluice auth login NAME}: authorizes a connection by its method. Browser sign-in opens the system
 * browser (or prints the URL) and waits on a loopback receiver; device code prints the code; client
 * credentials just get a token; {@code --token-file} stores a token someone brings.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Authorize a connection and keep its tokens, encrypted, in the store.",
        footer = {"", "Examples:",
            "  sluice auth login contoso",
            "  sluice auth login contoso --device-code",
            "  sluice auth login svc                       # client-secret: gets a token now",
            "  sluice auth login byo --token-file token.txt --expires-at 2030-01-01T00:00:00Z"})
final class AuthLoginCommand implements Callable<Integer> {
    @Mixin
    ConnectionArgument connection;

    @Option(names = "--device-code", description = "Sign in with a code on another device (no browser here).")
    boolean deviceCode;

    @Option(names = "--no-browser", description = "Print the sign-in URL instead of opening a browser.")
    boolean noBrowser;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Store the access token in this file (bring your own).")
    Path tokenFile;

    @Option(names = "--expires-at", paramLabel = "INSTANT",
            description = "When the brought token expires (ISO-8601); default: its JWT 'exp' claim.")
    Instant expiresAt;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for the browser sign-in (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        return connection.withConnection((engine, c, out) -> {
            ConnectionAuthorizer authorizer = engine.authorizer();
            AuthMethod method = c.settings().auth().method();
            TokenStatus status;
            if (tokenFile != null) {
                Secret token = Secret.of(SecretInput.readFile(tokenFile, "token"));
                Instant expiry = expiresAt != null ? expiresAt : BroughtToken.expiry(token);
                status = authorizer.storeToken(c, engine.actor(), token, expiry, null);
            } else if (deviceCode || method == AuthMethod.DEVICE_CODE) {
                status = authorizer.authorizeWithDeviceCode(c, engine.actor(), challenge -> {
                    out.println(challenge.message());
                    out.flush();
                }, Sleeper.SYSTEM);
            } else if (method == AuthMethod.CLIENT_SECRET || method == AuthMethod.CLIENT_CERTIFICATE) {
                status = authorizer.authorizeClientCredentials(c, engine.actor());
            } else if (method == AuthMethod.STATIC_TOKEN) {
                throw new CommandLine.ParameterException(connection.spec.commandLine(), "connection '" + c.name()
                        + "' uses a brought token; give it with --token-file FILE");
            } else {
                status = authorizer.authorizeInBrowser(c, engine.actor(), url -> {
                    if (!noBrowser && engine.environment().browser().test(url)) {
                        out.println("Opened your browser to sign in. Waiting for the sign-in to finish...");
                    } else {
                        out.println("Open this URL in a browser to sign in:");
                        out.println("  " + url);
                        out.println("Waiting for the sign-in to finish...");
                    }
                    out.flush();
                }, Duration.ofSeconds(timeoutSeconds));
            }
            out.println("Authorized '" + c.name() + "'" + (status.account() == null ? "" : " as " + status.account())
                    + (status.expiresAt() == null ? "" : "; the access token expires at " + status.expiresAt())
                    + (status.hasRefreshToken() ? " and is refreshed automatically" : "") + ".");
            return 0;
        });
    }
}
