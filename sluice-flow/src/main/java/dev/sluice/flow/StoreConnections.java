package dev.sluice.flow;

import dev.sluice.auth.ConnectionCredentials;
import dev.sluice.businesscentral.BusinessCentralClient;
import dev.sluice.businesscentral.BusinessCentralRecordProvider;
import dev.sluice.core.RecordProvider;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.DataverseRecordProvider;
import dev.sluice.store.Connection;
import dev.sluice.store.ConnectionType;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves connection names to the engine store's Dataverse and Business Central connections, with their stored credentials (tokens
 * refreshed through the store). Thread-safe.
 */
public final class StoreConnections implements ConnectionResolver {
    private final ConnectionCredentials credentials;

    public StoreConnections(ConnectionCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Optional<RecordProvider> open(String name) {
        Optional<Connection> c = credentials.store().connections().get(name);
        if (c.isEmpty()) {
            return Optional.empty();
        }
        if (c.get().settings().type() == ConnectionType.BUSINESS_CENTRAL) {
            BusinessCentralClient bc = BusinessCentralClient.builder()
                    .connection(c.get(), credentials.credential(c.get())).outbound(credentials.outbound(c.get())).build();
            return Optional.of(new BusinessCentralRecordProvider(bc, c.get().settings().businessCentral().company()));
        }
        DataverseClient client = DataverseClient.builder().connection(c.get(), credentials.credential(c.get()))
                .outbound(credentials.outbound(c.get())).build();
        return Optional.of(new DataverseRecordProvider(client));
    }

    @Override
    public Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        credentials.store().connections().list().forEach(c -> out.add(c.name()));
        return out;
    }
}
