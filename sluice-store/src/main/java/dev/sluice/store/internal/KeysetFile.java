package dev.sluice.store.internal;

import com.google.crypto.tink.KeysetHandle;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keyset in a JSON file ({@code SLUICE_HOME/keyset.json}), created on first use with mode 0600 set at
 * creation (never readable by others, not even for an instant); a rotated keyset replaces it atomically.
 * Thread-safe; two processes creating it at once end up using the one that was written first.
 */
public final class KeysetFile implements KeysetSource {
    private static final Logger LOG = LoggerFactory.getLogger(KeysetFile.class);
    /** Owner read/write only. */
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;

    public KeysetFile(Path file) {
        this.file = file;
    }

    @Override
    public synchronized KeysetHandle load() {
        if (!Files.exists(file)) {
            KeysetHandle created = Keysets.generate();
            try {
                publish(Keysets.serialize(created));
                LOG.info("keyset created file={}", file);
                return created;
            } catch (FileAlreadyExistsException raced) {
                LOG.debug("keyset created by another process file={}", file);
            } catch (IOException e) {
                throw new SluiceException(ErrorKind.INTERNAL, "cannot create the keyset file " + file + ": "
                        + e.getMessage() + "; check that SLUICE_HOME is writable", e);
            }
        }
        warnIfReadableByOthers();
        try {
            return Keysets.parse(Files.readString(file, StandardCharsets.UTF_8), "the keyset file " + file);
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.INTERNAL, "cannot read the keyset file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void save(KeysetHandle keyset) {
        Path temp = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            write(temp, Keysets.serialize(keyset));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.INTERNAL, "cannot write the keyset file " + file + ": " + e.getMessage()
                    + "; the previous keyset is unchanged", e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the temporary file is 0600 and holds the same keys; nothing leaks if it stays
            }
        }
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public String describe() {
        return "the keyset file " + file;
    }

    /**
     * Makes the new keyset appear under its name complete or not at all: it is written to a temporary file first and
     * then hard-linked to the name, which fails if another process got there first. Another process opening the
     * store at the same moment therefore never reads a half-written file. Where the file system has no hard links
     * the file is created under its name directly.
     */
    private void publish(String json) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            write(temp, json);
            try {
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException raced) {
                throw raced;
            } catch (UnsupportedOperationException | FileSystemException noLinks) {
                write(file, json);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Creates the file with mode 0600 in the same call (no window in which it has wider permissions). */
    private static void write(Path target, String json) throws IOException {
        boolean posix = Files.getFileStore(target.getParent()).supportsFileAttributeView("posix");
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(target,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attrs)) {
            channel.write(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
    }

    private void warnIfReadableByOthers() {
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")
                    && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
                LOG.warn("keyset file is readable by other users file={} fix=\"chmod 600 {}\"", file, file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot check keyset file permissions file={}", file);
        }
    }
}
