package dev.sluice.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small state file {@code sluice export} keeps next to its target ({@code FILE.sluice-export.json}): what
 * is being exported, and either how far an interrupted export got (last primary id written, rows and bytes
 * in {@code FILE.part}) or, for {@code --incremental}, the change-tracking delta token of the last finished
 * run. Written atomically: by a write and a rename, or a checkpoint over the last one ({@link Checkpoints}).
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
    private static final Logger LOG = LoggerFactory.getLogger(ExportState.class);
    private static final ObjectMapper JSON = Json.MAPPER;

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
        Path f = fileFor(target);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return JSON.readValue(f.toFile(), ExportState.class);
        } catch (IOException e) {
            // unreadable state (cut short, or from another version): the export starts over, as documented
            LOG.debug("ignoring an unreadable export state file={}", f, e);
            return null;
        }
    }

    void write(Path target) {
        Path f = fileFor(target);
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.TRANSIENT, "cannot write the export state file " + f + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * An export's checkpoints, each written over the one before in the state file: one positional write at the
     * file's start of at most a page (the JSON, padded with spaces to the file's length), which a process killed
     * at any moment leaves whole or not at all (the kernel copies a write within one page into the file at once),
     * so the file holds one checkpoint or the next, as {@link #write}'s write-and-rename gives. The rename, the
     * temporary file's creation and Jackson's file set-up per 1000 rows were a third of an export's main thread
     * (0.17 ms a checkpoint); this is a serialisation and one system call. The first checkpoint, and any state
     * larger than a page, goes through {@link #write}. Not thread-safe; closed when the export ends.
     */
    static final class Checkpoints implements Closeable {
        /** The most a write may hold to reach the file whole, whatever kills the process. */
        static final int PAGE = 4096;
        private final Path target;
        private FileChannel channel;
        private long length;

        Checkpoints(Path target) {
            this.target = target;
        }

        /** Makes {@code state} the export's checkpoint. */
        void write(ExportState state) {
            Path f = fileFor(target);
            try {
                byte[] json = JSON.writeValueAsBytes(state);
                if (channel == null || Math.max(json.length, length) > PAGE) {
                    close();
                    state.write(target);
                    channel = FileChannel.open(f, StandardOpenOption.WRITE);
                    length = channel.size();
                    return;
                }
                byte[] page = json.length >= length ? json : Arrays.copyOf(json, (int) length);
                Arrays.fill(page, json.length, page.length, (byte) ' '); // JSON allows trailing white space
                ByteBuffer b = ByteBuffer.wrap(page);
                for (long at = 0; b.hasRemaining(); ) {
                    at += channel.write(b, at);
                }
                length = page.length;
            } catch (IOException e) {
                throw new SluiceException(ErrorKind.TRANSIENT, "cannot write the export state file " + f + ": "
                        + e.getClass().getSimpleName(), e);
            }
        }

        @Override
        public void close() throws IOException {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        }
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
