package dev.sluice.core;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP forward proxy: requests to https destinations go through it in a {@code CONNECT} tunnel, requests to
 * http destinations as absolute-form requests. With a user, it is sent Basic credentials when it asks (HTTP 407),
 * and only it. {@link #toString()} shows {@code http://user@host:port}, never the password. Immutable and
 * thread-safe.
 *
 * @param host the proxy's host name or IP address (IPv6 without brackets)
 * @param port the proxy's port
 * @param user the proxy user, or null for none
 * @param password the proxy password (only with a user), or null
 */
public record HttpProxy(String host, int port, String user, Secret password) {
    /** curl's default proxy port when a proxy URL names none ({@code CURL_DEFAULT_PROXY_PORT}). */
    public static final int DEFAULT_PORT = 1080;

    public HttpProxy {
        if (host == null || host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@')) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "a proxy needs a host name or address");
        }
        host = host.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (port < 1 || port > 65535) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "proxy port must be 1..65535, got " + port);
        }
        user = user == null || user.isEmpty() ? null : user;
        if (user == null && password != null) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "a proxy password needs a proxy user");
        }
    }

    /**
     * Reads a proxy URL as curl does: {@code [http://][user[:password]@]host[:port]}, the scheme {@code http} when
     * none is given, port {@value #DEFAULT_PORT} when none is given, user and password percent-decoded. HTTPS and
     * SOCKS proxies are refused (the JDK client speaks only to HTTP proxies). {@code where} names the setting in
     * error messages (e.g. {@code HTTPS_PROXY}); a message never repeats the password.
     */
    public static HttpProxy parse(String text, String where) {
        if (text == null || text.isBlank()) {
            throw invalid(where, "is empty; give http://host:port");
        }
        String t = text.strip();
        int sep = t.indexOf("://");
        String scheme = sep < 0 ? "http" : t.substring(0, sep).toLowerCase(Locale.ROOT);
        String rest = sep < 0 ? t : t.substring(sep + 3);
        if (!scheme.equals("http")) {
            throw invalid(where, "names a " + scheme + ":// proxy; Sluice speaks to HTTP proxies only "
                    + "(http://host:port, which tunnels https with CONNECT)");
        }
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String path = rest.substring(slash);
            if (!path.equals("/")) {
                throw invalid(where, "has a path; a proxy URL is http://[user[:password]@]host[:port]");
            }
            rest = rest.substring(0, slash);
        }
        String user = null;
        Secret password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String info = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon), where);
            if (colon >= 0) {
                password = Secret.of(decode(info.substring(colon + 1), where));
            }
        }
        URI hostPort;
        try {
            hostPort = new URI("http://" + rest);
        } catch (java.net.URISyntaxException e) {
            throw invalid(where, "is not http://host:port");
        }
        if (hostPort.getHost() == null || hostPort.getRawUserInfo() != null) {
            throw invalid(where, "is not http://host:port");
        }
        try {
            return new HttpProxy(hostPort.getHost(), hostPort.getPort() < 0 ? DEFAULT_PORT : hostPort.getPort(),
                    user, password == null || password.isEmpty() ? null : password);
        } catch (SluiceException e) {
            throw invalid(where, e.getMessage());
        }
    }

    /** The same proxy with this user and password (password may be null). */
    public HttpProxy withCredentials(String newUser, Secret newPassword) {
        return new HttpProxy(host, port, newUser, newPassword);
    }

    /** Whether Basic credentials are configured. */
    public boolean hasCredentials() {
        return user != null && password != null;
    }

    /** {@code http://host:port}: what a stored proxy password is bound to and what messages name. */
    public String address() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        String a = address();
        return user == null ? a : "http://" + user + (password == null ? "" : ":***") + "@" + a.substring(7);
    }

    private static String decode(String s, String where) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(where, "has a badly percent-encoded user or password");
        }
    }

    private static SluiceException invalid(String where, String what) {
        return new SluiceException(ErrorKind.INVALID_INPUT, (where == null ? "proxy" : where) + ": " + what);
    }
}
