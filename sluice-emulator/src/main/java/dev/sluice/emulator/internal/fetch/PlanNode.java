package dev.sluice.emulator.internal.fetch;

import dev.sluice.emulator.internal.data.OrgStore;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The entity or one link-entity of a compiled query: its table, its place in a joined row, how it joins its parent,
 * and its own filter. A link whose {@code from} is its table's primary key matches at most one row per parent
 * ("to one"); any other link may match many. Not thread-safe: the join index is built on first use, within one
 * request.
 */
final class PlanNode {
    final int index;
    final TableDef table;
    final String alias;
    final PlanNode parent;
    /** Position of {@code from} in this table, -1 for the entity. */
    final int fromColumn;
    /** Position of {@code to} in the parent's table, -1 for the entity. */
    final int toColumn;
    /** inner, outer, exists, in, any, not-any; null for the entity. */
    final String linkType;
    final List<PlanNode> children = new ArrayList<>();
    FrameTest filter;
    private Map<Object, List<Row>> joinIndex;

    PlanNode(int index, TableDef table, String alias, PlanNode parent, int fromColumn, int toColumn, String linkType) {
        this.index = index;
        this.table = table;
        this.alias = alias;
        this.parent = parent;
        this.fromColumn = fromColumn;
        this.toColumn = toColumn;
        this.linkType = linkType;
    }

    /** Whether each parent row meets at most one row of this link. */
    boolean toOne() {
        return fromColumn == 0;
    }

    /** Whether the link only tests for a related row and returns none of its columns. */
    boolean semiJoin() {
        return linkType != null && !linkType.equals("inner") && !linkType.equals("outer");
    }

    /** The rows of this link that join the parent row (before this link's own filter). */
    List<Row> candidates(OrgStore store, Row parentRow) {
        Object key = Conditions.joinKey(parentRow.get(toColumn));
        if (key == null) {
            return List.of();
        }
        if (toOne()) {
            if (!(key instanceof java.util.UUID id)) {
                return List.of();
            }
            Row r = store.get(table, id);
            return r == null ? List.of() : List.of(r);
        }
        if (joinIndex == null) {
            joinIndex = new HashMap<>();
            for (Row r : store.rows(table).values()) {
                Object k = Conditions.joinKey(r.get(fromColumn));
                if (k != null) {
                    joinIndex.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
                }
            }
        }
        return joinIndex.getOrDefault(key, List.of());
    }
}
