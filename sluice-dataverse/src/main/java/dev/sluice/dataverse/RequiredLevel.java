package dev.sluice.dataverse;

/** How strongly Dataverse asks for a column's value ({@code AttributeRequiredLevel}, fact sheet §A.7). */
public enum RequiredLevel {
    NONE, RECOMMENDED, APPLICATION_REQUIRED, SYSTEM_REQUIRED;

    /** The level for a wire name such as {@code ApplicationRequired}; {@link #NONE} when unknown. */
    public static RequiredLevel fromWire(String name) {
        if (name == null) {
            return NONE;
        }
        return switch (name) {
            case "Recommended" -> RECOMMENDED;
            case "ApplicationRequired" -> APPLICATION_REQUIRED;
            case "SystemRequired" -> SYSTEM_REQUIRED;
            default -> NONE;
        };
    }
}
