package dev.sluice.relay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.sluice.core.RelayState;
import dev.sluice.core.ServerTls;
import dev.sluice.core.SluiceException;
import dev.sluice.relay.internal.Html;
import dev.sluice.relay.internal.RateLimit;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Sluice relay: a small, stateless service with one public redirect URI. The identity provider
 * sends the browser here; the relay reads the instance's return URL from the {@code state}, refuses
 * anything that is not https or loopback, asks the person to confirm hosts not on its allowlist, and
 * sends the browser on with an auto-submitting form POST (so the code never lands in a URL, a log or
 * a Referer). It never redeems a code (the PKCE verifier stays on the instance) and keeps only
 * aggregate counts per identity provider host. Thread-safe.
 */
public final class SluiceRelay implements AutoCloseable {
    /** A callback is a few hundred bytes; anything much larger is refused unread. */
    static final int MAX_INPUT = 16 * 1024;
    private static final List<String> FORWARDED = List.of("code", "state", "error", "error_description");
    private static final String AUTO_SUBMIT = "document.forms[0].submit();";

    private final RelayOptions options;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final RateLimit rate;
    private final RelayStats stats = new RelayStats();
    private final boolean https;

    private SluiceRelay(RelayOptions options, ServerTls tls) throws IOException {
        this.options = options;
        this.rate = new RateLimit(options.requestsPerSecond(), options.burst());
        this.https = tls != null;
        if (tls == null) {
            server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
        } else {
            HttpsServer s = HttpsServer.create(new InetSocketAddress(options.host(), options.port()), 64);
            s.setHttpsConfigurator(new HttpsConfigurator(tls.sslContext()));
            server = s;
        }
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    public static SluiceRelay start(RelayOptions options) {
        return start(options, null);
    }

    /**
     * Starts the relay serving https with {@code tls} (its certificate reloaded when the files change; responses carry
     * HSTS), or plain http when null (behind a TLS-terminating proxy).
     */
    public static SluiceRelay start(RelayOptions options, ServerTls tls) {
        try {
            return new SluiceRelay(options, tls);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the relay to " + options.host() + ":" + options.port(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Where it listens locally, e.g. {@code http://127.0.0.1:PORT} ({@code https} with TLS). */
    public URI localUrl() {
        return URI.create((https ? "https" : "http") + "://" + options.host() + ":" + port());
    }

    public RelayStats stats() {
        return stats;
    }

    private void serve(HttpExchange ex) {
        try (ex) {
            if (!rate.tryAcquire()) {
                html(ex, 429, Html.page("Too many requests", "<p>The relay is busy. Try the sign-in again in a "
                        + "moment.</p>"), null);
                return;
            }
            String path = ex.getRequestURI().getRawPath();
            switch (path) {
                case "/callback", "/continue" -> callback(ex, path.equals("/continue"));
                case "/stats" -> statsJson(ex);
                case "/health" -> text(ex, 200, "ok", "text/plain; charset=utf-8");
                case "/" -> html(ex, 200, Html.page("Sluice relay", "<p>This service forwards sign-in callbacks "
                        + "to the Sluice instance that started them. It keeps no codes, states, addresses or "
                        + "logs of them.</p>"), null);
                default -> html(ex, 404, Html.page("Not found", "<p>There is nothing here.</p>"), null);
            }
        } catch (IOException e) {
            // the browser went away; nothing to record
        }
    }

    private void callback(HttpExchange ex, boolean confirmed) throws IOException {
        Map<String, String> params;
        try {
            params = params(ex);
        } catch (IllegalArgumentException e) {
            stats.refused();
            html(ex, e.getMessage().startsWith("too large") ? 413 : 400, Html.page("Not a sign-in callback",
                    "<p>" + Html.escape(e.getMessage()) + "</p>"), null);
            return;
        }
        RelayState state;
        try {
            state = RelayState.decode(params.get("state"));
        } catch (SluiceException e) {
            stats.refused();
            html(ex, 400, Html.page("Not a sign-in callback", "<p>This request does not carry a Sluice sign-in "
                    + "(its state is missing or malformed), or its return address is not https or loopback. "
                    + "Nothing was forwarded.</p>"), null);
            return;
        }
        String host = state.returnUrl().getHost().toLowerCase(Locale.ROOT);
        if (!confirmed && !options.allowedHosts().contains(host)) {
            html(ex, 200, confirmPage(host, params), null);
            return;
        }
        stats.flow(state.providerHost());
        html(ex, 200, forwardPage(state.returnUrl(), params), state.returnUrl());
    }

    private static String confirmPage(String host, Map<String, String> params) {
        return Html.page("Continue to " + host + "?", "<p>The sign-in you just finished wants to return to "
                + "<b>" + Html.escape(host) + "</b>. Continue only if you started it from Sluice on that "
                + "machine.</p><form method=\"post\" action=\"/continue\">" + hidden(params)
                + "<button type=\"submit\">Continue to " + Html.escape(host) + "</button></form>");
    }

    private static String forwardPage(URI target, Map<String, String> params) {
        return Html.page("Returning to Sluice", "<form method=\"post\" action=\"" + Html.escape(target.toString())
                + "\">" + hidden(params) + "<noscript><button type=\"submit\">Continue</button></noscript></form>"
                + "<p>Returning you to Sluice…</p><script>" + AUTO_SUBMIT + "</script>");
    }

    private static String hidden(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        for (String name : FORWARDED) {
            String v = params.get(name);
            if (v != null) {
                sb.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(Html.escape(v))
                        .append("\">");
            }
        }
        return sb.toString();
    }

    private void statsJson(HttpExchange ex) throws IOException {
        StringBuilder sb = new StringBuilder("{\"flows\":{");
        boolean first = true;
        for (Map.Entry<String, Long> e : stats.flows().entrySet()) {
            sb.append(first ? "" : ",").append('"').append(e.getKey().replace("\"", "")).append("\":")
                    .append(e.getValue());
            first = false;
        }
        sb.append("},\"refused\":").append(stats.refusedCount()).append('}');
        text(ex, 200, sb.toString(), "application/json");
    }

    /** The callback's parameters from the query and, for form_post, the body; bounded in size. */
    private static Map<String, String> params(HttpExchange ex) throws IOException {
        String query = ex.getRequestURI().getRawQuery();
        String body = "";
        if ("POST".equals(ex.getRequestMethod())) {
            try (InputStream in = ex.getRequestBody()) {
                byte[] b = in.readNBytes(MAX_INPUT + 1);
                if (b.length > MAX_INPUT) {
                    throw new IllegalArgumentException("too large: a callback is at most " + MAX_INPUT + " bytes");
                }
                body = new String(b, StandardCharsets.UTF_8);
            }
        } else if (!"GET".equals(ex.getRequestMethod())) {
            throw new IllegalArgumentException("a callback is a GET or a form POST");
        }
        if (query != null && query.length() > MAX_INPUT) {
            throw new IllegalArgumentException("too large: a callback is at most " + MAX_INPUT + " bytes");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String raw : new String[] {query, body}) {
            if (raw == null || raw.isEmpty()) {
                continue;
            }
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (FORWARDED.contains(k) && out.putIfAbsent(k, v) != null) {
                    throw new IllegalArgumentException("the parameter '" + k + "' appears twice");
                }
            }
        }
        if (!out.containsKey("code") && !out.containsKey("error")) {
            throw new IllegalArgumentException("a sign-in callback carries a code or an error");
        }
        return out;
    }

    private void html(HttpExchange ex, int status, String body, URI formTarget) throws IOException {
        send(ex, status, body, "text/html; charset=utf-8", formTarget);
    }

    private void text(HttpExchange ex, int status, String body, String type) throws IOException {
        send(ex, status, body, type, null);
    }

    private void send(HttpExchange ex, int status, String body, String type, URI formTarget)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var h = ex.getResponseHeaders();
        h.set("Content-Type", type);
        h.set("Cache-Control", "no-store");
        h.set("Referrer-Policy", "no-referrer");
        h.set("X-Frame-Options", "DENY");
        h.set("X-Content-Type-Options", "nosniff");
        if (https || "https".equals(options.publicUrl().getScheme())) {
            h.set("Strict-Transport-Security", "max-age=31536000"); // RFC 6797: a year, as browsers' preload lists ask
        }
        String formAction = formTarget == null ? "'self'"
                : formTarget.getScheme() + "://" + formTarget.getRawAuthority();
        h.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; script-src '"
                + scriptHash() + "'; form-action " + formAction + "; frame-ancestors 'none'; base-uri 'none'");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String scriptHash() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(AUTO_SUBMIT.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
