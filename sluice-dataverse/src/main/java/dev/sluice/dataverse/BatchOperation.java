package dev.sluice.dataverse;

import java.util.List;
import java.util.Map;

/**
 * One operation of a {@link Batch} as the caller gave it. Immutable (the values map is copied).
 *
 * @param ref its handle (index and change set)
 * @param kind what it does
 * @param table the table's logical or entity set name
 * @param key the row, for everything but a create
 * @param values column values for create, update and upsert, else empty
 * @param select columns to read, for a get
 * @param etag {@code If-Match} of an update or delete, or null ({@code *} for updates)
 */
record BatchOperation(BatchRef ref, Kind kind, String table, RecordKey key, Map<String, Object> values,
        List<String> select, String etag) {
    enum Kind { CREATE, UPDATE, UPSERT, DELETE, GET }

    BatchOperation {
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        select = select == null ? List.of() : List.copyOf(select);
        select.forEach(ODataLiteral::name);
    }
}
