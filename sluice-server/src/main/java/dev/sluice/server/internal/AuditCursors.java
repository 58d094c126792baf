package dev.sluice.server.internal;

import dev.sluice.store.AuditCursor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Opaque {@code after} tokens of audit pages: base64url of {@code instant|id}. Stateless and thread-safe. */
final class AuditCursors {
    private AuditCursors() {}

    static String encode(AuditCursor c) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((c.at() + "|" + c.id()).getBytes(StandardCharsets.UTF_8));
    }

    static AuditCursor decode(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
            return new AuditCursor(Instant.parse(parts[0]), Long.parseLong(parts[1]));
        } catch (RuntimeException e) {
            throw ApiProblem.badRequest("'after' is not a cursor from a previous audit page");
        }
    }
}
