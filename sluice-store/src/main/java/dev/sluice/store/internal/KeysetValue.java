package dev.sluice.store.internal;

import com.google.crypto.tink.KeysetHandle;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;

/**
 * A keyset given as a value (the {@code SLUICE_KEYSET} environment variable, or the builder). Read-only: a
 * rotation is done outside (e.g. with tinkey) and the new value given on restart. Thread-safe.
 */
public final class KeysetValue implements KeysetSource {
    private final Secret json;
    private final String origin;

    public KeysetValue(Secret json, String origin) {
        this.json = json;
        this.origin = origin;
    }

    @Override
    public KeysetHandle load() {
        return Keysets.parse(json.reveal(), origin);
    }

    @Override
    public void save(KeysetHandle keyset) {
        throw new SluiceException(ErrorKind.INVALID_INPUT, "the keyset comes from " + origin
                + " and cannot be rewritten by Sluice; add a new primary key to it outside (tinkey add-key, "
                + "promote-key), restart with the new value, then re-encrypt");
    }

    @Override
    public boolean writable() {
        return false;
    }

    @Override
    public String describe() {
        return origin;
    }
}
