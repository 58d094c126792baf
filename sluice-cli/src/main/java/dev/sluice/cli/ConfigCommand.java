package dev.sluice.cli;

import dev.sluice.core.ProxySettings;
import dev.sluice.core.ServerTls;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TrustBundle;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sluice config}: the configuration file and environment, checked and shown. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Check and show the configuration (sluice.yaml and SLUICE_… environment variables).",
        subcommands = {ConfigCommand.Check.class})
final class ConfigCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code sluice config check}: loads everything serve and relay would, and prints it with secrets masked. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check the configuration as sluice serve and sluice relay would load it (files, TLS "
                    + "certificates, CA bundles, proxy) and print every setting, where it comes from, secrets as ***.",
            footer = {"", "The file is SLUICE_CONFIG, else SLUICE_HOME/sluice.yaml when it exists. Every setting can be",
                "overridden by its SLUICE_… environment variable (server.tls.cert: SLUICE_SERVER_TLS_CERT), and",
                "flags of sluice serve override both. Exit code 2 with every problem and its line when it is not valid.",
                "", "Examples:", "  sluice config check", "  SLUICE_CONFIG=/etc/sluice/sluice.yaml sluice config check"})
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Engine engine = Engine.of(spec);
            PrintWriter out = spec.commandLine().getOut();
            SluiceConfig config = engine.config().withFlag("store.url", SluiceCommand.root(spec).storeUrl,
                    "--store-url");
            config.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
            out.println("Configuration file: " + config.file().map(Path::toString).orElse("none (SLUICE_CONFIG is "
                    + "not set and " + engine.environment().home().resolve(SluiceConfig.FILE_NAME) + " does not exist)"));
            out.println();
            List<String[]> rows = config.effective();
            int w0 = rows.stream().mapToInt(r -> r[0].length()).max().orElse(10);
            int w1 = Math.min(60, rows.stream().mapToInt(r -> r[1].length()).max().orElse(10));
            out.printf("%-" + w0 + "s  %-" + w1 + "s  %s%n", "SETTING", "VALUE", "FROM");
            for (String[] r : rows) {
                out.printf("%-" + w0 + "s  %-" + w1 + "s  %s%n", r[0], r[1], r[2]);
            }
            out.println();
            ProxySettings proxy = OutboundSettings.proxy(config, engine.environment().variables());
            TrustBundle trust = OutboundSettings.trust(config);
            out.println("Outbound:");
            OutboundSettings.describe(proxy, trust).forEach(l -> out.println("  " + l));
            tls(out, config, "server");
            tls(out, config, "relay");
            out.println();
            out.println("The configuration is valid.");
            return 0;
        }

        private static void tls(PrintWriter out, SluiceConfig config, String section) {
            Path cert = config.get(section + ".tls.cert");
            if (cert == null) {
                return;
            }
            try {
                X509Certificate c = ServerTls.fromPem(cert, config.get(section + ".tls.key")).current().certificate();
                out.println(section.substring(0, 1).toUpperCase() + section.substring(1) + " TLS: "
                        + c.getSubjectX500Principal().getName() + ", issued by " + c.getIssuerX500Principal().getName()
                        + ", valid until " + c.getNotAfter().toInstant());
            } catch (SluiceException e) {
                throw new SluiceException(e.kind(), "configuration: " + section + ".tls.cert ("
                        + config.source(section + ".tls.cert") + "): " + e.getMessage());
            }
        }
    }
}
