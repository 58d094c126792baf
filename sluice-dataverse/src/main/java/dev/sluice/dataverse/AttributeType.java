package dev.sluice.dataverse;

/**
 * A column's Dataverse type: the members of {@code Microsoft.Dynamics.CRM.AttributeTypeCode} (fact
 * sheet §A.7), as sent in {@code AttributeMetadata.AttributeType}. Types this client does not know map
 * to {@link #OTHER}.
 */
public enum AttributeType {
    BOOLEAN("Boolean"), CUSTOMER("Customer"), DATETIME("DateTime"), DECIMAL("Decimal"), DOUBLE("Double"),
    INTEGER("Integer"), LOOKUP("Lookup"), MEMO("Memo"), MONEY("Money"), OWNER("Owner"), PARTYLIST("PartyList"),
    PICKLIST("Picklist"), STATE("State"), STATUS("Status"), STRING("String"), UNIQUEIDENTIFIER("Uniqueidentifier"),
    CALENDAR_RULES("CalendarRules"), VIRTUAL("Virtual"), BIGINT("BigInt"), MANAGED_PROPERTY("ManagedProperty"),
    ENTITY_NAME("EntityName"),
    /** A type name this client does not know. */
    OTHER("Other");

    private final String wireName;

    AttributeType(String wireName) {
        this.wireName = wireName;
    }

    /** The member name on the wire, e.g. {@code Picklist}. */
    public String wireName() {
        return wireName;
    }

    /** The type for a wire name; {@link #OTHER} when unknown or null. */
    public static AttributeType fromWire(String name) {
        for (AttributeType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        return OTHER;
    }

    /** Lookup-like types: read as {@code _name_value} GUIDs, written with {@code @odata.bind}. */
    public boolean isLookup() {
        return this == LOOKUP || this == CUSTOMER || this == OWNER;
    }

    /** Types whose values have labels in an option set. */
    public boolean hasOptions() {
        return this == PICKLIST || this == STATE || this == STATUS || this == BOOLEAN;
    }
}
