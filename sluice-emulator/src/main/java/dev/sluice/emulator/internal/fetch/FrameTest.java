package dev.sluice.emulator.internal.fetch;

import dev.sluice.emulator.internal.data.Row;

/**
 * A compiled FetchXML filter or condition, tested against a joined row: one stored row per node of the query
 * (entity first, then each link-entity), null where an outer link found nothing. Stateless once compiled.
 */
@FunctionalInterface
interface FrameTest {
    boolean test(Row[] frame);
}
