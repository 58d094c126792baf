package dev.sluice.emulator.internal.metadata;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metadata entity types the emulator serves ({@code Microsoft.Dynamics.CRM.EntityMetadata} and
 * friends), with the properties and navigation properties each declares. {@code $select},
 * {@code $expand}, {@code $filter} and type casts are checked against these, as the OData layer of
 * the real service checks them against its CSDL. Immutable; thread-safe.
 */
enum MetadataType {
    ENTITY("EntityMetadata", null, false,
            "MetadataId", "HasChanged", "ActivityTypeMask", "AutoRouteToOwnerQueue", "CanBeInManyToMany:managed",
            "CanBePrimaryEntityInRelationship:managed", "CanBeRelatedEntityInRelationship:managed",
            "CanChangeTrackingBeEnabled:managed", "CanCreateAttributes:managed", "CanCreateForms:managed",
            "CanCreateViews:managed", "CanTriggerWorkflow", "ChangeTrackingEnabled", "CollectionSchemaName",
            "Description:label", "DisplayCollectionName:label", "DisplayName:label", "EntitySetName",
            "ExternalCollectionName", "ExternalName", "HasActivities", "HasNotes", "IntroducedVersion",
            "IsActivity", "IsAuditEnabled:managed", "IsAvailableOffline", "IsBusinessProcessEnabled",
            "IsChildEntity", "IsCustomEntity", "IsCustomizable:managed", "IsIntersect", "IsLogicalEntity",
            "IsManaged", "IsOptimisticConcurrencyEnabled", "IsPrivate", "IsValidForAdvancedFind",
            "IsValidForQueue:managed", "LogicalCollectionName", "LogicalName", "ObjectTypeCode",
            "OwnershipType:enum=OwnershipTypes", "PrimaryIdAttribute", "PrimaryImageAttribute",
            "PrimaryNameAttribute", "SchemaName", "TableType",
            "Attributes:nav*=ATTRIBUTE", "Keys:nav*=KEY", "ManyToManyRelationships:nav*=MANY_TO_MANY",
            "ManyToOneRelationships:nav*=ONE_TO_MANY", "OneToManyRelationships:nav*=ONE_TO_MANY"),

