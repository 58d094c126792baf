package dev.sluice.server.internal;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/** Password hashing with bcrypt, and random secrets for one-time passwords, tokens and session ids. Thread-safe. */
public final class Passwords {
    /** bcrypt cost 12: OWASP Password Storage Cheat Sheet's suggested minimum is 10. */
    private static final int COST = 12;
    /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
    public static final int MAX_BYTES = 72;
    /** NIST SP 800-63B §5.1.1.2: at least 8 characters. */
    public static final int MIN_LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A hash to compare against when the user does not exist, so timing does not tell. */
    private static final String DUMMY = new String(BCrypt.withDefaults().hash(COST, "not-a-password".toCharArray()),
            StandardCharsets.UTF_8);

    private Passwords() {}

    /** The bcrypt hash of a password, after checking its length. */
    public static String hash(String password) {
        check(password);
        return new String(BCrypt.withDefaults().hash(COST, password.toCharArray()), StandardCharsets.UTF_8);
    }

    /** Whether the password matches the hash (null hash: compares against a dummy and returns false). */
    public static boolean verify(String password, String hash) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        boolean ok = BCrypt.verifyer().verify(password.toCharArray(), hash == null ? DUMMY : hash).verified;
        return ok && hash != null;
    }

    /** Checks a new password: 8..72 bytes. */
    public static void check(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw ApiProblem.badRequest("the password must have at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ApiProblem.badRequest("the password must be at most " + MAX_BYTES + " bytes (bcrypt's limit)");
        }
    }

    /** 256 random bits, URL-safe base64 without padding (43 characters). */
    public static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
