package dev.sluice.server.internal.design;

import dev.sluice.core.RecordProvider;
import dev.sluice.dataverse.DataverseRecordProvider;
import dev.sluice.flow.JdbcRecordProvider;
import dev.sluice.server.internal.ApiProblem;
import dev.sluice.server.internal.Caller;
import dev.sluice.server.internal.Services;
import dev.sluice.store.Connection;
import dev.sluice.store.ConnectionType;
import dev.sluice.store.DatabaseConnection;
import dev.sluice.store.GrantLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the designer may read from and write to, for one caller: the server's connections (Dataverse, Business Central)
 * and the databases admins registered, each only with the caller's grant on it. Opens record providers over the
 * server's shared clients (their metadata is cached), or a fresh one for a database. Thread-safe.
 */
public final class Endpoints {
    private final Services s;

    public Endpoints(Services services) {
        this.s = services;
    }

    /**
     * A connection or database as the designer offers it. Immutable.
     *
     * @param name what flows call it
     * @param kind {@code dataverse}, {@code business-central} or {@code database}
     * @param level the caller's grant on it
     */
    public record Endpoint(String name, String kind, GrantLevel level) {
        /** {@code crm (Dataverse)}. */
        public String label() {
            return name + " (" + switch (kind) {
                case "database" -> "database";
                case "business-central" -> "Business Central";
                default -> "Dataverse";
            } + ")";
        }

        public boolean database() {
            return kind.equals("database");
        }
    }

    /** Everything the caller holds at least {@code needed} on, connections first, each by name. */
    public List<Endpoint> list(Caller caller, GrantLevel needed) {
        List<Endpoint> out = new ArrayList<>();
        for (Connection c : s.store().connections().list()) {
            s.access().level(caller, c).filter(l -> l.includes(needed)).ifPresent(l -> out.add(new Endpoint(c.name(),
                    c.settings().type() == ConnectionType.BUSINESS_CENTRAL ? "business-central" : "dataverse", l)));
        }
        for (DatabaseConnection d : s.store().databases().list()) {
            s.access().level(caller, d).filter(l -> l.includes(needed))
                    .ifPresent(l -> out.add(new Endpoint(d.name(), "database", l)));
        }
        return out;
    }

    /** The endpoint of this name if the caller holds at least {@code needed} on it. */
    public Optional<Endpoint> find(Caller caller, String name, GrantLevel needed) {
        return list(caller, needed).stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * A provider for the named endpoint; FORBIDDEN (the same for one that does not exist) unless the caller holds
     * {@code needed}. The caller closes it.
     */
    public RecordProvider open(Caller caller, String name, GrantLevel needed) {
        Endpoint e = find(caller, name, needed).orElseThrow(() -> ApiProblem.forbidden("this needs the '"
                + needed.wireName() + "' grant on '" + name + "' (or it does not exist)"));
        if (e.database()) {
            DatabaseConnection d = s.store().databases().get(name).orElseThrow();
            return new JdbcRecordProvider(d.jdbcUrl(), d.user(), s.store().databases().password(d).orElse(null));
        }
        Connection c = s.store().connections().get(name).orElseThrow();
        if (c.settings().type() == ConnectionType.BUSINESS_CENTRAL) {
            return new Shared(s.clients().businessCentral(c));
        }
        return new DataverseRecordProvider(s.clients().client(c));
    }

    /** A provider the server shares: closing it leaves it open. */
    private record Shared(RecordProvider p) implements RecordProvider {
        @Override
        public List<String> tables() {
            return p.tables();
        }

        @Override
        public dev.sluice.core.TableSchema describe(String table) {
            return p.describe(table);
        }

        @Override
        public java.util.stream.Stream<java.util.Map<String, Object>> search(dev.sluice.core.SearchRequest r) {
            return p.search(r);
        }

        @Override
        public List<dev.sluice.core.WriteOutcome> write(String table, dev.sluice.core.WriteMode mode, List<String> key,
                List<java.util.Map<String, Object>> records) {
            return p.write(table, mode, key, records);
        }
    }
}
