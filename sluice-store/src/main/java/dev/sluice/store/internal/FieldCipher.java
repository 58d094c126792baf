package dev.sluice.store.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Encrypts and decrypts stored values with Tink AEAD (AES-256-GCM). The associated data is the owner (a connection
 * id, or e.g. {@code flow:NAME}) and the value's slot ({@code <uuid>|secret/client-secret},
 * {@code flow:NAME|dead-letter}), so a ciphertext copied to another owner's row, or to another column, does not
 * decrypt. Keeps every enabled key for decryption and encrypts with the
 * primary. Thread-safe: the keyset is swapped atomically on rotation.
 */
public final class FieldCipher {
    /** Tink's output prefix: version byte 0x01 then the 4-byte key id (Tink wire format, "TINK" prefix). */
    private static final int TINK_PREFIX_SIZE = 5;
    private static final byte TINK_START_BYTE = 0x01;

    private final KeysetSource source;
    private volatile Keys keys;

    private record Keys(KeysetHandle handle, Aead aead) {}

    public FieldCipher(KeysetSource source) {
        this.source = source;
        this.keys = keys(source.load(), source);
    }

    private static Keys keys(KeysetHandle handle, KeysetSource source) {
        try {
            return new Keys(handle, handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, source.describe()
                    + " is not an AEAD keyset (" + e.getClass().getSimpleName() + "); use AES256_GCM keys");
        }
    }

    /** Encrypts with the primary key. */
    public Sealed seal(UUID connectionId, String slot, byte[] plaintext) {
        return seal(connectionId.toString(), "connection " + connectionId, slot, plaintext);
    }

    /**
     * Encrypts with the primary key for an owner that is not a connection (e.g. {@code flow:NAME}); the associated
     * data is {@code owner|slot}.
     */
    public Sealed sealFor(String owner, String slot, byte[] plaintext) {
        return seal(owner, owner, slot, plaintext);
    }

