package dev.sluice.emulator.internal.schema;

/**
 * One option of a choice, state, status or boolean column. For a status option, {@code state} is
 * the statecode it belongs to; otherwise it is -1.
 */
public record OptionDef(int value, String label, int state) {
    public OptionDef {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("option " + value + " needs a label");
        }
    }

    public OptionDef(int value, String label) {
        this(value, label, -1);
    }
}
