package dev.sluice.flow.internal;

import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.dataverse.ColumnMetadata;
import dev.sluice.dataverse.DataverseRecordProvider;
import dev.sluice.dataverse.Lookup;
import dev.sluice.dataverse.RecordKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Dataverse lookup bound by alternate key: the value is a {@link Lookup} to {@code accounts(accountnumber='…')}
 * under the column's navigation property, so Dataverse resolves the row; no id is looked up by the flow.
 */
public final class LookupRule {
    private LookupRule() {}

    /** The rule for lookup column {@code column} of {@code table} pointing at {@code lookupTable}. */
    public static ColumnRule of(DataverseRecordProvider dv, String table, String column, String lookupTable,
            TableSchema lookupSchema, Map<String, Expression> key) {
        ColumnMetadata c = dv.client().metadata(table).requireColumn(column);
        String navigation = c.navigations().get(lookupTable);
        if (navigation == null) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "column '" + column + "' of '" + table
                    + "' has no navigation property to '" + lookupTable + "'");
        }
        String entitySet = dv.client().table(lookupTable).entitySetName();
        return new ColumnRule(column, navigation, record -> {
            Map<String, Object> values = new LinkedHashMap<>();
            for (Map.Entry<String, Expression> e : key.entrySet()) {
                ColumnSchema kc = lookupSchema.column(e.getKey()).orElseThrow();
                Object v = ValueConverter.convert(e.getValue().evaluate(record), kc);
                if (v == null || v.toString().isEmpty()) {
                    return ColumnRule.OMIT;
                }
                values.put(e.getKey(), v);
            }
            return Lookup.to(entitySet, RecordKey.alternate(values));
        });
    }
}
