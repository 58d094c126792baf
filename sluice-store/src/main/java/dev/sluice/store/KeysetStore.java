package dev.sluice.store;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.store.internal.FieldCipher;
import dev.sluice.store.internal.KeyEntry;
import dev.sluice.store.internal.Reencryption;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encryption keys and their rotation: {@link #rotate()} adds a new primary key (old keys stay and keep
 * decrypting), {@link #reencrypt()} rewrites every row under the primary, and then an old key can be
 * {@link #disable disabled} or {@link #delete deleted}, which is refused while any row still uses it. Changing
 * the keyset needs a keyset file; a keyset given by {@code SLUICE_KEYSET} is rotated outside and re-encrypted
 * here. Thread-safe.
 */
public final class KeysetStore {
    private static final Logger LOG = LoggerFactory.getLogger(KeysetStore.class);

    private final FieldCipher cipher;
    private final Reencryption reencryption;

    KeysetStore(FieldCipher cipher, Reencryption reencryption) {
        this.cipher = cipher;
        this.reencryption = reencryption;
    }

    /** Every key with how many rows it encrypts. */
    public List<KeyInfo> list() {
        Map<Integer, Integer> rows = reencryption.rowsPerKey();
        return cipher.entries().stream().map(e -> info(e, rows)).toList();
    }

    /** Adds a new AES-256-GCM key as the primary and saves the keyset file; returns the new key. */
    public KeyInfo rotate() {
        int id = cipher.addPrimaryKey();
        LOG.info("keyset rotated primaryKeyId={}", Integer.toUnsignedString(id));
        return new KeyInfo(Integer.toUnsignedLong(id), true, true, 0);
    }

    /** Re-encrypts every row not under the primary key, in batches of 100 per transaction; returns the rows rewritten. */
    public int reencrypt() {
        int rows = reencryption.run();
        LOG.info("re-encrypted rows={} primaryKeyId={}", rows, Integer.toUnsignedString(cipher.primaryKeyId()));
        return rows;
    }

    /** Disables an old key (it no longer decrypts); refused for the primary or while rows use it. */
    public void disable(long keyId) {
        cipher.setEnabled(checkUnused(keyId, "disable"), false);
        LOG.info("key disabled keyId={}", keyId);
    }

    /** Enables a disabled key again. */
    public void enable(long keyId) {
        cipher.setEnabled((int) keyId, true);
        LOG.info("key enabled keyId={}", keyId);
    }

    /** Removes an old key from the keyset; refused for the primary or while rows use it. */
    public void delete(long keyId) {
        cipher.deleteKey(checkUnused(keyId, "delete"));
        LOG.info("key deleted keyId={}", keyId);
    }

    private int checkUnused(long keyId, String verb) {
        int id = (int) keyId;
        int rows = reencryption.rowsPerKey().getOrDefault(id, 0);
        if (rows > 0) {
            throw new SluiceException(ErrorKind.CONFLICT, "cannot " + verb + " key " + keyId + ": " + rows
                    + " stored rows are still encrypted with it; run re-encrypt first");
        }
        return id;
    }

    private static KeyInfo info(KeyEntry e, Map<Integer, Integer> rows) {
        return new KeyInfo(Integer.toUnsignedLong(e.id()), e.enabled(), e.primary(), rows.getOrDefault(e.id(), 0));
    }
}