    private Sealed seal(String owner, String shown, String slot, byte[] plaintext) {
        Keys current = keys;
        try {
            byte[] ciphertext = current.aead().encrypt(plaintext, associatedData(owner, slot));
            return new Sealed(current.handle().getPrimary().getId(), ciphertext);
        } catch (GeneralSecurityException e) {
            throw new SluiceException(ErrorKind.INTERNAL, "cannot encrypt the " + slot + " of " + shown + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /** Encrypts a UTF-8 string. */
    public Sealed seal(UUID connectionId, String slot, String plaintext) {
        return seal(connectionId, slot, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    /** Decrypts, or fails saying whether the key is missing or the ciphertext was altered or moved. */
    public byte[] open(UUID connectionId, String slot, byte[] ciphertext) {
        return open(connectionId.toString(), "connection " + connectionId, slot, ciphertext);
    }

    /** Decrypts what {@link #sealFor} encrypted for the same owner and slot. */
    public byte[] openFor(String owner, String slot, byte[] ciphertext) {
        return open(owner, owner, slot, ciphertext);
    }

    private byte[] open(String owner, String shown, String slot, byte[] ciphertext) {
        Keys current = keys;
        try {
            return current.aead().decrypt(ciphertext, associatedData(owner, slot));
        } catch (GeneralSecurityException e) {
            Integer keyId = keyIdOf(ciphertext);
            String why;
            if (keyId == null) {
                why = "it is not a Tink ciphertext";
            } else if (!hasKey(current.handle(), keyId, false)) {
                why = "it was encrypted with key " + Integer.toUnsignedString(keyId) + ", which is not in "
                        + source.describe() + "; restore the keyset that wrote it, or store the value again";
            } else if (!hasKey(current.handle(), keyId, true)) {
                why = "it was encrypted with key " + Integer.toUnsignedString(keyId) + ", which is disabled in "
                        + source.describe() + "; enable it, re-encrypt, then disable it again";
            } else {
                why = "the ciphertext was altered or belongs to another connection or field (authentication failed); "
                        + "store the value again";
            }
            throw new SluiceException(ErrorKind.INTERNAL, "cannot decrypt the " + slot + " of " + shown + ": " + why);
        }
    }

    /** Decrypts to a UTF-8 string. */
    public String openString(UUID connectionId, String slot, byte[] ciphertext) {
        return new String(open(connectionId, slot, ciphertext), StandardCharsets.UTF_8);
    }

    /** The id of the primary key, which encrypts everything new. */
    public int primaryKeyId() {
        return keys.handle().getPrimary().getId();
    }

    /** Every key in the keyset: id, whether enabled, whether primary. */
    public List<KeyEntry> entries() {
        KeysetHandle handle = keys.handle();
        List<KeyEntry> out = new ArrayList<>();
        for (int i = 0; i < handle.size(); i++) {
            KeysetHandle.Entry e = handle.getAt(i);
            out.add(new KeyEntry(e.getId(), e.getStatus() == KeyStatus.ENABLED, e.isPrimary()));
        }
        return out;
    }

    /** Where the keyset lives. */
    public KeysetSource source() {
        return source;
    }

    /** Adds a new AES-256-GCM key as primary, saves the keyset, and returns the new key's id. */
    public synchronized int addPrimaryKey() {
        KeysetHandle updated = change(b -> {
            b.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary());
            return b;
        });
        return updated.getPrimary().getId();
    }

    /** Sets a key's status (never the primary's), saves the keyset. */
    public synchronized void setEnabled(int keyId, boolean enabled) {
        int index = indexOfSecondary(keyId);
        change(b -> {
            b.getAt(index).setStatus(enabled ? KeyStatus.ENABLED : KeyStatus.DISABLED);
            return b;
        });
    }

    /** Removes a key (never the primary), saves the keyset. */
    public synchronized void deleteKey(int keyId) {
        int index = indexOfSecondary(keyId);
        change(b -> b.deleteAt(index));
    }

    private KeysetHandle change(UnaryOperator<KeysetHandle.Builder> edit) {
        if (!source.writable()) {
            source.save(keys.handle()); // throws the source's explanation
        }
        try {
            KeysetHandle updated = edit.apply(KeysetHandle.newBuilder(keys.handle())).build();
            Keys next = keys(updated, source);
            source.save(updated);
            keys = next;
            return updated;
        } catch (GeneralSecurityException e) {
            throw new SluiceException(ErrorKind.INTERNAL, "cannot change the keyset: " + e.getClass().getSimpleName());
        }
    }

    /** The index of a non-primary key; a builder made from the handle keeps the same order. */
    private int indexOfSecondary(int keyId) {
        KeysetHandle handle = keys.handle();
        for (int i = 0; i < handle.size(); i++) {
            KeysetHandle.Entry e = handle.getAt(i);
            if (e.getId() == keyId) {
                if (e.isPrimary()) {
                    throw new SluiceException(ErrorKind.CONFLICT, "key " + Integer.toUnsignedString(keyId)
                            + " is the primary key; rotate to a new primary first");
                }
                return i;
            }
        }
        throw new SluiceException(ErrorKind.NOT_FOUND, "no key " + Integer.toUnsignedString(keyId) + " in "
                + source.describe());
    }

    private static boolean hasKey(KeysetHandle handle, int keyId, boolean enabledOnly) {
        for (int i = 0; i < handle.size(); i++) {
            KeysetHandle.Entry e = handle.getAt(i);
            if (e.getId() == keyId && (!enabledOnly || e.getStatus() == KeyStatus.ENABLED)) {
                return true;
            }
        }
        return false;
    }

    /** The key id in a Tink-prefixed ciphertext, or null. */
    static Integer keyIdOf(byte[] ciphertext) {
        if (ciphertext == null || ciphertext.length < TINK_PREFIX_SIZE || ciphertext[0] != TINK_START_BYTE) {
            return null;
        }
        return ByteBuffer.wrap(ciphertext, 1, 4).getInt();
    }

    private static byte[] associatedData(String owner, String slot) {
        return (owner + "|" + slot).getBytes(StandardCharsets.UTF_8);
    }
}
