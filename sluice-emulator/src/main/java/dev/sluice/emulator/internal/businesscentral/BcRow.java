package dev.sluice.emulator.internal.businesscentral;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * One entity: its property values and a version that every write raises. Business Central's
 * {@code @odata.etag} is a weak ETag over an opaque base64 text (e.g. {@code W/"JzE5OzEyMzQ1OzAwOyc="}); the
 * emulator's is the same shape over the row's id and version. Not thread-safe: the company's lock guards it.
 */
final class BcRow {
    private final UUID id;
    private ObjectNode values;
    private long version;

    BcRow(UUID id, ObjectNode values, long version) {
        this.id = id;
        this.values = values;
        this.version = version;
    }

    UUID id() {
        return id;
    }

    ObjectNode values() {
        return values;
    }

    void replace(ObjectNode next) {
        this.values = next;
        this.version++;
    }

    String etag() {
        String inner = "'" + id.toString().replace("-", "").substring(0, 12) + ";" + version + ";'";
        return "W/\"" + Base64.getEncoder().encodeToString(inner.getBytes(StandardCharsets.UTF_8)) + "\"";
    }

    BcRow copy() {
        return new BcRow(id, values.deepCopy(), version);
    }
}
