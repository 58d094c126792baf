package dev.sluice.store.internal;

import dev.sluice.core.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of an OAuth {@code state}, as 64 lower-case hex digits: what is stored instead of the state. Thread-safe. */
public final class StateHash {
    private StateHash() {}

    /** The hex SHA-256 of the state's UTF-8 bytes. */
    public static String of(Secret state) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(state.reveal().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
