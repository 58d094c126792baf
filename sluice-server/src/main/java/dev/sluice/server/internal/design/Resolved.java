package dev.sluice.server.internal.design;

import dev.sluice.core.RecordProvider;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.server.internal.Caller;
import dev.sluice.store.GrantLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One request's view of a design's source and target: their providers, opened with the caller's grants ({@code read}
 * on the source, {@code write} on the target), and their tables' schemas; what could not be opened or described is a
 * problem of its field. Close it to close the providers. Not thread-safe (one per request).
 */
final class Resolved implements AutoCloseable {
    final Endpoints.Endpoint sourceEndpoint;
    final Endpoints.Endpoint targetEndpoint;
    final RecordProvider source;
    final RecordProvider target;
    final TableSchema sourceSchema;
    final TableSchema targetSchema;
    final List<FieldProblem> problems = new ArrayList<>();

    Resolved(Endpoints endpoints, Caller caller, Design d) {
        Optional<Endpoints.Endpoint> se = named(endpoints, caller, d.source().connection(), GrantLevel.READ,
                "source-connection", "read from");
        Optional<Endpoints.Endpoint> te = named(endpoints, caller, d.target().connection(), GrantLevel.WRITE,
                "target-connection", "write to");
        sourceEndpoint = se.orElse(null);
        targetEndpoint = te.orElse(null);
        source = se.map(e -> endpoints.open(caller, e.name(), GrantLevel.READ)).orElse(null);
        RecordProvider t = null;
        try {
            t = te.map(e -> endpoints.open(caller, e.name(), GrantLevel.WRITE)).orElse(null);
        } catch (RuntimeException e) {
            close(source);
            throw e;
        }
        target = t;
        sourceSchema = describe(source, d.source().table(), "source-table");
        targetSchema = d.target().newTable() ? null : describe(target, d.target().table(), "target-table");
    }

    private Optional<Endpoints.Endpoint> named(Endpoints endpoints, Caller caller, String name, GrantLevel needed,
            String field, String what) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<Endpoints.Endpoint> e = endpoints.find(caller, name, needed);
        if (e.isEmpty()) {
            problems.add(new FieldProblem(field, "you may not " + what + " '" + name + "': it needs the '"
                    + needed.wireName() + "' grant (or it does not exist)"));
        }
        return e;
    }

    private TableSchema describe(RecordProvider p, String table, String field) {
        if (p == null || table.isEmpty()) {
            return null;
        }
        try {
            return p.describe(table);
        } catch (SluiceException e) {
            problems.add(new FieldProblem(field, "cannot read the columns of table '" + table + "': "
                    + e.getMessage()));
            return null;
        }
    }

    /** The tables of a side matching a search (case-insensitive), sorted, at most {@code max}, the chosen one first. */
    List<String> tables(boolean sourceSide, String search, String chosen, int max) {
        RecordProvider p = sourceSide ? source : target;
        if (p == null) {
            return List.of();
        }
        List<String> all;
        try {
            all = p.tables();
        } catch (SluiceException e) {
            problems.add(new FieldProblem(sourceSide ? "source-connection" : "target-connection", "cannot list the "
                    + "tables: " + e.getMessage()));
            return List.of();
        }
        String q = search.strip().toLowerCase(java.util.Locale.ROOT);
        List<String> out = new ArrayList<>();
        if (!chosen.isEmpty() && all.contains(chosen)) {
            out.add(chosen);
        }
        all.stream().sorted().filter(n -> !n.equals(chosen) && n.toLowerCase(java.util.Locale.ROOT).contains(q))
                .limit(Math.max(0, max - out.size())).forEach(out::add);
        return out;
    }

    private static void close(RecordProvider p) {
        if (p != null) {
            p.close();
        }
    }

    @Override
    public void close() {
        try {
            close(source);
        } finally {
            close(target);
        }
    }
}
