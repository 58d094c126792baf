package dev.sluice.emulator.internal.data;

import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.KeyDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Resolves the key text of a URL segment ({@code guid}, {@code accountid=guid},
 * {@code accountnumber='A-1'}, {@code firstname='Jo',emailaddress1='jo@x.com'}) to a row of a table.
 * Thread-safe; call {@link #resolve} under the store's lock.
 */
public final class KeyResolver {
    private KeyResolver() {}

    /**
     * A resolved key: the row id when the row exists, else null; for alternate keys the key and the
     * typed values (a create by upsert copies them into the new row).
     */
    public record ResolvedKey(UUID id, KeyDef alternateKey, Map<String, Object> values) {
        public boolean byAlternateKey() {
            return alternateKey != null;
        }
    }

    public static ResolvedKey resolve(OrgStore store, TableDef table, String keyText) {
        String text = keyText.trim();
        UUID bare = parseGuid(text);
        if (bare != null) {
            return new ResolvedKey(bare, null, Map.of(table.primaryIdAttribute(), bare));
        }
        Map<String, String> parts = split(table, text);
        if (parts.size() == 1 && parts.containsKey(table.primaryIdAttribute())) {
            UUID id = parseGuid(parts.get(table.primaryIdAttribute()));
            if (id == null) {
                throw invalidKey(table);
            }
            return new ResolvedKey(id, null, Map.of(table.primaryIdAttribute(), id));
        }
        KeyDef match = null;
        for (KeyDef k : table.keys()) {
            Set<String> wire = new HashSet<>();
            for (String c : k.columns()) {
                wire.add(table.column(c).wireName());
            }
            if (wire.equals(parts.keySet())) {
                match = k;
                break;
            }
        }
        if (match == null) {
            throw invalidKey(table);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        List<Object> ordered = new ArrayList<>();
        for (String c : match.columns()) {
            ColumnDef col = table.column(c);
            Object v = ValueCodec.fromLiteral(col, parts.get(col.wireName()));
            if (v == null) {
                throw invalidKey(table);
            }
            if (col.type().isLookup()) {
                v = new LookupValue(col.targets().get(0).table(), (UUID) v);
            }
            values.put(c, v);
            ordered.add(v);
        }
        UUID id = store.findByKey(table, match, ordered);
        return new ResolvedKey(id, match, values);
    }

    /** The key form of an entity id for {@code OData-EntityId}: {@code accountnumber='A-1'}. */
    public static String keyText(TableDef table, ResolvedKey key, UUID id) {
        if (!key.byAlternateKey()) {
            return id.toString();
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : key.values().entrySet()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            ColumnDef col = table.column(e.getKey());
            sb.append(col.wireName()).append('=');
            Object v = e.getValue();
            if (v instanceof String s) {
                sb.append('\'').append(s.replace("'", "''")).append('\'');
            } else if (v instanceof LookupValue l) {
                sb.append(l.id());
            } else {
                sb.append(v);
            }
        }
        return sb.toString();
    }

    private static Map<String, String> split(TableDef table, String text) {
        Map<String, String> parts = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                throw invalidKey(table);
            }
            String name = text.substring(i, eq).trim();
            int j = eq + 1;
            boolean quoted = false;
            for (; j < n; j++) {
                char c = text.charAt(j);
                if (c == '\'') {
                    if (quoted && j + 1 < n && text.charAt(j + 1) == '\'') {
                        j++;
                        continue;
                    }
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    break;
                }
            }
            if (quoted || parts.put(name, text.substring(eq + 1, j).trim()) != null) {
                throw invalidKey(table);
            }
            i = j + 1;
        }
        return parts;
    }

    /** A key's GUID as Dataverse takes it: exactly 36 characters, no braces; null when {@code s} is not one. */
    public static UUID parseGuid(String s) {
        if (s.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            // not a GUID: the caller reads the key as an alternate key or answers the service's error
            return null;
        }
    }

    public static ApiException invalidKey(TableDef table) {
        String type = "Microsoft.Dynamics.CRM." + table.logicalName();
        return ApiException.badRequest(DataverseErrorCodes.CRM_HTTP_ERROR,
                "The key in the request URI is not valid for resource '" + type + "'. Ensure that the names and "
                        + "number of key properties match the declared or alternate key properties for the resource '"
                        + type + "'.");
    }

    /** The 404 for a missing row, as Dataverse words it. */
    public static ApiException notFound(TableDef table, String keyText) {
        return ApiException.notFound(DataverseErrorCodes.OBJECT_DOES_NOT_EXIST,
                "Entity '" + table.logicalName() + "' With Id = " + keyText + " Does Not Exist");
    }
}
