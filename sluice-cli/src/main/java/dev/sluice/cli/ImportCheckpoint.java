package dev.sluice.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The small state file {@code sluice import} keeps next to its input ({@code FILE.sluice-import.json}) while it
 * runs: which import it is (table, mode, key, empty cells, rejects file, and the input's size and modification
 * time), the last input line whose record and every record before it are fully acknowledged (written, found
 * already written, or rejected into the rejects file), how long the rejects file was then, and the counts so
 * far. A run killed at any moment and started again skips those lines and truncates the rejects file to that
 * length, so the result is that of an uninterrupted run. Written atomically ({@link StateFile}); deleted when the
 * import finishes. Immutable.
 *
 * @param line the last fully acknowledged input line (0: none)
 * @param records input records up to that line
 * @param rejectsBytes the rejects file's length holding every reject up to that line (0: no file yet)
 * @param rejected rejects up to that line
 */
record ImportCheckpoint(String table, String mode, List<String> key, String empty, String rejectsFile, long inputSize,
        long inputModified, long line, long records, long rejectsBytes, long rejected, Counts counts) {
    private static final String WHAT = "import checkpoint";

    /** Outcome counts so far. */
    record Counts(long created, long updated, long unchanged, long upserted, long skippedDeletions) {
        static final Counts ZERO = new Counts(0, 0, 0, 0, 0);
    }

    ImportCheckpoint {
        key = List.copyOf(key);
    }

    static Path fileFor(Path input) {
        return input.resolveSibling(input.getFileName() + ".sluice-import.json");
    }

    /** The state of an interrupted run, or null when there is none or it cannot be read (then we start over). */
    static ImportCheckpoint read(Path input) {
        return StateFile.read(fileFor(input), ImportCheckpoint.class);
    }

    void write(Path input) {
        StateFile.replace(fileFor(input), this, WHAT);
    }

    /** The state file's checkpoints, written over each other in place ({@link StateFile#write}). */
    static StateFile checkpoints(Path input) {
        return new StateFile(fileFor(input), WHAT);
    }

    static void delete(Path input) throws IOException {
        Files.deleteIfExists(fileFor(input));
    }

    /** Whether this state belongs to the same import of the same, unchanged input. */
    boolean sameImport(ImportCheckpoint other) {
        return table.equals(other.table) && mode.equals(other.mode) && key.equals(other.key)
                && empty.equals(other.empty) && Objects.equals(rejectsFile, other.rejectsFile)
                && inputSize == other.inputSize && inputModified == other.inputModified;
    }

    ImportCheckpoint at(long atLine, long atRecords, long bytes, long rejects, Counts now) {
        return new ImportCheckpoint(table, mode, key, empty, rejectsFile, inputSize, inputModified, atLine, atRecords,
                bytes, rejects, now);
    }
}