    ATTRIBUTE("AttributeMetadata", null, false,
            "MetadataId", "HasChanged", "AttributeOf", "AttributeType:enum=AttributeTypeCode",
            "AttributeTypeName:complex", "ColumnNumber", "Description:label", "DisplayName:label",
            "EntityLogicalName", "ExternalName", "IntroducedVersion", "IsAuditEnabled:managed", "IsCustomAttribute",
            "IsCustomizable:managed", "IsFilterable", "IsLogical", "IsManaged", "IsPrimaryId", "IsPrimaryName",
            "IsRenameable:managed", "IsRequiredForForm", "IsRetrievable", "IsSearchable", "IsSecured",
            "IsValidForAdvancedFind:managed", "IsValidForCreate", "IsValidForRead", "IsValidForUpdate",
            "IsValidODataAttribute", "LogicalName", "RequiredLevel:complex=AttributeRequiredLevel", "SchemaName",
            "SourceType"),
    STRING_ATTRIBUTE("StringAttributeMetadata", ATTRIBUTE, false,
            "DatabaseLength", "Format", "FormatName:complex", "ImeMode", "IsLocalizable", "MaxLength", "YomiOf"),
    MEMO_ATTRIBUTE("MemoAttributeMetadata", ATTRIBUTE, false,
            "DatabaseLength", "Format", "ImeMode", "IsLocalizable", "MaxLength"),
    INTEGER_ATTRIBUTE("IntegerAttributeMetadata", ATTRIBUTE, false, "Format", "MaxValue", "MinValue"),
    BIGINT_ATTRIBUTE("BigIntAttributeMetadata", ATTRIBUTE, false, "MaxValue", "MinValue"),
    DECIMAL_ATTRIBUTE("DecimalAttributeMetadata", ATTRIBUTE, false, "ImeMode", "MaxValue", "MinValue", "Precision"),
    DOUBLE_ATTRIBUTE("DoubleAttributeMetadata", ATTRIBUTE, false, "ImeMode", "MaxValue", "MinValue", "Precision"),
    MONEY_ATTRIBUTE("MoneyAttributeMetadata", ATTRIBUTE, false,
            "CalculationOf", "ImeMode", "IsBaseCurrency", "MaxValue", "MinValue", "Precision", "PrecisionSource"),
    DATETIME_ATTRIBUTE("DateTimeAttributeMetadata", ATTRIBUTE, false,
            "CanChangeDateTimeBehavior:managed", "DateTimeBehavior:complex", "Format", "ImeMode",
            "MaxSupportedValue", "MinSupportedValue"),
    ENUM_ATTRIBUTE("EnumAttributeMetadata", ATTRIBUTE, true, "DefaultFormValue",
            "OptionSet:nav=OPTION_SET", "GlobalOptionSet:nav=OPTION_SET"),
    PICKLIST_ATTRIBUTE("PicklistAttributeMetadata", ENUM_ATTRIBUTE, false),
    STATE_ATTRIBUTE("StateAttributeMetadata", ENUM_ATTRIBUTE, false),
    STATUS_ATTRIBUTE("StatusAttributeMetadata", ENUM_ATTRIBUTE, false),
    MULTI_SELECT_PICKLIST_ATTRIBUTE("MultiSelectPicklistAttributeMetadata", ENUM_ATTRIBUTE, false),
    ENTITY_NAME_ATTRIBUTE("EntityNameAttributeMetadata", ENUM_ATTRIBUTE, false),
    BOOLEAN_ATTRIBUTE("BooleanAttributeMetadata", ATTRIBUTE, false, "DefaultValue",
            "OptionSet:nav=BOOLEAN_OPTION_SET", "GlobalOptionSet:nav=BOOLEAN_OPTION_SET"),
    LOOKUP_ATTRIBUTE("LookupAttributeMetadata", ATTRIBUTE, false, "Format", "Targets:collection"),
    UNIQUEIDENTIFIER_ATTRIBUTE("UniqueIdentifierAttributeMetadata", ATTRIBUTE, false),
    IMAGE_ATTRIBUTE("ImageAttributeMetadata", ATTRIBUTE, false),
    FILE_ATTRIBUTE("FileAttributeMetadata", ATTRIBUTE, false),

    KEY("EntityKeyMetadata", null, false,
            "MetadataId", "HasChanged", "DisplayName:label", "EntityKeyIndexStatus:enum=EntityKeyIndexStatus",
            "EntityLogicalName", "IntroducedVersion", "IsCustomizable:managed", "IsManaged",
            "KeyAttributes:collection", "LogicalName", "SchemaName"),

    RELATIONSHIP("RelationshipMetadataBase", null, true,
            "MetadataId", "HasChanged", "IntroducedVersion", "IsCustomRelationship", "IsCustomizable:managed",
            "IsManaged", "IsValidForAdvancedFind", "RelationshipType:enum=RelationshipType", "SchemaName",
            "SecurityTypes:enum=SecurityTypes"),
    ONE_TO_MANY("OneToManyRelationshipMetadata", RELATIONSHIP, false,
            "IsHierarchical", "ReferencedAttribute", "ReferencedEntity", "ReferencedEntityNavigationPropertyName",
            "ReferencingAttribute", "ReferencingEntity", "ReferencingEntityNavigationPropertyName",
            "RelationshipBehavior"),
    MANY_TO_MANY("ManyToManyRelationshipMetadata", RELATIONSHIP, false,
            "Entity1IntersectAttribute", "Entity1LogicalName", "Entity1NavigationPropertyName",
            "Entity2IntersectAttribute", "Entity2LogicalName", "Entity2NavigationPropertyName",
            "IntersectEntityName"),

