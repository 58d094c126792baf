package dev.sluice.store.internal;

/**
 * A ciphertext and the id of the Tink key that produced it. Immutable and thread-safe.
 *
 * @param keyId the Tink key id (also in the ciphertext's 5-byte prefix)
 * @param ciphertext the Tink AEAD ciphertext
 */
public record Sealed(int keyId, byte[] ciphertext) {
    @Override
    public String toString() {
        return "Sealed[keyId=" + keyId + ", " + ciphertext.length + " bytes]";
    }
}
