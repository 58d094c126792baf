package dev.sluice.cli;

import dev.sluice.store.AuthSettings;
import dev.sluice.store.ConnectionSettings;
import dev.sluice.store.TokenStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sluice connection show NAME}: settings and token status; secret names only, never a value. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a connection's settings and token status (never a token or secret).",
        footer = {"", "Example:", "  sluice connection show contoso"})
final class ConnectionShowCommand implements Callable<Integer> {
    @Mixin
    ConnectionArgument connection;

    @Override
    public Integer call() {
        return connection.withConnection((engine, c, out) -> {
            ConnectionSettings s = c.settings();
            AuthSettings a = s.auth();
            line(out, "name", s.name());
            line(out, "id", c.id());
            line(out, "type", s.type().wireName());
            line(out, "org URL", s.orgUrl());
            if (s.businessCentral() != null) {
                line(out, "kind", s.type().wireName());
                line(out, "environment", s.businessCentral().environment());
                line(out, "company", s.businessCentral().company() == null ? "all" : s.businessCentral().company());
            }
            line(out, "API version", s.apiVersion());
            line(out, "authority", s.authority());
            line(out, "tenant", s.tenant());
            line(out, "auth method", a.method().wireName());
            line(out, "client id", a.clientId());
            line(out, "scopes", a.scopes().isEmpty() ? "(Dataverse defaults)" : String.join(" ", a.scopes()));
            line(out, "callback", a.callbackMode() == null ? null : a.callbackMode().wireName());
            line(out, "token endpoint", a.tokenEndpoint());
            line(out, "discovery URL", a.discoveryUrl());
            line(out, "read-only", s.options().readOnly());
            line(out, "page size", s.options().pageSize());
            line(out, "max concurrency", s.options().maxConcurrency());
            line(out, "request timeout", s.options().requestTimeout().toSeconds() + " s");
            line(out, "impersonate", s.options().impersonate());
            var secrets = engine.store().secrets().list(c.id());
            line(out, "secrets stored", secrets.isEmpty() ? "none" : String.join(", ", secrets));
            TokenStatus t = engine.store().tokens().status(c.id());
            AuthStatusCommand.printStatus(out, t);
            line(out, "created", c.createdAt());
            line(out, "updated", c.updatedAt());
            return 0;
        });
    }

    static void line(PrintWriter out, String label, Object value) {
        if (value != null) {
            out.printf("%-17s %s%n", label + ":", value);
        }
    }
}
