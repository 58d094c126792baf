package dev.sluice.core;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which HTTP proxy each outbound request goes through: one for https destinations, one for http destinations, and
 * the hosts that go direct. {@link #fromEnvironment} reads the environment exactly as curl does. Immutable and
 * thread-safe.
 *
 * @param https the proxy for https destinations, or null for direct
 * @param http the proxy for http destinations, or null for direct
 * @param noProxy curl's {@code NO_PROXY} entries: {@code *}, host names (matching the name and its subdomains; a
 *     leading dot changes nothing), IP addresses and CIDR ranges; no ports
 */
public record ProxySettings(HttpProxy https, HttpProxy http, List<String> noProxy) {
    /** No proxy: every request goes direct. */
    public static final ProxySettings NONE = new ProxySettings(null, null, List.of());

    public ProxySettings {
        noProxy = noProxy == null ? List.of() : noProxy.stream().map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).toList();
    }

    /** One proxy for every destination, except the {@code noProxy} entries. */
    public static ProxySettings of(HttpProxy proxy, List<String> noProxy) {
        return new ProxySettings(proxy, proxy, noProxy);
    }

    /**
     * The proxy settings of an environment, as curl reads them: {@code https_proxy} then {@code HTTPS_PROXY} for https
     * destinations; only the lower-case {@code http_proxy} for http ones (curl ignores {@code HTTP_PROXY}, which a
     * web server's CGI would let a client set through the {@code Proxy:} header); {@code all_proxy} then
     * {@code ALL_PROXY} when the scheme's own is not set; {@code no_proxy} then {@code NO_PROXY}, comma- or
     * space-separated. An empty variable counts as not set.
     */
    public static ProxySettings fromEnvironment(Map<String, String> env) {
        String[] https = first(env, "https_proxy", "HTTPS_PROXY");
        String[] http = first(env, "http_proxy");
        String[] all = first(env, "all_proxy", "ALL_PROXY");
        String[] no = first(env, "no_proxy", "NO_PROXY");
        HttpProxy httpsProxy = https != null ? HttpProxy.parse(https[1], https[0])
                : all != null ? HttpProxy.parse(all[1], all[0]) : null;
        HttpProxy httpProxy = http != null ? HttpProxy.parse(http[1], http[0])
                : all != null ? HttpProxy.parse(all[1], all[0]) : null;
        return new ProxySettings(httpsProxy, httpProxy, no == null ? List.of() : splitNoProxy(no[1]));
    }

    /** curl's {@code NO_PROXY} list: entries separated by commas and/or white space. */
    public static List<String> splitNoProxy(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String s : text.split("[,\\s]+")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    /** Whether no request would go through a proxy. */
    public boolean isDirect() {
        return https == null && http == null;
    }

    /** These settings with another list of hosts that go direct. */
    public ProxySettings withNoProxy(List<String> entries) {
        return new ProxySettings(https, http, entries);
    }

    /** The proxy a request to {@code url} goes through, or empty for direct. */
    public Optional<HttpProxy> proxyFor(URI url) {
        if (url == null || url.getHost() == null || url.getScheme() == null) {
            return Optional.empty();
        }
        HttpProxy p = "https".equalsIgnoreCase(url.getScheme()) ? https
                : "http".equalsIgnoreCase(url.getScheme()) ? http : null;
        if (p == null || bypasses(url.getHost())) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /**
     * Whether {@code host} goes direct (curl's {@code Curl_check_noproxy}): {@code *} matches every host; a name
     * entry matches that name and every name ending in {@code .entry}, case-insensitively, ignoring a leading dot of
     * the entry and a trailing dot of either; an IP entry matches that address, or, with {@code /bits}, the range.
     */
    public boolean bypasses(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        byte[] address = literal(name);
        for (String entry : noProxy) {
            if (entry.equals("*")) {
                return true;
            }
            String e = entry.startsWith("[") && entry.contains("]")
                    ? entry.substring(1, entry.indexOf(']')) + entry.substring(entry.indexOf(']') + 1) : entry;
            if (address != null) {
                if (ipMatches(address, e)) {
                    return true;
                }
                continue;
            }
            if (e.startsWith(".")) {
                e = e.substring(1);
            }
            if (e.endsWith(".")) {
                e = e.substring(0, e.length() - 1);
            }
            if (!e.isEmpty() && (name.equals(e) || name.endsWith("." + e))) {
                return true;
            }
        }
        return false;
    }

    private static boolean ipMatches(byte[] address, String entry) {
        int slash = entry.indexOf('/');
        byte[] net = literal(slash < 0 ? entry : entry.substring(0, slash));
        if (net == null || net.length != address.length) {
            return false;
        }
        int bits = net.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                // a NO_PROXY entry with a malformed prefix length matches nothing, as curl treats it
                return false;
            }
            if (bits < 0 || bits > net.length * 8) {
                return false;
            }
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((net[i / 8] & mask) != (address[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of an IP literal, or null when {@code s} is a name (never a DNS lookup). */
    static byte[] literal(String s) {
        boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = s.contains(":") && s.matches("[0-9a-f:.]+");
        if (!v4 && !v6 || v4 && java.util.Arrays.stream(s.split("\\.")).anyMatch(o -> Integer.parseInt(o) > 255)) {
            return null; // a name, or not an address (and never looked up in DNS)
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            // a literal address always parses; one that does not is not an address: the entry matches by name
            return null;
        }
    }

    private static String[] first(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                return new String[] {n, v};
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "ProxySettings[https=" + https + ", http=" + http + ", noProxy=" + noProxy + "]";
    }
}
