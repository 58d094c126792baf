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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command's small JSON state file ({@code sluice export}'s and {@code sluice import}'s checkpoints), which a
 * process killed at any moment leaves holding one whole state: the one before or the one after.
 *
 * <p>{@link #replace} writes a temporary file and renames it over the state file. A run's checkpoints go through
 * {@link #write}: each is one positional write at the start of the open file, of at most a page (the JSON padded
 * with spaces to the file's length; JSON allows trailing white space), which the kernel copies into the file at
 * once. The rename, the temporary file's creation and Jackson's file set-up were 0.17 ms a checkpoint, a third of
 * an export's main thread; this is a serialisation and one system call. The first write, and any state larger
 * than a page, goes by {@link #replace}. Not thread-safe; closed when the run ends.
 */
final class StateFile implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);
    private static final ObjectMapper JSON = Json.MAPPER;
    /** The most a write may hold to reach the file whole, whatever kills the process. */
    static final int PAGE = 4096;
    private final Path file;
    private final String what;
    private FileChannel channel;
    private long length;

    /**
     * @param file the state file
     * @param what what it is, for errors ("export state file")
     */
    StateFile(Path file, String what) {
        this.file = file;
        this.what = what;
    }

    /** The state in {@code file}, or null when there is none or it cannot be read (then the command starts over). */
    static <T> T read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            // cut short by hand, or from another version: the caller starts over, as documented
            LOG.debug("ignoring an unreadable state file={}", file, e);
            return null;
        }
    }

    /** Makes {@code state} the file's content by a temporary file and a rename. */
    static void replace(Path file, Object state, String what) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), state);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw failed(file, what, e);
        }
    }

    /** Makes {@code state} the file's content, in place when it and the file fit a page. */
    void write(Object state) {
        try {
            byte[] json = JSON.writeValueAsBytes(state);
            if (channel == null || Math.max(json.length, length) > PAGE) {
                close();
                replace(file, state, what);
                channel = FileChannel.open(file, StandardOpenOption.WRITE);
                length = channel.size();
                return;
            }
            byte[] page = json.length >= length ? json : Arrays.copyOf(json, (int) length);
            Arrays.fill(page, json.length, page.length, (byte) ' ');
            ByteBuffer b = ByteBuffer.wrap(page);
            for (long at = 0; b.hasRemaining(); ) {
                at += channel.write(b, at);
            }
            length = page.length;
        } catch (IOException e) {
            throw failed(file, what, e);
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private static SluiceException failed(Path file, String what, IOException e) {
        return new SluiceException(ErrorKind.TRANSIENT, "cannot write the " + what + " " + file + ": "
                + e.getClass().getSimpleName(), e);
    }
}
