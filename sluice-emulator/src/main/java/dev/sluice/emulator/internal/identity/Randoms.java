package dev.sluice.emulator.internal.identity;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable values: codes, tokens, cookies, nonces. Thread-safe. */
final class Randoms {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Device flow user codes: upper-case letters and digits without look-alikes, 9 long as on the real service. */
    private static final String USER_CODE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private Randoms() {}

    /** {@code bytes} random bytes as unpadded base64url. */
    static String token(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String userCode() {
        StringBuilder sb = new StringBuilder(9);
        for (int i = 0; i < 9; i++) {
            sb.append(USER_CODE_CHARS.charAt(RANDOM.nextInt(USER_CODE_CHARS.length())));
        }
        return sb.toString();
    }
}
