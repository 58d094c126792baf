package dev.sluice.emulator.internal.schema;

/**
 * One table a lookup column may point to, with the 1:N relationship's schema name (which is also the
 * collection-valued navigation property on the target table).
 */
public record LookupTarget(String table, String relationship) {
    public LookupTarget {
        if (table == null || table.isBlank() || relationship == null || relationship.isBlank()) {
            throw new IllegalArgumentException("a lookup target needs a table and a relationship name");
        }
    }
}
