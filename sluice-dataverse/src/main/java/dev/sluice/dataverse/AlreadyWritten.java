package dev.sluice.dataverse;

import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whether a single write that the service refused was in fact done before — by an attempt whose answer
 * was lost, or by an earlier run — by reading the row back and comparing it with the values sent
 * ({@link StoredValues}). Stateless.
 */
final class AlreadyWritten {
    private static final Logger LOG = LoggerFactory.getLogger(AlreadyWritten.class);
    private AlreadyWritten() {}

    /** The values with the table's primary id: the one given (checked), else a new random one. */
    static Map<String, Object> withId(Map<String, ?> values, TableInfo t) {
        Map<String, Object> v = new LinkedHashMap<>(values);
        Object id = v.get(t.primaryIdAttribute());
        if (id == null) {
            v.put(t.primaryIdAttribute(), UUID.randomUUID());
        } else if (!(id instanceof UUID)) {
            try {
                UUID.fromString(id.toString());
            } catch (IllegalArgumentException e) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "column '" + t.primaryIdAttribute() + "' of '"
                        + t.logicalName() + "' takes a GUID", e);
            }
        }
        return v;
    }

    /**
     * Returns normally when {@code failure} says the id exists and the stored row holds {@code values} (the row
     * was written before); otherwise throws: a CONFLICT naming the column that differs, or {@code failure}.
     */
    static void created(DataverseClient client, TableInfo t, UUID id, Map<String, Object> values,
            DataverseException failure) {
        if (!DataverseErrorCodes.DUPLICATE_RECORD.equals(failure.errorCode().orElse(null))) {
            throw failure;
        }
        TableMetadata m = client.metadata(t.logicalName());
        Row stored = client.get(t.logicalName(), RecordKey.of(id), StoredValues.select(m, List.of(values))
                .toArray(String[]::new)).orElseThrow(() -> failure);
        String differs = StoredValues.difference(m, values, stored, Set.of(t.primaryIdAttribute()), false);
        if (differs != null) {
            throw new DataverseException(ErrorKind.CONFLICT, "a " + t.logicalName() + " with id " + id
                    + " already exists with another '" + differs + "'; it was left as it is", failure.status(),
                    DataverseErrorCodes.DUPLICATE_RECORD, failure.serviceRequestId().orElse(null), null);
        }
    }

    /** Whether the row at {@code key} holds {@code values}; false when it cannot be read. */
    static boolean holds(DataverseClient client, String table, RecordKey key, Map<String, ?> values) {
        try {
            TableMetadata m = client.metadata(table);
            return client.get(table, key, StoredValues.select(m, List.of(values)).toArray(String[]::new))
                    .map(row -> StoredValues.difference(m, values, row, Set.of(), false) == null).orElse(false);
        } catch (SluiceException e) {
            // the row cannot be read back now: not known to be written, so the failure stands as reported
            LOG.debug("cannot read back row table={} to check an earlier attempt", table, e);
            return false;
        }
    }
}
