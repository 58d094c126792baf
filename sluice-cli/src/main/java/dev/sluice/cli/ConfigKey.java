package dev.sluice.cli;

import dev.sluice.core.HttpProxy;
import dev.sluice.core.ProxySettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One setting of {@code sluice.yaml}: its dotted name ({@code server.port}), what values it takes, its default, and
 * the {@code SLUICE_…} environment variable that overrides it (the name in upper case with dots and dashes as
 * underscores). Secrets are never printed. Immutable.
 *
 * @param name dotted key, e.g. {@code server.tls.cert}
 * @param type what values it takes
 * @param defaultValue the value when nothing sets it, as text, or null for none
 * @param description one line for {@code sluice config check} and the example file
 */
record ConfigKey(String name, Type type, String defaultValue, String description) {
    /** What a key takes, and how text becomes a value (IllegalArgumentException says what is wrong). */
    enum Type {
        TEXT, PORT, BOOLEAN, URL, PATH, LIST, SECRET, SIZE, PROXY, COUNT, DURATION;

        Object parse(String text) {
            String t = text.strip();
            return switch (this) {
                case TEXT -> {
                    if (t.isEmpty()) {
                        throw new IllegalArgumentException("must not be empty");
                    }
                    yield t;
                }
                case SECRET -> {
                    if (text.isEmpty()) {
                        throw new IllegalArgumentException("must not be empty");
                    }
                    yield text;
                }
                case PORT -> {
                    int p = number(t, "a port number 0..65535");
                    if (p < 0 || p > 65535) {
                        throw new IllegalArgumentException("must be a port number 0..65535, got " + t);
                    }
                    yield p;
                }
                case COUNT -> {
                    int n = number(t, "a whole number 1..1000000");
                    if (n < 1 || n > 1_000_000) {
                        throw new IllegalArgumentException("must be a whole number 1..1000000, got " + t);
                    }
                    yield n;
                }
                case SIZE -> {
                    long n;
                    try {
                        n = Long.parseLong(t.replace("_", ""));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("must be a size in bytes (e.g. 1048576), got '"
                                + clean(t) + "'");
                    }
                    if (n < 1) {
                        throw new IllegalArgumentException("must be at least 1 byte, got " + t);
                    }
                    yield n;
                }
                case BOOLEAN -> switch (t.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on", "1" -> true;
                    case "false", "no", "off", "0" -> false;
                    default -> throw new IllegalArgumentException("must be true or false, got '" + clean(t) + "'");
                };
                case URL -> {
                    URI u;
                    try {
                        u = new URI(t);
                    } catch (java.net.URISyntaxException e) {
                        throw new IllegalArgumentException("must be a URL, got '" + clean(t) + "'", e);
                    }
                    if (u.getScheme() == null || u.getHost() == null) {
                        throw new IllegalArgumentException("must be an absolute URL such as https://sluice.example.com, "
                                + "got '" + clean(t) + "'");
                    }
                    yield u;
                }
                case PATH -> {
                    if (t.isEmpty()) {
                        throw new IllegalArgumentException("must be a path");
                    }
                    yield Path.of(t);
                }
                case LIST -> {
                    List<String> items = new ArrayList<>();
                    for (String s : t.split("[,\\s]+")) {
                        if (!s.isBlank()) {
                            items.add(s.strip());
                        }
                    }
                    yield List.copyOf(items);
                }
                case DURATION -> {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)")
                            .matcher(t.toLowerCase(Locale.ROOT));
                    if (!m.matches()) {
                        throw new IllegalArgumentException("must be a number and a unit (ms, s, m or h), e.g. 30s or "
                                + "2m, got '" + clean(t) + "'");
                    }
                    long n = Long.parseLong(m.group(1));
                    yield switch (m.group(2)) {
                        case "ms" -> java.time.Duration.ofMillis(n);
                        case "s" -> java.time.Duration.ofSeconds(n);
                        case "m" -> java.time.Duration.ofMinutes(n);
                        default -> java.time.Duration.ofHours(n);
                    };
                }
                case PROXY -> {
                    String lower = t.toLowerCase(Locale.ROOT);
                    if (lower.equals("direct") || lower.equals("none")) {
                        yield ProxySettings.NONE;
                    }
                    try {
                        yield HttpProxy.parse(t, "proxy");
                    } catch (dev.sluice.core.SluiceException e) {
                        throw new IllegalArgumentException(e.getMessage().replaceFirst("^proxy: ", ""));
                    }
                }
            };
        }

        /** Text as shown in a message: control characters replaced, long text cut. */
        static String clean(String t) {
            String c = t.replaceAll("\\p{Cntrl}", "?");
            return c.length() > 80 ? c.substring(0, 77) + "..." : c;
        }

