package dev.sluice.emulator.internal.identity;

import dev.sluice.emulator.internal.identity.directory.AppRegistration;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * Redirect URI rules (fact sheet §F.6): a request's URI must match a registered one exactly, except
 * that on loopback ({@code http://127.0.0.1}, {@code http://localhost}) the port is ignored; a URI
 * without a path is used with a trailing {@code /}. Stateless.
 */
final class RedirectUris {
    private RedirectUris() {}

    static boolean registered(AppRegistration app, String requested) {
        return app.redirectUris().stream().anyMatch(r -> matches(r, requested));
    }

    static boolean matches(String registered, String requested) {
        if (registered.equals(requested)) {
            return true;
        }
        try {
            URI r = URI.create(registered);
            URI q = URI.create(requested);
            if (r.getHost() == null || q.getHost() == null || q.getRawFragment() != null) {
                return false;
            }
            boolean loopback = "http".equals(r.getScheme()) && Origins.loopback(r.getHost());
            return Objects.equals(r.getScheme(), q.getScheme())
                    && r.getHost().equalsIgnoreCase(q.getHost())
                    && (loopback || Origins.port(r) == Origins.port(q))
                    && path(r).equals(path(q))
                    && Objects.equals(r.getRawQuery(), q.getRawQuery())
                    && q.getRawUserInfo() == null;
        } catch (IllegalArgumentException e) {
            // not a URI: matches no registered redirect URI
            return false;
        }
    }

    /** The URI as the response is sent to: with a trailing {@code /} when it has no path. */
    static String normalized(String uri) {
        URI u = URI.create(uri);
        return u.getRawPath() == null || u.getRawPath().isEmpty()
                ? u.getScheme() + "://" + u.getRawAuthority() + "/" + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery())
                : uri;
    }

    /** The origin ({@code scheme://host:port}) of a URI, for the form-action policy of pages. */
    static String origin(String uri) {
        URI u = URI.create(uri);
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    /** {@code uri} with parameters added to its query ({@code ?}) or fragment ({@code #}). */
    static String withParameters(String uri, Map<String, String> params, boolean fragment) {
        StringBuilder sb = new StringBuilder(normalized(uri));
        char sep = fragment ? '#' : sb.indexOf("?") >= 0 ? '&' : '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            sb.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return sb.toString();
    }

    private static String path(URI u) {
        return u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
