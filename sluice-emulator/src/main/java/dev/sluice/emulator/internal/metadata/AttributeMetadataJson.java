package dev.sluice.emulator.internal.metadata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.internal.data.SystemColumns;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.ColumnType;
import dev.sluice.emulator.internal.schema.LookupTarget;
import dev.sluice.emulator.internal.schema.TableDef;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Builds the {@code AttributeMetadata} of a column: the common properties, then those of its derived
 * type ({@code MaxLength}, {@code Targets}, {@code MinValue}…), and the {@code OptionSet} navigation of
 * choice, state, status and yes/no columns. Stateless; thread-safe.
 */
final class AttributeMetadataJson {
    // Dataverse: limits of whole number, big integer, decimal/float and currency columns
    // (learn.microsoft.com/power-apps/maker/data-platform/types-of-fields)
    private static final long DECIMAL_LIMIT = 100_000_000_000L;
    private static final long MONEY_LIMIT = 922_337_203_685_477L;
    private static final int DEFAULT_PRECISION = 2;
    // Dataverse: date and time columns accept 1753-01-01 to 9999-12-30 (SQL datetime range)
    private static final String MIN_DATE = "1753-01-01T00:00:00Z";
    private static final String MAX_DATE = "9999-12-30T23:59:59Z";

    private AttributeMetadataJson() {}

    static Definition of(TableDef t, ColumnDef c) {
        MetadataType type = MetadataType.byName(c.type().metadataType());
        // a column is custom when it has a publisher prefix; everything in a custom table is unmanaged
        boolean custom = StandardNames.isCustomColumn(c.name());
        boolean managed = !custom && !StandardNames.isCustomTable(t);
        UUID id = t.metadataId(c);
        ObjectNode n = Json.object();
        common(n, t, c, id, custom, managed);
        derived(n, c);
        Map<String, Supplier<List<Definition>>> navs = Map.of();
        if (c.type().hasOptions()) {
            Definition optionSet = OptionSetMetadataJson.of(t, c);
            navs = Map.of("OptionSet", () -> List.of(optionSet), "GlobalOptionSet", List::of);
        }
        return new Definition(type, n, navs);
    }

    private static void common(ObjectNode n, TableDef t, ColumnDef c, UUID id, boolean custom, boolean managed) {
        boolean primaryId = c.name().equals(t.primaryIdAttribute());
        boolean serverKept = SystemColumns.isServerKept(t, c);
        n.put("MetadataId", id.toString());
        n.putNull("HasChanged");
        n.putNull("AttributeOf");
        n.put("AttributeType", c.type().attributeTypeCode());
        n.set("AttributeTypeName", Labels.value(c.type().attributeTypeCode() + "Type"));
        n.put("ColumnNumber", t.indexOf(c.name()) + 1);
        n.set("Description", Labels.empty());
        n.set("DisplayName", Labels.label(c.displayName(), id, "DisplayName", managed));
        n.put("EntityLogicalName", t.logicalName());
        n.putNull("ExternalName");
        n.put("IntroducedVersion", !managed ? EntityMetadataJson.CUSTOM_VERSION : EntityMetadataJson.SYSTEM_VERSION);
        n.set("IsAuditEnabled", Labels.managed(true, true, "canmodifyauditsettings"));
        n.put("IsCustomAttribute", custom);
        n.set("IsCustomizable", Labels.managed(true, managed, "iscustomizable"));
        n.put("IsFilterable", true);
        n.put("IsLogical", false);
        n.put("IsManaged", managed);
        n.put("IsPrimaryId", primaryId);
        n.put("IsPrimaryName", c.name().equals(t.primaryNameAttribute()));
        n.set("IsRenameable", Labels.managed(true, true, "isrenameable"));
        n.put("IsRequiredForForm", c.required());
        n.put("IsRetrievable", true);
        n.put("IsSearchable", !c.system());
        n.put("IsSecured", false);
        n.set("IsValidForAdvancedFind", Labels.managed(true, true, "canmodifysearchsettings"));
        n.put("IsValidForCreate", !serverKept && c.type() != ColumnType.STATE);
        n.put("IsValidForRead", true);
        n.put("IsValidForUpdate", !serverKept && !primaryId);
        n.put("IsValidODataAttribute", true);
        n.put("LogicalName", c.name());
        n.set("RequiredLevel", requiredLevel(t, c, primaryId));
        // Dataverse names a custom table's primary key after the table: new_Project → new_ProjectId
        n.put("SchemaName", primaryId && StandardNames.isCustomTable(t)
                ? StandardNames.tableSchemaName(t) + "Id" : StandardNames.columnSchemaName(c.name()));
        n.put("SourceType", 0);
    }

