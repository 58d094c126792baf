package dev.sluice.cli;

import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.WhoAmI;
import dev.sluice.store.ConnectionType;
import dev.sluice.store.TokenStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sluice connection test NAME}: calls WhoAmI and says who the connection acts as. */
@Command(name = "test", mixinStandardHelpOptions = true, description = "Call WhoAmI and say who you are.",
        footer = {"", "Example:", "  sluice connection test contoso"})
final class ConnectionTestCommand implements Callable<Integer> {
    @Mixin
    ConnectionArgument connection;

    @Override
    public Integer call() {
        TlsWarmUp.start(); // while the store opens
        return connection.withConnection((engine, c, out) -> {
            if (c.settings().type() == ConnectionType.BUSINESS_CENTRAL) {
                var companies = engine.provider(connection.name).companies();
                out.println("Connection '" + c.name() + "' works: Business Central environment "
                        + c.settings().businessCentral().environment() + " answers with " + companies.size()
                        + (companies.size() == 1 ? " company: " : " companies: ")
                        + String.join(", ", companies.stream().map(co -> co.name()).toList())
                        + (companies.isEmpty() || !companies.get(companies.size() - 1).name().endsWith(".") ? "." : ""));
                TokenStatus t = engine.store().tokens().status(c.id());
                out.println("  signed in as:  " + (t.account() == null ? "(a brought token)" : t.account()));
                return 0;
            }
            DataverseClient client = engine.client(connection.name);
            WhoAmI me = client.whoAmI();
            TokenStatus t = engine.store().tokens().status(c.id());
            out.println("Connection '" + c.name() + "' works: " + c.settings().orgUrl() + " answers WhoAmI.");
            out.println("  signed in as:  " + (t.account() == null ? "(a brought token)" : t.account()));
            out.println("  user id:       " + me.userId());
            out.println("  business unit: " + me.businessUnitId());
            out.println("  organization:  " + me.organizationId());
            return 0;
        });
    }
}
