package dev.sluice.cli;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;

/**
 * Reads the expiry of a brought access token from its JWT {@code exp} claim (RFC 7519 §4.1.4), with Nimbus's
 * parser (plain, signed or encrypted form; the signature is not checked: the service that takes the token does).
 * Stateless.
 */
final class BroughtToken {
    private BroughtToken() {}

    static Instant expiry(Secret token) {
        Date exp = null;
        try {
            JWTClaimsSet claims = JWTParser.parse(token.reveal()).getJWTClaimsSet(); // null while encrypted
            exp = claims == null ? null : claims.getExpirationTime();
        } catch (ParseException e) {
            // not a readable JWT (or its claims are encrypted): the error below says what to do instead
        }
        if (exp == null) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "the token's expiry cannot be read from it (it is not "
                    + "a JWT with an 'exp' claim); give it with --expires-at 2030-01-01T00:00:00Z");
        }
        return exp.toInstant();
    }
}