    private static ObjectNode requiredLevel(TableDef t, ColumnDef c, boolean primaryId) {
        boolean system = primaryId || c.type() == ColumnType.STATE || c.type() == ColumnType.STATUS
                || c.type() == ColumnType.OWNER;
        String level = system ? "SystemRequired" : c.required() ? "ApplicationRequired" : "None";
        ObjectNode n = Json.object();
        n.put("Value", level);
        n.put("CanBeChanged", !system);
        n.put("ManagedPropertyLogicalName", "canmodifyrequirementlevelsettings");
        return n;
    }

    private static void derived(ObjectNode n, ColumnDef c) {
        switch (c.type()) {
            case STRING -> {
                String format = stringFormat(c.name());
                n.put("DatabaseLength", c.maxLength() * 2);
                n.put("Format", format);
                n.set("FormatName", Labels.value(format));
                n.put("ImeMode", "Auto");
                n.put("IsLocalizable", false);
                n.put("MaxLength", c.maxLength());
                n.putNull("YomiOf");
            }
            case MEMO -> {
                n.put("DatabaseLength", c.maxLength() * 2);
                n.put("Format", "TextArea");
                n.put("ImeMode", "Auto");
                n.put("IsLocalizable", false);
                n.put("MaxLength", c.maxLength());
            }
            case INTEGER -> {
                n.put("Format", "None");
                n.put("MaxValue", Integer.MAX_VALUE);
                n.put("MinValue", Integer.MIN_VALUE);
            }
            case BIGINT -> {
                n.put("MaxValue", Long.MAX_VALUE);
                n.put("MinValue", Long.MIN_VALUE);
            }
            case DECIMAL, DOUBLE -> {
                n.put("ImeMode", "Auto");
                n.put("MaxValue", BigDecimal.valueOf(DECIMAL_LIMIT));
                n.put("MinValue", BigDecimal.valueOf(-DECIMAL_LIMIT));
                n.put("Precision", DEFAULT_PRECISION);
            }
            case MONEY -> {
                n.putNull("CalculationOf");
                n.put("ImeMode", "Auto");
                n.put("IsBaseCurrency", false);
                n.put("MaxValue", BigDecimal.valueOf(MONEY_LIMIT));
                n.put("MinValue", BigDecimal.valueOf(-MONEY_LIMIT));
                n.put("Precision", DEFAULT_PRECISION);
                n.put("PrecisionSource", DEFAULT_PRECISION);
            }
            case DATETIME -> {
                n.set("CanChangeDateTimeBehavior", Labels.managed(false, false, "canchangedatetimebehavior"));
                n.set("DateTimeBehavior", Labels.value("UserLocal"));
                n.put("Format", "DateAndTime");
                n.put("ImeMode", "Inactive");
                n.put("MaxSupportedValue", MAX_DATE);
                n.put("MinSupportedValue", MIN_DATE);
            }
            case BOOLEAN -> n.put("DefaultValue", false);
            case PICKLIST -> n.put("DefaultFormValue", -1);
            case STATE, STATUS -> n.putNull("DefaultFormValue");
            case LOOKUP, CUSTOMER, OWNER -> {
                n.putNull("Format");
                ArrayNode targets = n.putArray("Targets");
                for (LookupTarget target : c.targets()) {
                    targets.add(target.table());
                }
            }
            case UNIQUEIDENTIFIER -> {
                // no properties beyond the common ones
            }
        }
    }

    /** The text format Dataverse gives standard columns of these names; everything else is plain text. */
    private static String stringFormat(String column) {
        if (column.contains("emailaddress")) {
            return "Email";
        }
        if (column.endsWith("url")) {
            return "Url";
        }
        if (column.startsWith("telephone")) {
            return "Phone";
        }
        return "Text";
    }
}
