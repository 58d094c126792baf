package dev.sluice.flow.internal;

import dev.sluice.core.Where;

/**
 * How a flow's {@code where} is evaluated: the part the source evaluates itself ({@code $filter} on Dataverse,
 * {@code WHERE} in SQL) and the part checked in memory on every record read. Immutable and thread-safe.
 *
 * @param pushed the condition given to the source, or null
 * @param inMemory the condition checked on each record read, or null
 * @param pushedText the pushed part as CEL text (as written in the flow), or null
 * @param inMemoryText the in-memory part as CEL text, or null
 * @param why why something stays in memory (e.g. change tracking cannot filter), or null
 */
public record WherePlan(Where pushed, Expression inMemory, String pushedText, String inMemoryText, String why) {
    /** Nothing to check. */
    public static final WherePlan NONE = new WherePlan(null, null, null, null, null);

    /** The whole condition checked in memory, for this reason. */
    public static WherePlan inMemory(Expression where, String why) {
        return where == null ? NONE : new WherePlan(null, where, null, where.text().strip(), why);
    }

    /** One line for the run summary, or null when the flow has no {@code where}. */
    public String describe() {
        if (pushedText == null && inMemoryText == null) {
            return null;
        }
        StringBuilder b = new StringBuilder("where: ");
        if (pushedText != null) {
            b.append("pushed down to the source: ").append(pushedText);
        }
        if (inMemoryText != null) {
            b.append(pushedText != null ? "; " : "").append("checked in memory: ").append(inMemoryText);
        }
        if (why != null) {
            b.append(" (").append(why).append(')');
        }
        return b.toString();
    }
}
