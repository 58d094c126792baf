package dev.sluice.core;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where Sluice may send requests: an allowlist of hosts. Microsoft's public and sovereign cloud hosts (Dataverse and
 * Entra ID) are on it by default; anything else only when someone allowed to (an admin of the server, the owner of a
 * CLI's store, the code that builds a client) adds it. A request to a host not on the list is refused, and so is a
 * host that is or resolves to a private, loopback or link-local address unless its entry allows that. Plain
 * {@code http} is allowed only to loopback. The checks run before any connection is made.
 * Immutable and thread-safe.
 */
public final class OutboundPolicy {
    /**
     * Microsoft's hosts (fact sheet A.1, F.1): Dataverse in the commercial cloud ({@code *.dynamics.com}), US
     * Government GCC High and DoD, China (21Vianet), and the Entra ID authorities of those clouds.
     */
    public static final List<OutboundHost> MICROSOFT = List.of(
            new OutboundHost("*.dynamics.com", null, false),
            new OutboundHost("*.microsoftdynamics.us", null, false),
            new OutboundHost("*.appsplatform.us", null, false),
            new OutboundHost("*.dynamics.cn", null, false),
            new OutboundHost("login.microsoftonline.com", null, false),
            new OutboundHost("login.microsoftonline.us", null, false),
            new OutboundHost("login.partner.microsoftonline.cn", null, false));

    /**
     * This machine's loopback addresses, any port: what a single-user process (the CLI, a library user) may reach
     * anyway, so its policy allows them (the emulator runs there). A server never allows them implicitly.
     */
    public static final List<OutboundHost> LOOPBACK = List.of(
            new OutboundHost("127.0.0.1", null, true),
            new OutboundHost("localhost", null, true),
            new OutboundHost("::1", null, true));

    /** How host names are resolved for the address check; tests give a fixed table. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final List<OutboundHost> allowed;
    private final Resolver resolver;

    private OutboundPolicy(List<OutboundHost> allowed, Resolver resolver) {
        this.allowed = List.copyOf(allowed);
        this.resolver = resolver;
    }

    /** Microsoft's hosts only. */
    public static OutboundPolicy microsoft() {
        return new OutboundPolicy(MICROSOFT, InetAddress::getAllByName);
    }

    /** Microsoft's hosts and these. */
    public static OutboundPolicy microsoftAnd(Collection<OutboundHost> more) {
        return microsoft().with(more);
    }

    /**
     * Microsoft's hosts and the origins (host and port) of these URLs, named by the code that builds a client (a
     * library user who gives an org URL allows that org, loopback included).
     */
    public static OutboundPolicy origins(URI... urls) {
        List<OutboundHost> hosts = new ArrayList<>();
        for (URI u : urls) {
            if (u != null && u.getHost() != null) {
                hosts.add(new OutboundHost(bare(u.getHost()), port(u), true));
            }
        }
        return microsoft().with(hosts);
    }

    /** This policy with more hosts allowed. */
    public OutboundPolicy with(Collection<OutboundHost> more) {
        List<OutboundHost> all = new ArrayList<>(allowed);
        all.addAll(more);
        return new OutboundPolicy(all, resolver);
    }

    /** This policy resolving host names with {@code r} (for tests). */
    public OutboundPolicy resolvingWith(Resolver r) {
        return new OutboundPolicy(allowed, r);
    }

    /** The allowlist, defaults first. */
    public List<OutboundHost> allowed() {
        return allowed;
    }

    /**
     * Why a request to {@code url} would be refused by the list alone (scheme, host and port; no DNS), or empty when
     * the list allows it. For checking settings when they are entered.
     */
    public Optional<String> refusal(URI url) {
        return entryFor(url).isPresent() ? Optional.empty() : Optional.of(reason(url));
    }

    /**
     * Checks a request about to be sent: the list, then the addresses the host is or resolves to. Throws FORBIDDEN
     * naming the destination (scheme, host, port; never a path or query) and what to do; nothing has been sent then.
     */
    public void check(URI url) {
        check(url, false);
    }

    /**
     * As {@link #check(URI)}, for a request that goes through an HTTP proxy when {@code viaProxy}: the proxy, not this
     * machine, resolves the name then, and networks that send everything through a proxy often cannot resolve outside
     * names here. So a name that does not resolve here is left to the proxy (the list still decides); one that
     * resolves is held to the same address checks.
     */
    public void check(URI url, boolean viaProxy) {
        OutboundHost entry = entryFor(url).orElseThrow(() -> refused(url, reason(url)));
        if (entry.privateAddresses()) {
            return;
        }
        String host = bare(url.getHost()).toLowerCase(Locale.ROOT);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            if (viaProxy) {
                return;
            }
            throw new SluiceException(ErrorKind.TRANSIENT,
                    "cannot resolve " + host + "; check the name and the network", e);
        }
        for (InetAddress a : addresses) {
            if (!isPublic(a)) {
                throw refused(url, host + " resolves to the non-public address " + a.getHostAddress()
                        + "; an admin must allow private addresses for this host explicitly");
            }
        }
    }

    /** Whether an address is on the public internet (not loopback, private, link-local, CGNAT, ULA, multicast…). */
    public static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second < 128) // RFC 6598 shared (CGNAT)
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0)       // RFC 6890 IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19))           // RFC 2544 benchmarking
                    && first < 240;                                                // reserved and broadcast
        }
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc; // RFC 4193 unique local fc00::/7
        }
        return false;
    }

    private Optional<OutboundHost> entryFor(URI url) {
        if (url == null || url.getHost() == null || url.getScheme() == null) {
            return Optional.empty();
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        String host = bare(url.getHost()).toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && isLoopbackName(host))) {
            return Optional.empty();
        }
        int port = port(url);
        return allowed.stream().filter(e -> e.matches(host, port)).findFirst();
    }

    private static String reason(URI url) {
        if (url == null || url.getHost() == null) {
            return "it has no host";
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && isLoopbackName(bare(url.getHost())))) {
            return "it must use https (plain http only to 127.0.0.1 or localhost)";
        }
        return bare(url.getHost()) + (url.getPort() < 0 ? "" : ":" + url.getPort()) + " is not on the outbound "
                + "allowlist (Microsoft's cloud hosts and the hosts an admin added)";
    }

    private static SluiceException refused(URI url, String why) {
        return new SluiceException(ErrorKind.FORBIDDEN, "outbound request to " + origin(url) + " refused before "
                + "connecting: " + why);
    }

    /** scheme://host[:port] of a URL: what messages show of a destination. */
    public static String origin(URI url) {
        if (url == null || url.getHost() == null) {
            return "(no host)";
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    private static boolean isLoopbackName(String host) {
        return host.equals("localhost") || host.equals("::1") || host.startsWith("127.")
                && OutboundHost.isLiteral(host);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "http".equalsIgnoreCase(u.getScheme()) ? 80 : 443;
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
