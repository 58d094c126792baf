package dev.sluice.emulator.internal.schema;

import java.util.Locale;

/**
 * Dataverse column types the emulator supports, with their {@code AttributeTypeCode} member name and
 * the EDM type used in {@code $metadata} (fact sheet §A.6, §A.7).
 */
public enum ColumnType {
    STRING("String", "Edm.String", "StringAttributeMetadata"),
    MEMO("Memo", "Edm.String", "MemoAttributeMetadata"),
    INTEGER("Integer", "Edm.Int32", "IntegerAttributeMetadata"),
    BIGINT("BigInt", "Edm.Int64", "BigIntAttributeMetadata"),
    DECIMAL("Decimal", "Edm.Decimal", "DecimalAttributeMetadata"),
    DOUBLE("Double", "Edm.Double", "DoubleAttributeMetadata"),
    MONEY("Money", "Edm.Decimal", "MoneyAttributeMetadata"),
    DATETIME("DateTime", "Edm.DateTimeOffset", "DateTimeAttributeMetadata"),
    BOOLEAN("Boolean", "Edm.Boolean", "BooleanAttributeMetadata"),
    PICKLIST("Picklist", "Edm.Int32", "PicklistAttributeMetadata"),
    STATE("State", "Edm.Int32", "StateAttributeMetadata"),
    STATUS("Status", "Edm.Int32", "StatusAttributeMetadata"),
    LOOKUP("Lookup", "Edm.Guid", "LookupAttributeMetadata"),
    CUSTOMER("Customer", "Edm.Guid", "LookupAttributeMetadata"),
    OWNER("Owner", "Edm.Guid", "LookupAttributeMetadata"),
    UNIQUEIDENTIFIER("Uniqueidentifier", "Edm.Guid", "UniqueIdentifierAttributeMetadata");

    private final String attributeTypeCode;
    private final String edmType;
    private final String metadataType;

    ColumnType(String attributeTypeCode, String edmType, String metadataType) {
        this.attributeTypeCode = attributeTypeCode;
        this.edmType = edmType;
        this.metadataType = metadataType;
    }

    /** Member name of {@code Microsoft.Dynamics.CRM.AttributeTypeCode}, e.g. {@code String}. */
    public String attributeTypeCode() {
        return attributeTypeCode;
    }

    /** EDM primitive type name, e.g. {@code Edm.String}. */
    public String edmType() {
        return edmType;
    }

    /** The derived AttributeMetadata type name, e.g. {@code PicklistAttributeMetadata}. */
    public String metadataType() {
        return metadataType;
    }

    /** Lookup-like types appear on the wire as {@code _name_value}. */
    public boolean isLookup() {
        return this == LOOKUP || this == CUSTOMER || this == OWNER;
    }

    /** Types whose values are option set values with labels. */
    public boolean hasOptions() {
        return this == PICKLIST || this == STATE || this == STATUS || this == BOOLEAN;
    }

    /** Parses a type name as written in a schema file ({@code Picklist}, {@code picklist}, {@code choice}). */
    public static ColumnType parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("choice") || n.equals("optionset")) {
            return PICKLIST;
        }
        if (n.equals("guid")) {
            return UNIQUEIDENTIFIER;
        }
        if (n.equals("datetimeoffset") || n.equals("date")) {
            return DATETIME;
        }
        for (ColumnType t : values()) {
            if (t.attributeTypeCode.toLowerCase(Locale.ROOT).equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown column type '" + name + "'");
    }
}
