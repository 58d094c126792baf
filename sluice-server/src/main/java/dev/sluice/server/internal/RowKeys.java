package dev.sluice.server.internal;

import dev.sluice.dataverse.RecordKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Row keys in API paths: a GUID, or alternate-key pairs {@code col=value[,col2=value2]}. Stateless and thread-safe. */
final class RowKeys {
    private RowKeys() {}

    static RecordKey parse(String segment) {
        try {
            return RecordKey.of(UUID.fromString(segment));
        } catch (IllegalArgumentException notGuid) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (String pair : segment.split(",")) {
                int eq = pair.indexOf('=');
                if (eq < 1 || eq == pair.length() - 1) {
                    throw ApiProblem.badRequest("row key '" + segment + "' is neither a GUID nor column=value pairs "
                            + "such as accountnumber=A-1");
                }
                values.put(pair.substring(0, eq).strip(), pair.substring(eq + 1));
            }
            try {
                return RecordKey.alternate(values);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("row key '" + segment + "': " + e.getMessage());
            }
        }
    }
}
