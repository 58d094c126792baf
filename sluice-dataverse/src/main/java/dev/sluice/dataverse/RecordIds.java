package dev.sluice.dataverse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Primary ids derived from a record's natural key — an input file's line, a flow's source key — so that a
 * create sent again, or a whole command run again, addresses the same row instead of making another
 * (Dataverse accepts a client-assigned id and refuses a second row with it). Name-based UUIDs (RFC 9562
 * version 5, SHA-1) in a namespace of Sluice's own; the parts are length-prefixed, so no two lists of parts
 * give the same name. Stateless and thread-safe.
 */
public final class RecordIds {
    /** Sluice's namespace for derived record ids (a fixed random UUID). */
    private static final UUID NAMESPACE = UUID.fromString("6c7a0b8e-52d4-4f0e-9d5a-3e1b7c2f9a41");

    private RecordIds() {}

    /** The id for these parts, e.g. {@code RecordIds.of("import", "contact", "/data/contacts.csv", "17", line)}. */
    public static UUID of(String... parts) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16).putLong(NAMESPACE.getMostSignificantBits())
                .putLong(NAMESPACE.getLeastSignificantBits()).array());
        for (String p : parts) {
            byte[] b = (p == null ? "" : p).getBytes(StandardCharsets.UTF_8);
            sha1.update(ByteBuffer.allocate(4).putInt(p == null ? -1 : b.length).array());
            sha1.update(b);
        }
        byte[] h = sha1.digest();
        h[6] = (byte) ((h[6] & 0x0f) | 0x50); // version 5
        h[8] = (byte) ((h[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bb = ByteBuffer.wrap(h, 0, 16);
        return new UUID(bb.getLong(), bb.getLong());
    }
}