    OPTION_SET_BASE("OptionSetMetadataBase", null, true,
            "MetadataId", "HasChanged", "Description:label", "DisplayName:label", "ExternalTypeName",
            "IntroducedVersion", "IsCustomOptionSet", "IsCustomizable:managed", "IsGlobal", "IsManaged", "Name",
            "OptionSetType:enum=OptionSetType"),
    OPTION_SET("OptionSetMetadata", OPTION_SET_BASE, false, "Options:collection", "ParentOptionSetName"),
    BOOLEAN_OPTION_SET("BooleanOptionSetMetadata", OPTION_SET_BASE, false, "FalseOption:complex", "TrueOption:complex");

    /** OData namespace of every metadata type. */
    static final String NAMESPACE = "Microsoft.Dynamics.CRM.";

    /** How a property may be used in {@code $filter}. */
    enum Kind { PRIMITIVE, ENUM, LABEL, MANAGED, COMPLEX, COLLECTION, NAVIGATION }

    /**
     * One declared property. {@code enumType} names the enumeration of an ENUM property, or of the
     * {@code Value} of a COMPLEX one; {@code target}/{@code collection} describe a navigation property.
     */
    record Property(String name, Kind kind, String enumType, String target, boolean collection) {
        MetadataType targetType() {
            return MetadataType.valueOf(target);
        }
    }

    private final String typeName;
    private final MetadataType base;
    private final boolean isAbstract;
    private final Map<String, Property> declared = new LinkedHashMap<>();

    MetadataType(String typeName, MetadataType base, boolean isAbstract, String... specs) {
        this.typeName = typeName;
        this.base = base;
        this.isAbstract = isAbstract;
        for (String spec : specs) {
            Property p = parse(spec);
            declared.put(p.name(), p);
        }
    }

    /** Short type name, e.g. {@code StringAttributeMetadata}. */
    String typeName() {
        return typeName;
    }

    /** Qualified type name, e.g. {@code Microsoft.Dynamics.CRM.StringAttributeMetadata}. */
    String qualifiedName() {
        return NAMESPACE + typeName;
    }

    /** Abstract types cannot be the target of a cast. */
    boolean isAbstract() {
        return isAbstract;
    }

    /** Whether this type is {@code other} or derives from it. */
    boolean isA(MetadataType other) {
        for (MetadataType t = this; t != null; t = t.base) {
            if (t == other) {
                return true;
            }
        }
        return false;
    }

    /** A property (structural or navigation) declared on this type or a base type, or null. */
    Property property(String name) {
        for (MetadataType t = this; t != null; t = t.base) {
            Property p = t.declared.get(name);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /** The type with this short or qualified name, or null. */
    static MetadataType byName(String name) {
        String shortName = name.startsWith(NAMESPACE) ? name.substring(NAMESPACE.length()) : name;
        for (MetadataType t : values()) {
            if (t.typeName.equals(shortName)) {
                return t;
            }
        }
        return null;
    }

    private static Property parse(String spec) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return new Property(spec, Kind.PRIMITIVE, null, null, false);
        }
        String name = spec.substring(0, colon);
        String rest = spec.substring(colon + 1);
        int eq = rest.indexOf('=');
        String kind = eq < 0 ? rest : rest.substring(0, eq);
        String arg = eq < 0 ? null : rest.substring(eq + 1);
        return switch (kind) {
            case "label" -> new Property(name, Kind.LABEL, null, null, false);
            case "managed" -> new Property(name, Kind.MANAGED, null, null, false);
            case "enum" -> new Property(name, Kind.ENUM, arg, null, false);
            case "complex" -> new Property(name, Kind.COMPLEX, arg, null, false);
            case "collection" -> new Property(name, Kind.COLLECTION, null, null, false);
            case "nav" -> new Property(name, Kind.NAVIGATION, null, arg, false);
            case "nav*" -> new Property(name, Kind.NAVIGATION, null, arg, true);
            default -> throw new IllegalArgumentException("bad property spec " + spec);
        };
    }
}
