package dev.sluice.store.internal;

import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.security.GeneralSecurityException;

/**
 * Tink keyset JSON parsing and generation with errors that never echo key material. Stateless, thread-safe.
 */
public final class Keysets {
    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Keysets() {}

    /** The primitives Tink may build: AEAD from the registry, registered above. */
    static Configuration configuration() throws GeneralSecurityException {
        return RegistryConfiguration.get();
    }

    /** A new keyset with one AES-256-GCM key. */
    public static KeysetHandle generate() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, configuration());
        } catch (GeneralSecurityException e) {
            throw new SluiceException(ErrorKind.INTERNAL, "cannot generate an AES-256-GCM key: " + e.getClass().getSimpleName());
        }
    }

    /** Parses keyset JSON; the error names the origin, never the content (the cause is dropped on purpose). */
    public static KeysetHandle parse(String json, String origin) {
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(json, configuration(), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, origin + " does not hold a Tink keyset in JSON ("
                    + e.getClass().getSimpleName() + "); give a keyset made by Sluice or by "
                    + "'tinkey create-keyset --key-template AES256_GCM --out-format json'");
        }
    }

    /** The keyset as JSON, secret keys included: write it only to a 0600 file. */
    public static String serialize(KeysetHandle keyset) {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, configuration(), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new SluiceException(ErrorKind.INTERNAL, "cannot serialise the keyset: " + e.getClass().getSimpleName());
        }
    }
}
