package dev.sluice.server.internal;

import dev.sluice.flow.FlowDefinition;
import dev.sluice.flow.FlowException;
import dev.sluice.store.AuditAction;
import dev.sluice.store.Connection;
import dev.sluice.store.GrantLevel;
import dev.sluice.store.StoredFlow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may do what with a flow, and its audit trail: a flow is seen with {@code view} on its source or target
 * connection, run with {@code read} on the source and {@code write} on the target; a connection the flow file
 * declares (files, JDBC) counts as its uploader's; admins may do anything. Thread-safe.
 */
final class FlowGrants {
    private final Services s;
    private final FlowCatalog catalog;

    FlowGrants(Services services, FlowCatalog catalog) {
        this.s = services;
        this.catalog = catalog;
    }

    /** The flow's definition, or null when its file cannot be parsed. */
    static FlowDefinition definition(ServerFlow f) {
        try {
            return f.parse().definition();
        } catch (FlowException e) {
            // the file's problems are reported where it is validated (FlowChecks); here only "no definition" matters
            return null;
        }
    }

    /** The flow if the caller may see it; the same 404 for a flow that does not exist and one they may not see. */
    ServerFlow visible(Caller caller, String name) {
        Optional<ServerFlow> f = catalog.find(name);
        if (f.isEmpty() || !maySee(caller, f.get(), definition(f.get()))) {
            throw ApiProblem.notFound("no flow '" + name + "'" + (caller.isAdmin() ? "" : " that you may see"));
        }
        return f.get();
    }

    /** The flow if the caller may run it; its parse problems when it cannot be parsed. */
    ServerFlow runnable(Caller caller, String name) {
        ServerFlow f = visible(caller, name);
        FlowDefinition def = definition(f);
        if (def == null) {
            f.parse(); // a file that cannot be parsed: throws its problems
        }
        if (!mayRun(caller, f, def)) {
            throw ApiProblem.forbidden("running flow '" + name + "' needs the 'read' grant on its source connection '"
                    + def.source().connection() + "' and the 'write' grant on its target connection '"
                    + def.target().connection() + "'" + (def.connections().isEmpty() ? ""
                    : "; connections the flow file declares count as its uploader's"));
        }
        return f;
    }

    /**
     * Refuses an upload the caller may not make: replacing another user's flow, declaring connections (admins
     * only), using server connections without {@code view}, or registered databases without their grant.
     */
    void requireUpload(Caller caller, FlowDefinition def, Optional<StoredFlow> earlier) {
        String name = def.name();
        if (earlier.isPresent() && !caller.isAdmin() && !earlier.get().uploadedBy().equals(caller.name())) {
            throw ApiProblem.forbidden("flow '" + name + "' was uploaded by another user; only they or an admin may "
                    + "replace it");
        }
        if (!def.connections().isEmpty() && !caller.isAdmin()) {
            throw ApiProblem.forbidden("flow '" + name + "' declares connections (" + String.join(", ",
                    def.connections().keySet()) + ") that reach this server's files, databases or environment; only "
                    + "an admin may upload such a flow. Use connections of the server instead.");
        }
        for (String c : List.of(def.source().connection(), def.target().connection())) {
            if (!def.connections().containsKey(c) && s.store().connections().get(c).isPresent()) {
                s.access().require(caller, c, GrantLevel.VIEW);
            }
        }
        requireDatabases(caller, def);
    }

    /** A database registered for flows is reached only with a grant on it: read as the source, write as the target. */
    private void requireDatabases(Caller caller, FlowDefinition def) {
        if (caller.isAdmin()) {
            return;
        }
        Map<String, GrantLevel> needed = new LinkedHashMap<>();
        needed.put(def.target().connection(), GrantLevel.WRITE);
        needed.merge(def.source().connection(), GrantLevel.READ, (a, b) -> a.includes(b) ? a : b);
        needed.forEach((name, level) -> {
            if (!def.connections().containsKey(name) && s.store().connections().get(name).isEmpty()
                    && s.store().databases().get(name).isPresent()
                    && !s.access().levelByName(caller, name).map(l -> l.includes(level)).orElse(false)) {
                throw ApiProblem.forbidden("flow '" + def.name() + "' uses database '" + name + "', which needs the '"
                        + level.wireName() + "' grant on it (an admin gives it under Databases)");
            }
        });
    }

    boolean maySee(Caller caller, ServerFlow f, FlowDefinition def) {
        if (caller.isAdmin() || caller.name().equals(f.owner())) {
            return true;
        }
        return def != null && (may(caller, f, def, def.source().connection(), GrantLevel.VIEW)
                || may(caller, f, def, def.target().connection(), GrantLevel.VIEW));
    }

    boolean mayRun(Caller caller, ServerFlow f, FlowDefinition def) {
        return may(caller, f, def, def.source().connection(), GrantLevel.READ)
                && may(caller, f, def, def.target().connection(), GrantLevel.WRITE);
    }

    /** Whether the caller may see the flow's source records (dead letters): read on the source. */
    boolean mayReadRecords(Caller caller, ServerFlow f, FlowDefinition def) {
        return may(caller, f, def, def.source().connection(), GrantLevel.READ);
    }

    /** Whether the caller holds {@code needed} on the named connection of this flow. */
    private boolean may(Caller caller, ServerFlow f, FlowDefinition def, String connection, GrantLevel needed) {
        if (caller.isAdmin()) {
            return true;
        }
        if (def.connections().containsKey(connection)) {
            return caller.name().equals(f.owner());
        }
        return s.access().levelByName(caller, connection).map(l -> l.includes(needed)).orElse(false);
    }

    /** Audits against the flow's first server connection, so its managers see it in their audit log. */
    void audit(String actor, AuditAction action, FlowDefinition def, String detail) {
        Connection c = null;
        if (def != null) {
            for (String name : List.of(def.source().connection(), def.target().connection())) {
                if (c == null && !def.connections().containsKey(name)) {
                    c = s.store().connections().get(name).orElse(null);
                }
            }
        }
        s.store().audit().append(actor, action, c == null ? null : c.id(), c == null ? null : c.name(), detail);
    }
}