        private static int number(String t, String what) {
            try {
                return Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be " + what + ", got '" + clean(t) + "'", e);
            }
        }
    }

    /** Every key, in the order {@code sluice config check} prints them. */
    static final List<ConfigKey> ALL = List.of(
            new ConfigKey("store.url", Type.TEXT, null,
                    "PostgreSQL store (jdbc:postgresql://host:5432/db); default: the H2 file in SLUICE_HOME"),
            new ConfigKey("store.user", Type.TEXT, null, "PostgreSQL user"),
            new ConfigKey("store.password", Type.SECRET, null, "PostgreSQL password"),
            new ConfigKey("server.host", Type.TEXT, "127.0.0.1", "bind address of sluice serve"),
            new ConfigKey("server.port", Type.PORT, "8080", "port of sluice serve"),
            new ConfigKey("server.public-url", Type.URL, null,
                    "URL people reach the server at (base of OAuth redirect URIs); https marks cookies Secure"),
            new ConfigKey("server.trusted-proxy", Type.BOOLEAN, "false", "a TLS-terminating reverse proxy is in front"),
            new ConfigKey("server.flows", Type.PATH, null, "folder of flow files (*.yaml) to show, run and schedule"),
            new ConfigKey("server.allow-hosts", Type.LIST, null,
                    "hosts outbound requests may also go to (not stored), e.g. 127.0.0.1:7070"),
            new ConfigKey("server.tls.cert", Type.PATH, null, "PEM certificate chain: serve https (reloaded on change)"),
            new ConfigKey("server.tls.key", Type.PATH, null, "PEM private key of server.tls.cert"),
            new ConfigKey("server.max-body-size", Type.SIZE, "1048576", "largest JSON or form request body, bytes"),
            new ConfigKey("server.max-import-size", Type.SIZE, "1073741824", "largest bulk import body, bytes"),
            new ConfigKey("server.node-name", Type.TEXT, null,
                    "this node's name among the servers sharing the store; default: host name and port"),
            new ConfigKey("server.max-runs", Type.COUNT, "4", "flow runs this node runs at once at most (1..64)"),
            new ConfigKey("server.lease-time", Type.DURATION, "30s",
                    "how long a silent node keeps its flow runs before other nodes take them over (1s or more)"),
            new ConfigKey("metrics.token", Type.SECRET, null, "bearer token a scraper sends to /metrics (16+ chars)"),
            new ConfigKey("metrics.management-port", Type.PORT, null,
                    "serve /metrics and /health on this port of 127.0.0.1 instead"),
            new ConfigKey("metrics.connection-names", Type.BOOLEAN, "false",
                    "label per-connection metrics with names instead of ids"),
            new ConfigKey("outbound.proxy", Type.PROXY, null,
                    "HTTP proxy of every outbound request (http://host:port, or direct); default: HTTPS_PROXY etc."),
            new ConfigKey("outbound.proxy-user", Type.TEXT, null, "proxy user (Basic authentication)"),
            new ConfigKey("outbound.proxy-password", Type.SECRET, null, "proxy password"),
            new ConfigKey("outbound.no-proxy", Type.LIST, null, "hosts that go direct (as NO_PROXY); default: NO_PROXY"),
            new ConfigKey("outbound.ca", Type.PATH, null,
                    "extra trusted CAs: PEM file, directory of PEM files, or PKCS#12 trust store"),
            new ConfigKey("outbound.ca-password", Type.SECRET, null, "password of a PKCS#12 outbound.ca"),
            new ConfigKey("relay.public-url", Type.URL, null, "the relay's callback as registered (sluice relay)"),
            new ConfigKey("relay.host", Type.TEXT, "127.0.0.1", "bind address of sluice relay"),
            new ConfigKey("relay.port", Type.PORT, "8090", "port of sluice relay"),
            new ConfigKey("relay.allow-hosts", Type.LIST, null, "instance hosts forwarded to without a confirmation page"),
            new ConfigKey("relay.rate", Type.COUNT, "20", "requests per second of sluice relay"),
            new ConfigKey("relay.tls.cert", Type.PATH, null, "PEM certificate chain: the relay serves https"),
            new ConfigKey("relay.tls.key", Type.PATH, null, "PEM private key of relay.tls.cert"));

    /** The environment variable that overrides this key. */
    String environmentVariable() {
        return "SLUICE_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    boolean secret() {
        return type == Type.SECRET;
    }

    /** The key with this name, or null. */
    static ConfigKey named(String name) {
        for (ConfigKey k : ALL) {
            if (k.name.equals(name)) {
                return k;
            }
        }
        return null;
    }
}
