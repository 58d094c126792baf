package dev.sluice.cli;

import dev.sluice.relay.RelayOptions;
import dev.sluice.relay.SluiceRelay;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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
            "  Register https://relay.example.com/callback as the app's redirect URI; behind a TLS proxy."})
final class RelayCommand implements Callable<Integer> {
    @Option(names = "--public-url", required = true, paramLabel = "URL",
            description = "The relay's callback as registered with the identity provider.")
    URI publicUrl;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Bind address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8090", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--allow-host", split = ",", paramLabel = "HOST",
            description = "Instance hosts forwarded to without a confirmation page.")
    List<String> allowHosts = List.of();

    @Option(names = "--rate", defaultValue = "20", description = "Requests per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RelayOptions options;
        try {
            options = new RelayOptions(publicUrl, host, port, new LinkedHashSet<>(allowHosts), rate, rate * 2);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        SluiceRelay relay = SluiceRelay.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            relay.close();
            stopped.countDown();
        }, "relay-shutdown"));
        System.out.println("Sluice relay listening on " + relay.localUrl() + " for " + publicUrl);
        System.out.println("Counts: " + relay.localUrl() + "/stats. Press Ctrl+C to stop.");
        stopped.await();
        return 0;
    }
}
