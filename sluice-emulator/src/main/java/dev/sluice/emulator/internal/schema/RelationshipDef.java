package dev.sluice.emulator.internal.schema;

/**
 * A 1:N relationship made by a lookup column: rows of {@code referencingTable} point through
 * {@code lookupColumn} at one row of {@code referencedTable}.
 *
 * @param schemaName relationship name; also the collection navigation property on the referenced table
 * @param referencedTable the "one" side (e.g. account)
 * @param referencingTable the "many" side (e.g. contact)
 * @param lookupColumn the lookup column on the referencing table (e.g. parentcustomerid)
 * @param navigationProperty single-valued navigation property on the referencing table
 *     (e.g. parentcustomerid_account)
 */
public record RelationshipDef(
        String schemaName,
        String referencedTable,
        String referencingTable,
        String lookupColumn,
        String navigationProperty) {}
