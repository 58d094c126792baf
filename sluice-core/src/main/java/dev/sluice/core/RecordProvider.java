package dev.sluice.core;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The record provider SPI: what flows, the CLI and the UI program against, implemented for Dataverse,
 * JDBC tables and files. Records are maps of column name to value (String, Long/Integer, BigDecimal,
 * Double, Boolean, Instant, UUID, or null). Implementations are thread-safe.
 */
public interface RecordProvider extends AutoCloseable {
    /** Tables this provider can read or write. */
    List<String> tables();

    /** A table's columns and keys; NOT_FOUND when there is no such table. */
    TableSchema describe(String table);

    /** Reads rows lazily; close the stream to release resources. */
    Stream<Map<String, Object>> search(SearchRequest request);

    /**
     * Writes records in bulk and reports an outcome for every input, in input order: good records are
     * written even when others fail. {@code key} names the columns that identify a row for
     * update/upsert/delete.
     */
    List<WriteOutcome> write(String table, WriteMode mode, List<String> key, List<Map<String, Object>> records);

    @Override
    default void close() {}
}
