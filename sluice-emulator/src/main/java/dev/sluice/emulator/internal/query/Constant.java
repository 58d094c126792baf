package dev.sluice.emulator.internal.query;

import dev.sluice.emulator.internal.data.Row;

/** A literal operand: the same value for every row. Immutable. */
record Constant(Object value) implements Operand {
    @Override
    public Object eval(Row[] frame) {
        return value;
    }
}
