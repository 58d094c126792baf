package dev.sluice.emulator.internal.query;

import dev.sluice.emulator.internal.schema.TableDef;
import java.util.List;

/**
 * A parsed and compiled read of a table's rows: filter, order, top, count, projection, and the paging
 * or change-tracking token it continues from. Built per request by {@link QueryParser}.
 *
 * @param table the table read
 * @param filter compiled {@code $filter}, or null for every row
 * @param orderBy {@code $orderby} keys (ties and no order: by primary id)
 * @param top {@code $top}, or null
 * @param count {@code $count=true}
 * @param projection {@code $select} and {@code $expand}
 * @param skipToken the decoded {@code $skiptoken}, or null
 * @param deltaToken the decoded {@code $deltatoken}, or null
 * @param options the names of the query options given (for change tracking's checks)
 * @param seek the rows the filter can match, found by index, or null to scan the table
 */
record Query(
        TableDef table,
        RowPredicate filter,
        List<SortKey> orderBy,
        Integer top,
        boolean count,
        Projection projection,
        String skipToken,
        String deltaToken,
        List<String> options,
        Seek seek) {}
