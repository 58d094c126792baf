package dev.sluice.emulator.internal.metadata;

import dev.sluice.emulator.internal.schema.OrgSchema;
import dev.sluice.emulator.internal.schema.TableDef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Names the schema does not carry: schema names, collection names and object type codes. Standard
 * tables and columns use Dataverse's real values (from {@code standard-names.properties}); custom
 * ones are derived the way the maker portal derives them ({@code new_project} → {@code new_Project})
 * and custom tables get object type codes from 10000 up in declaration order. Immutable; thread-safe.
 */
final class StandardNames {
    /** Dataverse: object type codes of custom tables start at 10000. */
    static final int FIRST_CUSTOM_OBJECT_TYPE_CODE = 10000;

    private static final Properties KNOWN = load();

    private final Map<String, Integer> objectTypeCodes = new HashMap<>();

    StandardNames(OrgSchema schema) {
        int next = FIRST_CUSTOM_OBJECT_TYPE_CODE;
        for (TableDef t : schema.tables()) {
            String known = KNOWN.getProperty("table." + t.logicalName() + ".objectTypeCode");
            objectTypeCodes.put(t.logicalName(), known != null ? Integer.parseInt(known) : next++);
        }
    }

    int objectTypeCode(TableDef table) {
        return objectTypeCodes.get(table.logicalName());
    }

    static String tableSchemaName(TableDef table) {
        return KNOWN.getProperty("table." + table.logicalName() + ".schema", derive(table.logicalName()));
    }

    static String collectionSchemaName(TableDef table) {
        String known = KNOWN.getProperty("table." + table.logicalName() + ".collectionSchema");
        if (known != null) {
            return known;
        }
        String set = table.entitySetName();
        String schema = tableSchemaName(table);
        return set.startsWith(table.logicalName()) ? schema + set.substring(table.logicalName().length())
                : derive(set);
    }

    static String displayCollectionName(TableDef table) {
        return KNOWN.getProperty("table." + table.logicalName() + ".displayCollection", table.displayName() + "s");
    }

    static String columnSchemaName(String column) {
        return KNOWN.getProperty("column." + column, derive(column));
    }

    /** Whether a table is custom: Dataverse gives every custom table a publisher prefix ({@code new_}). */
    static boolean isCustomTable(TableDef table) {
        return table.logicalName().indexOf('_') > 0;
    }

    /** Whether a column is custom: it carries a publisher prefix (standard address columns do not count). */
    static boolean isCustomColumn(String column) {
        int u = column.indexOf('_');
        return u > 0 && !column.startsWith("address") && !KNOWN.containsKey("column." + column);
    }

    /** {@code new_project} → {@code new_Project}; {@code widget} → {@code Widget}. */
    static String derive(String logicalName) {
        int u = logicalName.indexOf('_');
        if (u > 0 && u + 1 < logicalName.length()) {
            return logicalName.substring(0, u + 1) + capitalise(logicalName.substring(u + 1));
        }
        return capitalise(logicalName);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = StandardNames.class.getResourceAsStream("standard-names.properties")) {
            if (in == null) {
                throw new IllegalStateException("standard-names.properties is missing from the emulator jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
