package dev.sluice.core;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of the outbound allowlist: a host name, an IP address or a {@code *.suffix} of names, with an optional
 * port (none: any port). {@code privateAddresses} lets the host be (or resolve to) a private, loopback or link-local
 * address; it is always true for an IP literal or {@code localhost}, which whoever added the entry named on purpose.
 * Immutable and thread-safe.
 *
 * @param host lower-case host name, IP literal (IPv6 without brackets) or {@code *.suffix}
 * @param port the only port allowed, or null for any
 * @param privateAddresses whether the host may be or resolve to a non-public address
 */
public record OutboundHost(String host, Integer port, boolean privateAddresses) {
    /** RFC 1123 names: labels of letters, digits and hyphens; a leading {@code *.} for a suffix. */
    private static final Pattern NAME = Pattern.compile("(\\*\\.)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)"
            + "(\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*");

    public OutboundHost {
        if (host == null || host.isBlank()) {
            throw invalid("an outbound host is required, e.g. login.example.com, *.example.com or 127.0.0.1:7070");
        }
        host = host.strip().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.length() > 253 || !(NAME.matcher(host).matches() || IPV4.matcher(host).matches()
                || IPV6.matcher(host).matches())) {
            throw invalid("'" + clean(host) + "' is not a host name, IP address or *.suffix");
        }
        if (host.startsWith("*.") && host.indexOf('.', 2) < 0) {
            throw invalid("'" + host + "' is too wide: a wildcard needs at least two labels after it, e.g. *.example.com");
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw invalid("port " + port + " of outbound host '" + host + "' is not 1..65535");
        }
        privateAddresses = privateAddresses || isLiteral(host) || host.equals("localhost");
    }

    /**
     * An entry from text: {@code host}, {@code host:port}, {@code [v6]:port}, {@code *.suffix}, or a URL whose
     * host and explicit port are taken.
     */
    public static OutboundHost parse(String text, boolean privateAddresses) {
        if (text == null || text.isBlank()) {
            throw invalid("an outbound host is required, e.g. login.example.com, *.example.com or 127.0.0.1:7070");
        }
        String t = text.strip();
        if (t.contains("://")) {
            URI u;
            try {
                u = URI.create(t);
            } catch (IllegalArgumentException e) {
                throw invalid("'" + clean(t) + "' is not a URL");
            }
            if (u.getHost() == null) {
                throw invalid("'" + clean(t) + "' has no host");
            }
            return new OutboundHost(strip(u.getHost()), u.getPort() < 0 ? null : u.getPort(), privateAddresses);
        }
        Integer port = null;
        String host = t;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw invalid("'" + clean(t) + "' opens an IPv6 bracket it does not close");
            }
            host = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (rest.startsWith(":")) {
                port = port(t, rest.substring(1));
            } else if (!rest.isEmpty()) {
                throw invalid("'" + clean(t) + "' is not host[:port]");
            }
        } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
            host = t.substring(0, t.indexOf(':'));
            port = port(t, t.substring(t.indexOf(':') + 1));
        }
        return new OutboundHost(host, port, privateAddresses);
    }

    /** Whether this entry covers a request to {@code requestHost} (lower case, no brackets) on {@code requestPort}. */
    public boolean matches(String requestHost, int requestPort) {
        if (port != null && port != requestPort) {
            return false;
        }
        if (host.startsWith("*.")) {
            return !isLiteral(requestHost) && requestHost.endsWith(host.substring(1));
        }
        return host.equals(requestHost);
    }

    /** {@code host}, {@code host:port} or {@code [v6]:port}: the form it is stored and shown in. */
    public String wireName() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return port == null ? h : h + ":" + port;
    }

    /** Whether a host text is an IP literal (IPv4 dotted, or IPv6). */
    public static boolean isLiteral(String host) {
        return IPV4.matcher(host).matches() || (host.contains(":") && IPV6.matcher(host).matches());
    }

    private static Integer port(String text, String port) {
        try {
            return Integer.valueOf(port);
        } catch (NumberFormatException e) {
            throw invalid("'" + clean(text) + "' has a port that is not a number");
        }
    }

    private static String strip(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String clean(String s) {
        String c = s.replaceAll("\\p{Cntrl}", "?");
        return c.length() > 80 ? c.substring(0, 80) + "…" : c;
    }

    private static SluiceException invalid(String message) {
        return new SluiceException(ErrorKind.INVALID_INPUT, message);
    }
}
