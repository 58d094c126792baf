package dev.sluice.flow;

import java.util.List;
import java.util.Objects;

/**
 * What a flow reads. Immutable.
 *
 * @param connection connection name
 * @param table table (Dataverse logical name, SQL table, or file name)
 * @param select columns to read (empty = every column the mappings use)
 * @param where a CEL condition over the source columns, or null for every record
 * @param incremental how later runs read only what changed
 * @param trigger how the server polls for changes, or null
 * @param fetchXml a FetchXML query read instead of the table (a Dataverse source; {@code table} is then its entity),
 *     or null
 */
public record SourceSpec(String connection, String table, List<String> select, String where, Incremental incremental,
        Trigger trigger, String fetchXml) {
    public SourceSpec {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(table, "table");
        select = List.copyOf(select);
        incremental = incremental == null ? new Incremental.Full() : incremental;
    }

    /** A source that reads a table. */
    public SourceSpec(String connection, String table, List<String> select, String where, Incremental incremental,
            Trigger trigger) {
        this(connection, table, select, where, incremental, trigger, null);
    }
}
