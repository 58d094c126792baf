package dev.sluice.emulator.internal.query;

import dev.sluice.emulator.internal.data.Row;

/**
 * A compiled piece of a {@code $filter} or {@code $orderby}: evaluated against the current row
 * ({@code frame[0]}) and the rows bound to lambda variables ({@code frame[1..]}). Returns a String,
 * Integer, Long, BigDecimal, Double, Boolean, Instant, UUID or null. Not thread-safe when it holds a
 * frame; one compiled query serves one request.
 */
@FunctionalInterface
interface Operand {
    Object eval(Row[] frame);

    /** Whether this operand is, or contains, a Dataverse query function (which {@code not} may not wrap). */
    default boolean queryFunction() {
        return false;
    }

    /** Marks an operand as a query function. */
    static Operand queryFunction(Operand o) {
        return new Operand() {
            @Override
            public Object eval(Row[] frame) {
                return o.eval(frame);
            }

            @Override
            public boolean queryFunction() {
                return true;
            }
        };
    }
}
