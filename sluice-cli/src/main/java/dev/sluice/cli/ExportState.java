package dev.sluice.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The small state file {@code sluice export} keeps next to its target ({@code FILE.sluice-export.json}): what
 * is being exported, and either how far an interrupted export got (last primary id written, rows and bytes
 * in {@code FILE.part}) or, for {@code --incremental}, the change-tracking delta token of the last finished
 * run. Written atomically ({@link StateFile}).
 * Immutable.
 *
 * @param table the table's logical name
 * @param filter the user's filter, or null
 * @param columns the columns written
 * @param lastId the primary id of the last row safely in the part file, or null
 * @param rows rows safely in the part file
 * @param bytes length of the part file up to and including those rows
 * @param deltaToken the change-tracking token of the last finished incremental run, or null
 * @param sequence the number the last incremental run put in a {@code {n}} target name (0: none yet)
 * @param appendFrom with {@code --append}: the target's length before the delta being appended, while it is
 *     appended (a run that finds it cuts the target back to it); else null
 */
record ExportState(String table, String filter, List<String> columns, String lastId, long rows, long bytes,
        String deltaToken, long sequence, Long appendFrom) {
    private static final String WHAT = "export state file";

    ExportState {
        columns = List.copyOf(columns);
    }

    ExportState(String table, String filter, List<String> columns, String lastId, long rows, long bytes,
            String deltaToken) {
        this(table, filter, columns, lastId, rows, bytes, deltaToken, 0, null);
    }

    static Path fileFor(Path target) {
        return target.resolveSibling(target.getFileName() + ".sluice-export.json");
    }

    /** The state of an earlier run, or null when there is none or it cannot be read (then we start over). */
    static ExportState read(Path target) {
        return StateFile.read(fileFor(target), ExportState.class);
    }

    void write(Path target) {
        StateFile.replace(fileFor(target), this, WHAT);
    }

    /** The state file's checkpoints, written over each other in place ({@link StateFile#write}). */
    static StateFile checkpoints(Path target) {
        return new StateFile(fileFor(target), WHAT);
    }

    static void delete(Path target) throws IOException {
        Files.deleteIfExists(fileFor(target));
    }

    /** Whether this state belongs to the same export (table, filter, columns). */
    boolean sameExport(String t, String f, List<String> c) {
        return table.equals(t) && Objects.equals(filter, f) && columns.equals(c);
    }

    ExportState progressed(String id, long totalRows, long totalBytes) {
        return new ExportState(table, filter, columns, id, totalRows, totalBytes, deltaToken, sequence, appendFrom);
    }

    /** The state of a finished incremental run: its token and the sequence number it used. */
    ExportState delta(String token, long seq) {
        return new ExportState(table, null, columns, null, 0, 0, token, seq, null);
    }

    /** The state while a delta is appended to a target that was {@code length} bytes long. */
    ExportState appending(long length) {
        return new ExportState(table, filter, columns, lastId, rows, bytes, deltaToken, sequence, length);
    }
}
