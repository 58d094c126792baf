package dev.sluice.cli;

import dev.sluice.core.WriteMode;
import dev.sluice.dataverse.TableMetadata;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Where an import's records come from: a CSV or JSON-lines file, read one record at a time. Not thread-safe. */
interface ImportSource {
    /** Reads what comes before the records (a CSV header) and checks the columns against the table. */
    void open(TableMetadata m, WriteMode mode, List<String> key) throws IOException;

    /** The input's columns as its header names them (empty for JSON lines), for the rejects file. */
    List<String> header();

    /** The next record, or null at the end. */
    ImportInput next() throws IOException;

    /**
     * The values to write, or null to skip the record (a deletion marker of an incremental export). A bad record
     * is an INVALID_INPUT SluiceException or an IllegalArgumentException saying what is wrong.
     */
    Map<String, Object> convert(ImportInput input, ColumnValues values, EmptyCells empty);

    /** Input columns not written, with why (read-only, the primary id of a keyed import). */
    Map<String, String> skipped();
}
