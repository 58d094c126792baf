package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import java.time.Instant;
import java.util.Base64;

/** Reads the expiry of a brought access token from its JWT {@code exp} claim (RFC 7519 §4.1.4). Stateless. */
final class BroughtToken {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BroughtToken() {}

    static Instant expiry(Secret token) {
        String[] parts = token.reveal().split("\\.");
        if (parts.length == 3) {
            try {
                JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
                if (claims.path("exp").canConvertToLong()) {
                    return Instant.ofEpochSecond(claims.path("exp").asLong());
                }
            } catch (Exception e) {
                // not a readable JWT: fall through to the error below
            }
        }
        throw new SluiceException(ErrorKind.INVALID_INPUT, "the token's expiry cannot be read from it (it is not a "
                + "JWT with an 'exp' claim); give it with --expires-at 2030-01-01T00:00:00Z");
    }
}
