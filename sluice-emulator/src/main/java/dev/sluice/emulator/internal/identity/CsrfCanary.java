package dev.sluice.emulator.internal.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CSRF value of every form (the real service calls it {@code canary}): an HMAC of the browser's
 * {@code esctx} cookie under a key made at start, so a form posted from another site, which cannot
 * read the cookie, cannot carry the right value. Thread-safe.
 */
final class CsrfCanary {
    static final String BROWSER_COOKIE = "esctx";
    private final byte[] key = new byte[32];

    CsrfCanary() {
        new SecureRandom().nextBytes(key);
    }

    String of(String browser) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(browser.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    boolean valid(String browser, String canary) {
        return browser != null && canary != null && MessageDigest.isEqual(
                of(browser).getBytes(StandardCharsets.US_ASCII), canary.getBytes(StandardCharsets.US_ASCII));
    }
}
