package dev.sluice.flow.internal;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.RecordProvider;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.DataverseRecordProvider;
import dev.sluice.flow.ConnectionResolver;
import dev.sluice.flow.ConnectionSpec;
import dev.sluice.flow.FileRecordProvider;
import dev.sluice.flow.JdbcRecordProvider;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opens the connections a flow file declares: JDBC databases, file directories and token-authenticated
 * Dataverse environments. Secrets are read from the environment variables the file names. Thread-safe.
 */
public final class DeclaredConnections implements ConnectionResolver {
    private final Map<String, ConnectionSpec> specs;
    private final Map<String, String> environment;

    public DeclaredConnections(Map<String, ConnectionSpec> specs, Map<String, String> environment) {
        this.specs = Map.copyOf(specs);
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Optional<RecordProvider> open(String name) {
        ConnectionSpec spec = specs.get(name);
        if (spec == null) {
            return Optional.empty();
        }
        if (spec instanceof ConnectionSpec.Jdbc j) {
            Secret password = j.passwordEnv() == null ? null : Secret.of(variable(name, j.passwordEnv()));
            return Optional.of(new JdbcRecordProvider(j.url(), j.user(), password));
        }
        if (spec instanceof ConnectionSpec.Files f) {
            return Optional.of(new FileRecordProvider(Path.of(f.directory())));
        }
        ConnectionSpec.Dataverse d = (ConnectionSpec.Dataverse) spec;
        String token = d.tokenEnv() == null ? "no-token" : variable(name, d.tokenEnv());
        DataverseClient client = DataverseClient.builder().orgUrl(d.url())
                .credential(StaticTokenCredential.of("flow-connection-" + name, token)).build();
        return Optional.of(new DataverseRecordProvider(client));
    }

    private String variable(String connection, String variable) {
        String v = environment.get(variable);
        if (v == null || v.isEmpty()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "connection '" + connection + "' reads its secret from "
                    + "environment variable " + variable + ", which is not set");
        }
        return v;
    }

    @Override
    public Set<String> names() {
        return specs.keySet();
    }
}
