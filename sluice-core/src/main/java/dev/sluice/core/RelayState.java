package dev.sluice.core;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The OAuth {@code state} of a sign-in that goes through the Sluice relay:
 * {@code relay1.<base64url(return URL)>.<base64url(provider host)>.<instance's random value>}. The
 * relay reads only the return URL (where to send the browser) and the provider host (for its
 * aggregate counts); the instance checks the whole value, as for a direct callback. Immutable.
 *
 * @param returnUrl the instance's callback (loopback receiver or server callback)
 * @param providerHost the identity provider's host, e.g. {@code login.microsoftonline.com}
 * @param nonce the instance's random, single-use value
 */
public record RelayState(URI returnUrl, String providerHost, String nonce) {
    private static final String PREFIX = "relay1";
    /** A state longer than this is not one of ours (the relay refuses it unread). */
    public static final int MAX_LENGTH = 2048;

    public RelayState {
        if (!allowedReturnUrl(returnUrl)) {
            throw new SluiceException(ErrorKind.INVALID_INPUT,
                    "a relay return URL must be https, or http on 127.0.0.1/localhost");
        }
        if (providerHost == null || !providerHost.matches("[A-Za-z0-9.:-]{1,253}")) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "provider host '" + providerHost + "' is not a host name");
        }
        if (nonce == null || !nonce.matches("[A-Za-z0-9_-]{16,128}")) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "the relay state's random value must be 16-128 "
                    + "base64url characters");
        }
    }

    public String encode() {
        Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
        return PREFIX + "." + b.encodeToString(returnUrl.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + b.encodeToString(providerHost.getBytes(StandardCharsets.UTF_8)) + "." + nonce;
    }

    /** Decodes a state; INVALID_INPUT when it is not a well-formed relay state or its return URL is not allowed. */
    public static RelayState decode(String state) {
        if (state == null || state.length() > MAX_LENGTH) {
            throw malformed();
        }
        String[] parts = state.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw malformed();
        }
        try {
            Base64.Decoder d = Base64.getUrlDecoder();
            URI url = new URI(new String(d.decode(parts[1]), StandardCharsets.UTF_8));
            String host = new String(d.decode(parts[2]), StandardCharsets.UTF_8);
            return new RelayState(url, host, parts[3]);
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            throw malformed();
        }
    }

    /** https anywhere, or http on a loopback host (RFC 8252 §7.3); nothing with user info or a fragment. */
    public static boolean allowedReturnUrl(URI url) {
        if (url == null || url.getHost() == null || url.getRawUserInfo() != null || url.getRawFragment() != null) {
            return false;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
        return scheme.equals("https") || (scheme.equals("http") && loopback);
    }

    private static SluiceException malformed() {
        return new SluiceException(ErrorKind.INVALID_INPUT, "the state is not a Sluice relay state");
    }

    @Override
    public String toString() {
        return "RelayState[returnHost=" + returnUrl.getHost() + ", provider=" + providerHost + "]";
    }
}
