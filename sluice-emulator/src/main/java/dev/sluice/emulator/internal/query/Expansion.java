package dev.sluice.emulator.internal.query;

import dev.sluice.emulator.internal.schema.RelationshipDef;
import java.util.List;

/**
 * One {@code $expand} item: a single-valued navigation property (the lookup's target row) or a
 * collection-valued one (the rows pointing here, with their own {@code $filter/$orderby/$top}), or a
 * {@code /$ref} of a single-valued one. Immutable apart from the filter's frame.
 *
 * @param name the navigation property
 * @param relationship the 1:N relationship behind it
 * @param collection whether it is collection-valued
 * @param ref whether only references are written
 * @param projection what to write of each related row
 * @param filter inner {@code $filter}, or null
 * @param orderBy inner {@code $orderby}
 * @param top inner {@code $top}, or null
 */
record Expansion(
        String name,
        RelationshipDef relationship,
        boolean collection,
        boolean ref,
        Projection projection,
        RowPredicate filter,
        List<SortKey> orderBy,
        Integer top) {}
