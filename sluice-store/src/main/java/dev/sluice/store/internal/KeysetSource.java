package dev.sluice.store.internal;

import com.google.crypto.tink.KeysetHandle;

/** Where the Tink keyset comes from and, if writable, where a rotated keyset goes. Implementations are thread-safe. */
public interface KeysetSource {
    /** Loads the keyset, creating it first if the source does that. */
    KeysetHandle load();

    /** Replaces the stored keyset; only when {@link #writable()}. */
    void save(KeysetHandle keyset);

    /** Whether {@link #save} works (a file) or not (the environment). */
    boolean writable();

    /** Where the keyset lives, for messages: a path or the variable's name; never the keyset. */
    String describe();
}
