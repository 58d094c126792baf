package dev.sluice.store.internal;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.net.URI;

/**
 * Shared input checks for the store's records; each failure is an {@link ErrorKind#INVALID_INPUT}
 * {@link SluiceException} whose message names the field and what is allowed. Stateless, thread-safe.
 */
public final class Checks {
    private Checks() {}

    /** A new INVALID_INPUT exception with the message. */
    public static SluiceException invalid(String message) {
        return new SluiceException(ErrorKind.INVALID_INPUT, message);
    }

    /** The value, or an INVALID_INPUT error saying the field is required. */
    public static <T> T required(T value, String field) {
        if (value == null) {
            throw invalid(field + " is required");
        }
        return value;
    }

    /** The trimmed text, or an INVALID_INPUT error when it is null, blank, too long or has control characters. */
    public static String text(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw invalid(field + " is required and must not be blank");
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw invalid(field + " is " + trimmed.length() + " characters long; at most " + maxLength + " are allowed");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw invalid(field + " must not contain control characters (line breaks, tabs)");
        }
        return trimmed;
    }

    /** Like {@link #text} but null stays null. */
    public static String optionalText(String value, String field, int maxLength) {
        return value == null ? null : text(value, field, maxLength);
    }

    /** A URI shown in messages: scheme, host, port and path only, never a query string or user info. */
    public static String safe(URI uri) {
        if (uri == null) {
            return "null";
        }
        String host = uri.getHost() == null ? "" : uri.getHost();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() == null ? "'" + path + "'" : uri.getScheme() + "://" + host + port + path;
    }

    /** A URL typed by a person, shown in messages without its query string or fragment. */
    public static String safe(String url) {
        if (url == null) {
            return "null";
        }
        int cut = url.length();
        for (char c : new char[] {'?', '#', ';'}) {
            int i = url.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        String shown = url.substring(0, cut);
        int at = shown.indexOf('@');
        int scheme = shown.indexOf("://");
        if (at > 0 && scheme >= 0 && at > scheme) {
            shown = shown.substring(0, scheme + 3) + shown.substring(at + 1);
        }
        return shown;
    }

    /** Parses an absolute URI or fails naming the field. */
    public static URI uri(String value, String field) {
        try {
            URI uri = new URI(text(value, field, 2048));
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw invalid(field + " '" + safe(value) + "' must be an absolute URL with a host, e.g. https://login.example.com");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw invalid(field + " '" + safe(value) + "' is not a valid URL: " + e.getReason());
        }
    }

    /** Whether the host is a loopback name or address ({@code localhost}, {@code 127.0.0.1}). */
    public static boolean isLoopback(String host) {
        return "localhost".equalsIgnoreCase(host) || "127.0.0.1".equals(host);
    }

    /**
     * An endpoint URL: https anywhere, or http on loopback (RFC 8252 §7.3 and fact sheet F.6: only loopback
     * may use plain http). No user info, query or fragment. Null stays null.
     */
    public static URI endpoint(URI uri, String field) {
        if (uri == null) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw invalid(field + " '" + safe(uri) + "' must be an absolute URL, e.g. https://login.example.com/oauth2/token");
        }
        boolean ok = scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost()));
        if (!ok) {
            throw invalid(field + " '" + safe(uri) + "' must use https (plain http is allowed only on 127.0.0.1 or localhost)");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw invalid(field + " '" + safe(uri) + "' must not contain user info or a #fragment");
        }
        return uri;
    }
}
