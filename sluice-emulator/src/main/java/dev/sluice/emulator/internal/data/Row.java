package dev.sluice.emulator.internal.data;

import java.util.Arrays;
import java.util.UUID;

/**
 * One stored row: an immutable snapshot. Values are indexed by the table's column positions and hold
 * String, Integer, Long, BigDecimal, Double, Boolean, Instant, UUID or {@link LookupValue} (null for
 * no value). A write replaces the row with a new snapshot, so readers never see a half-written row.
 */
public final class Row {
    private final UUID id;
    private final long version;
    private final Object[] values;

    public Row(UUID id, long version, Object[] values) {
        this.id = id;
        this.version = version;
        this.values = values;
    }

    public UUID id() {
        return id;
    }

    /** Row version: the org-wide change counter when the row was last written (behind {@code @odata.etag}). */
    public long version() {
        return version;
    }

    public Object get(int column) {
        return values[column];
    }

    /** A copy of the values, for building the next snapshot. */
    public Object[] copyValues() {
        return Arrays.copyOf(values, values.length);
    }

    /** The weak ETag of this version, as Dataverse writes it: {@code W/"123"}. */
    public String etag() {
        return "W/\"" + version + "\"";
    }
}
