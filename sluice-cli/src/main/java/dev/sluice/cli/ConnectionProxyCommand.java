package dev.sluice.cli;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import dev.sluice.store.Connection;
import dev.sluice.store.ConnectionProxy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice connection proxy}: a connection's own HTTP proxy (for its API, identity provider and discovery), or
 * direct, instead of the process's (sluice.yaml outbound.proxy, HTTPS_PROXY). The password is stored encrypted.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show or set the connection's own HTTP proxy (instead of HTTPS_PROXY / outbound.proxy).",
        footer = {"", "The proxy password is stored encrypted like other secrets and only ever sent to that proxy;",
            "it comes from an environment variable, a file or a hidden prompt, never an argument.", "",
            "Examples:",
            "  sluice connection proxy contoso                                   # show it",
            "  PROXY_PASSWORD=... sluice connection proxy contoso --url http://proxy.corp.example:3128 \\",
            "      --user svc-sluice --password-env PROXY_PASSWORD",
            "  sluice connection proxy contoso --direct                          # no proxy for this connection",
            "  sluice connection proxy contoso --clear                           # use the process's again"})
final class ConnectionProxyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The connection.")
    String name;

    @Option(names = "--url", paramLabel = "URL", description = "The proxy: http://host:port.")
    String url;

    @Option(names = "--direct", description = "No proxy for this connection, whatever the process has.")
    boolean direct;

    @Option(names = "--clear", description = "Remove the connection's own proxy: it uses the process's again.")
    boolean clear;

    @Option(names = "--user", paramLabel = "USER", description = "Proxy user (Basic authentication).")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the password.")
    String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the password.")
    Path passwordFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Engine engine = Engine.of(spec)) {
            Connection c = engine.connection(name);
            int actions = (url != null ? 1 : 0) + (direct ? 1 : 0) + (clear ? 1 : 0);
            if (actions > 1) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "give one of --url, --direct and --clear");
            }
            if (actions == 0 && (user != null || passwordEnv != null || passwordFile != null)) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "a proxy user and password go with --url");
            }
            if (clear) {
                boolean had = engine.store().connectionProxies().remove(c.id(), engine.actor());
                out.println(had ? "Connection '" + name + "' uses the process's proxy settings again."
                        : "Connection '" + name + "' had no proxy of its own.");
            } else if (direct) {
                engine.store().connectionProxies().set(c.id(), ConnectionProxy.DIRECT, null, engine.actor());
                out.println("Connection '" + name + "' goes direct (no proxy).");
            } else if (url != null) {
                ConnectionProxy proxy = ConnectionProxy.of(url, user);
                Secret password = user == null ? null : SecretInput.read(engine.environment(), "proxy password",
                        passwordEnv, passwordFile, true);
                if (user == null && (passwordEnv != null || passwordFile != null)) {
                    throw new SluiceException(ErrorKind.INVALID_INPUT, "a proxy password needs --user");
                }
                engine.store().connectionProxies().set(c.id(), proxy, password, engine.actor());
                out.println("Connection '" + name + "' goes through " + proxy.address()
                        + (user == null ? "" : " as " + user + " (password stored encrypted)") + ".");
            } else {
                show(engine, c, out);
            }
        }
        return 0;
    }

    private void show(Engine engine, Connection c, PrintWriter out) {
        Optional<ConnectionProxy> p = engine.store().connectionProxies().get(c.id());
        if (p.isEmpty()) {
            out.println("Connection '" + name + "' has no proxy of its own: it uses the process's ("
                    + "sluice.yaml outbound.proxy, else HTTPS_PROXY/http_proxy/ALL_PROXY and NO_PROXY).");
        } else if (p.get().isDirect()) {
            out.println("Connection '" + name + "' goes direct (no proxy).");
        } else {
            boolean stored = engine.store().secrets().list(c.id()).contains(ConnectionProxy.PASSWORD_SECRET);
            out.println("Connection '" + name + "' goes through " + p.get().address()
                    + (p.get().user() == null ? "" : " as " + p.get().user() + (stored ? " (password stored)"
                            : " (no password stored)")) + ".");
        }
    }
}
