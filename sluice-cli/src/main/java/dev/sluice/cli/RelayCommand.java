package dev.sluice.cli;

import dev.sluice.core.ServerTls;
import dev.sluice.relay.RelayOptions;
import dev.sluice.relay.SluiceRelay;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice relay}: runs the stateless OAuth redirect relay until stopped. */
@Command(
        name = "relay",
        mixinStandardHelpOptions = true,
        description = {"Run the Sluice relay: one public redirect URI that forwards sign-in callbacks to the "
                + "Sluice instance (server or CLI) that began them. It never sees a token and keeps only counts "
                + "per identity provider."},
        footer = {"", "Examples:",
            "  sluice relay --public-url https://relay.example.com/callback --host 0.0.0.0 --port 8090 \\",
            "               --allow-host sluice.contoso.com",
            "  sluice relay --public-url https://relay.example.com/callback --host 0.0.0.0 --port 443 \\",
            "               --tls-cert /etc/sluice/relay.pem --tls-key /etc/sluice/relay.key",
            "  Register https://relay.example.com/callback as the app's redirect URI; TLS here or in a proxy in front.",
            "  Every option can also be set in sluice.yaml (relay.*) or SLUICE_RELAY_… variables."})
final class RelayCommand implements Callable<Integer> {
    @Option(names = "--public-url", paramLabel = "URL",
            description = "The relay's callback as registered with the identity provider (relay.public-url).")
    URI publicUrl;

    @Option(names = "--host", description = "Bind address (default: 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "Port (default: 8090).")
    Integer port;

    @Option(names = "--allow-host", split = ",", paramLabel = "HOST",
            description = "Instance hosts forwarded to without a confirmation page.")
    List<String> allowHosts;

    @Option(names = "--rate", description = "Requests per second (default: 20).")
    Integer rate;

    @Mixin
    TlsFiles tls;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SluiceConfig c = Engine.of(spec).config().withFlag("relay.public-url", publicUrl, "--public-url")
                .withFlag("relay.host", host, "--host").withFlag("relay.port", port, "--port")
                .withFlag("relay.allow-hosts", allowHosts == null ? null : List.copyOf(allowHosts), "--allow-host")
                .withFlag("relay.rate", rate, "--rate").withFlag("relay.tls.cert", tls.cert, "--tls-cert")
                .withFlag("relay.tls.key", tls.key, "--tls-key");
        c.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        URI url = c.get("relay.public-url");
        if (url == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the relay's public URL is required: "
                    + "--public-url, relay.public-url in sluice.yaml or SLUICE_RELAY_PUBLIC_URL");
        }
        if ((c.get("relay.tls.cert") == null) != (c.get("relay.tls.key") == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "relay.tls.cert (--tls-cert) and "
                    + "relay.tls.key (--tls-key) go together");
        }
        List<String> hosts = c.has("relay.allow-hosts") ? c.get("relay.allow-hosts") : List.of();
        int perSecond = c.<Integer>get("relay.rate");
        RelayOptions options;
        try {
            options = new RelayOptions(url, c.get("relay.host"), c.<Integer>get("relay.port"),
                    new LinkedHashSet<>(hosts), perSecond, perSecond * 2);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ServerTls serverTls = null;
        if (c.has("relay.tls.cert")) {
            Path cert = c.get("relay.tls.cert");
            Path key = c.get("relay.tls.key");
            try {
                serverTls = ServerTls.fromPem(cert, key);
            } catch (dev.sluice.core.SluiceException e) {
                throw new dev.sluice.core.SluiceException(e.kind(), "relay.tls.cert (" + c.source("relay.tls.cert")
                        + "): " + e.getMessage());
            }
        }
        SluiceRelay relay = SluiceRelay.start(options, serverTls);
        UntilStopped stopped = UntilStopped.onShutdown("relay-shutdown", relay::close);
        System.out.println("Sluice relay listening on " + relay.localUrl() + " for " + url);
        System.out.println("Counts: " + relay.localUrl() + "/stats. Press Ctrl+C to stop.");
        stopped.await();
        return 0;
    }
}
