package dev.sluice.emulator.internal.metadata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.ColumnType;
import dev.sluice.emulator.internal.schema.OptionDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the local option set of a choice, state, status or yes/no column: {@code OptionSetMetadata}
 * with {@code Options}, or {@code BooleanOptionSetMetadata} with {@code TrueOption}/{@code FalseOption}.
 * State options carry {@code DefaultStatus}/{@code InvariantName}, status options their {@code State}.
 * Stateless; thread-safe.
 */
final class OptionSetMetadataJson {
    private OptionSetMetadataJson() {}

    static Definition of(TableDef t, ColumnDef c) {
        // a column is custom when it has a publisher prefix; everything in a custom table is unmanaged
        boolean custom = StandardNames.isCustomColumn(c.name());
        boolean managed = !custom && !StandardNames.isCustomTable(t);
        UUID id = Labels.id("optionset", t.logicalName() + "." + c.name());
        ObjectNode n = Json.object();
        n.put("MetadataId", id.toString());
        n.putNull("HasChanged");
        n.set("Description", Labels.empty());
        n.set("DisplayName", Labels.label(c.displayName(), id, "DisplayName", managed));
        n.putNull("ExternalTypeName");
        n.put("IntroducedVersion", !managed ? EntityMetadataJson.CUSTOM_VERSION : EntityMetadataJson.SYSTEM_VERSION);
        n.put("IsCustomOptionSet", custom);
        n.set("IsCustomizable", Labels.managed(true, managed, "iscustomizable"));
        n.put("IsGlobal", false);
        n.put("IsManaged", managed);
        n.put("Name", t.logicalName() + "_" + c.name());
        n.put("OptionSetType", c.type().attributeTypeCode());
        if (c.type() == ColumnType.BOOLEAN) {
            n.set("FalseOption", option(t, c, id, 0, managed));
            n.set("TrueOption", option(t, c, id, 1, managed));
            return new Definition(MetadataType.BOOLEAN_OPTION_SET, n, Map.of());
        }
        ArrayNode options = n.putArray("Options");
        for (OptionDef o : c.options()) {
            options.add(option(t, c, id, o.value(), managed));
        }
        n.putNull("ParentOptionSetName");
        return new Definition(MetadataType.OPTION_SET, n, Map.of());
    }

    private static ObjectNode option(TableDef t, ColumnDef c, UUID optionSet, int value, boolean managed) {
        ObjectNode o = Json.object();
        if (c.type() == ColumnType.STATE) {
            o.put("@odata.type", "#" + MetadataType.NAMESPACE + "StateOptionMetadata");
        } else if (c.type() == ColumnType.STATUS) {
            o.put("@odata.type", "#" + MetadataType.NAMESPACE + "StatusOptionMetadata");
        }
        String text = c.label(value);
        o.put("Value", value);
        o.putNull("Color");
        o.put("IsManaged", managed);
        o.putNull("ExternalValue");
        o.putArray("ParentValues");
        o.putNull("MetadataId");
        o.putNull("HasChanged");
        o.set("Label", Labels.label(text, optionSet, "option:" + value, managed));
        o.set("Description", Labels.empty());
        if (c.type() == ColumnType.STATE) {
            Integer status = defaultStatus(t, value);
            if (status == null) {
                o.putNull("DefaultStatus");
            } else {
                o.put("DefaultStatus", status);
            }
            o.put("InvariantName", text);
        } else if (c.type() == ColumnType.STATUS) {
            OptionDef def = c.options().stream().filter(d -> d.value() == value).findFirst().orElseThrow();
            o.put("State", def.state());
            o.putNull("TransitionData");
        }
        return o;
    }

    /** The default status of a state: the first option of the table's status column that belongs to it. */
    private static Integer defaultStatus(TableDef t, int state) {
        for (ColumnDef col : t.columns()) {
            if (col.type() == ColumnType.STATUS) {
                for (OptionDef o : col.options()) {
                    if (o.state() == state) {
                        return o.value();
                    }
                }
            }
        }
        return null;
    }
}
