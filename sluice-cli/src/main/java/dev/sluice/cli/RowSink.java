package dev.sluice.cli;

import dev.sluice.dataverse.Row;
import java.io.IOException;

/** Writes rows one at a time, holding at most a small sample in memory. Not thread-safe. */
interface RowSink extends AutoCloseable {
    void write(Row row) throws IOException;

    /** Writes what is held back (table sample, JSON closing bracket) and flushes; does not close the writer. */
    void finish() throws IOException;

    @Override
    default void close() throws IOException {
        finish();
    }
}
