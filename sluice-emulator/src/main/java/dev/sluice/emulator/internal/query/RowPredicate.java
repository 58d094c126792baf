package dev.sluice.emulator.internal.query;

import dev.sluice.emulator.internal.data.Row;

/** A compiled {@code $filter}: tests rows one at a time with a reused frame. Not thread-safe. */
final class RowPredicate {
    private final Operand operand;
    private final Row[] frame;

    RowPredicate(Operand operand, int frameSize) {
        this.operand = operand;
        this.frame = new Row[frameSize];
    }

    boolean test(Row row) {
        frame[0] = row;
        return Values.truthy(operand.eval(frame));
    }
}
