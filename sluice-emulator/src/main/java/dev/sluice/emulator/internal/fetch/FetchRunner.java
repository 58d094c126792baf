package dev.sluice.emulator.internal.fetch;

import dev.sluice.emulator.internal.data.LookupValue;
import dev.sluice.emulator.internal.data.OrgStore;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.data.TopN;
import dev.sluice.emulator.internal.query.Values;
import dev.sluice.emulator.internal.schema.ColumnType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Evaluates a compiled query over the store: joins each entity row to its link-entities (in document order, each link
 * joining its parent's row as SQL's chained joins do: an inner link drops the row when nothing matches, an outer one
 * keeps it with nulls, the test-only link types keep or drop it), applies the entity's filter to the joined row,
 * computes sort keys, and picks a page. Call under the store's read lock. Not thread-safe; one per request.
 */
final class FetchRunner {
    private final OrgStore store;
    private final FetchPlan plan;
    private final int width;
    private final int[] subtreeEnd;
    private final LookupNames names;

    FetchRunner(OrgStore store, FetchPlan plan) {
        this.store = store;
        this.names = new LookupNames(store);
        this.plan = plan;
        this.width = plan.nodes().size();
        this.subtreeEnd = new int[width];
        for (int i = width - 1; i >= 0; i--) {
            int end = i + 1;
            for (PlanNode c : plan.nodes().get(i).children) {
                end = Math.max(end, subtreeEnd[c.index]);
            }
            subtreeEnd[i] = end;
        }
    }

    /** A joined row and its sort values. */
    record Keyed(Row[] frame, Object[] values) {}

    /** Passes every joined row of {@code root} that satisfies the query's filters to {@code sink}. */
    void joined(Row root, Consumer<Row[]> sink) {
        Row[] frame = new Row[width];
        frame[0] = root;
        expand(1, frame, sink);
    }

    private void expand(int k, Row[] frame, Consumer<Row[]> sink) {
        if (k >= width) {
            if (plan.filter() == null || plan.filter().test(frame)) {
                sink.accept(width == 1 ? frame : frame.clone());
            }
            return;
        }
        PlanNode node = plan.nodes().get(k);
        Row parent = frame[node.parent.index];
        List<Row> candidates = parent == null ? List.of() : node.candidates(store, parent);
        if (node.semiJoin()) {
            boolean found = false;
            for (Row c : candidates) {
                frame[k] = c;
                if (node.filter == null || node.filter.test(frame)) {
                    found = true;
                    break;
                }
            }
            frame[k] = null;
            if (found != node.linkType.equals("not-any")) {
                expand(subtreeEnd[k], frame, sink);
            }
            return;
        }
        boolean any = false;
        for (Row c : candidates) {
            frame[k] = c;
            if (node.filter == null || node.filter.test(frame)) {
                any = true;
                expand(k + 1, frame, sink);
            }
        }
        frame[k] = null;
        if (!any && node.linkType.equals("outer")) {
            expand(k + 1, frame, sink);
        }
    }

    /** Whether the sort values of {@code s} are text: choice labels and lookups' primary names. */
    static boolean sortsAsText(FetchPlan.Sort s) {
        ColumnType t = s.def().type();
        return t.isLookup() || (s.byLabel() && t.hasOptions() && t != ColumnType.BOOLEAN);
    }

    Object[] sortValues(Row[] frame) {
        List<FetchPlan.Sort> orders = plan.orders();
        Object[] out = new Object[orders.size()];
        for (int i = 0; i < out.length; i++) {
            FetchPlan.Sort s = orders.get(i);
            Row r = frame[s.node()];
            Object v = r == null ? null : r.get(s.column());
            if (v == null) {
                continue;
            }
            if (v instanceof LookupValue l) {
                out[i] = names.name(l);
            } else if (sortsAsText(s)) {
                String label = s.def().label((Integer) v);
                out[i] = label == null ? String.valueOf(v) : label;
            } else {
                out[i] = Values.normalize(v);
            }
        }
        return out;
    }

    /** Order of joined rows: the sort keys, then the entity's primary key, then each link row's key. */
    Comparator<Keyed> order() {
        List<FetchPlan.Sort> orders = plan.orders();
        return (a, b) -> {
            for (int i = 0; i < orders.size(); i++) {
                int c = Values.compareNullsFirst(a.values()[i], b.values()[i]);
                if (c != 0) {
                    return orders.get(i).descending() ? -c : c;
                }
            }
            for (int n = 0; n < width; n++) {
                Row x = a.frame()[n];
                Row y = b.frame()[n];
                if (x != y) {
                    if (x == null || y == null) {
                        return x == null ? -1 : 1;
                    }
                    int c = x.id().compareTo(y.id());
                    if (c != 0) {
                        return c;
                    }
                }
            }
            return 0;
        };
    }

    /** Compares a row with a paging cookie's last row: sort values, then the entity's primary key. */
    private int afterCookie(Keyed k, Keyed cookie) {
        List<FetchPlan.Sort> orders = plan.orders();
        for (int i = 0; i < orders.size(); i++) {
            int c = Values.compareNullsFirst(k.values()[i], cookie.values()[i]);
            if (c != 0) {
                return orders.get(i).descending() ? -c : c;
            }
        }
        return k.frame()[0].id().compareTo(cookie.frame()[0].id());
    }

    /**
     * Up to {@code limit} joined rows after {@code after} (exclusive; null from the start) in the query's order,
     * skipping {@code skip} of them first.
     */
    List<Keyed> select(Keyed after, long skip, int limit) {
        Comparator<Keyed> order = order();
        boolean idOrder = plan.orders().isEmpty();
        Collection<Row> source = store.rows(plan.root().table).values();
        if (idOrder && after != null) {
            source = store.rows(plan.root().table).tailMap(after.frame()[0].id(), false).values();
        }
        if (idOrder) {
            // rows come in primary-id order and each yields its joined rows in link order: stop as soon as enough
            List<Keyed> out = new ArrayList<>(Math.min(limit, 1024));
            long[] skipped = {0};
            List<Keyed> one = new ArrayList<>(1);
            for (Row r : source) {
                one.clear();
                joined(r, f -> one.add(new Keyed(f, new Object[0])));
                if (one.size() > 1) {
                    one.sort(order);
                }
                for (Keyed k : one) {
                    if (skipped[0] < skip) {
                        skipped[0]++;
                        continue;
                    }
                    out.add(k);
                }
                if (out.size() >= limit) {
                    return out.subList(0, limit);
                }
            }
            return out;
        }
        TopN<Keyed> top = new TopN<>(order, skip + limit);
        for (Row r : source) {
            joined(r, f -> {
                Keyed k = new Keyed(f, sortValues(f));
                if (after == null || afterCookie(k, after) > 0) {
                    top.offer(k);
                }
            });
        }
        List<Keyed> sorted = top.sorted();
        return skip >= sorted.size() ? List.of() : sorted.subList((int) skip, sorted.size());
    }

    /** Every joined row, sorted (distinct and aggregate queries). */
    List<Keyed> all() {
        List<Keyed> out = new ArrayList<>();
        for (Row r : store.rows(plan.root().table).values()) {
            joined(r, f -> out.add(new Keyed(f, sortValues(f))));
        }
        out.sort(order());
        return out;
    }

    /** Joined rows matching, counted up to {@code cap + 1}. */
    int count(int cap) {
        int[] n = {0};
        for (Row r : store.rows(plan.root().table).values()) {
            joined(r, f -> n[0]++);
            if (n[0] > cap) {
                return n[0];
            }
        }
        return n[0];
    }
}
