package dev.sluice.emulator.internal.metadata;

import java.util.List;
import java.util.Map;

/**
 * Members of the metadata enumerations used in {@code $filter} literals, so that a misspelt member is a
 * clear 400 instead of an empty result. Source: Web API EnumType reference
 * (learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/attributetypecode and siblings;
 * fact sheet §A.7). Stateless.
 */
final class MetadataEnums {
    private static final Map<String, List<String>> MEMBERS = Map.of(
            "AttributeTypeCode", List.of("Boolean", "Customer", "DateTime", "Decimal", "Double", "Integer", "Lookup",
                    "Memo", "Money", "Owner", "PartyList", "Picklist", "State", "Status", "String", "Uniqueidentifier",
                    "CalendarRules", "Virtual", "BigInt", "ManagedProperty", "EntityName"),
            "OwnershipTypes", List.of("None", "UserOwned", "TeamOwned", "BusinessOwned", "OrganizationOwned",
                    "BusinessParented"),
            "AttributeRequiredLevel", List.of("None", "SystemRequired", "ApplicationRequired", "Recommended"),
            "EntityKeyIndexStatus", List.of("Pending", "InProgress", "Active", "Failed"),
            "RelationshipType", List.of("OneToManyRelationship", "ManyToManyRelationship"),
            "SecurityTypes", List.of("None", "Append", "ParentChild", "Pointer", "Inheritance"),
            "OptionSetType", List.of("Picklist", "State", "Status", "Boolean", "MultiSelectPicklist"));

    private MetadataEnums() {}

    /** Checks an enum literal; returns the member. Unknown types and members are a 400. */
    static String checkMember(String qualifiedType, String member) {
        String shortName = qualifiedType.startsWith(MetadataType.NAMESPACE)
                ? qualifiedType.substring(MetadataType.NAMESPACE.length()) : null;
        List<String> members = shortName == null ? null : MEMBERS.get(shortName);
        if (members == null) {
            throw MetadataErrors.badQuery("The type '" + qualifiedType + "' of the literal " + qualifiedType + "'"
                    + member + "' is not an enumeration type of the metadata model.");
        }
        if (!members.contains(member)) {
            throw MetadataErrors.badQuery("The string '" + member + "' is not a valid enumeration type constant of '"
                    + qualifiedType + "'; valid values: " + String.join(", ", members) + ".");
        }
        return member;
    }
}
