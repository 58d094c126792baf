package dev.sluice.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.core.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.owasp.encoder.Encode;

/**
 * The CLI's redirect target (RFC 8252 §7.3): listens on 127.0.0.1 on a random port, takes exactly one
 * callback on {@code /} (query string or {@code form_post}), shows the person a page saying they can
 * close the tab, and stops. Thread-safe.
 */
public final class LoopbackReceiver implements AutoCloseable {
    /** A callback larger than this is not an OAuth callback. */
    private static final int MAX_BODY = 64 * 1024;

    private final HttpServer server;
    private final CompletableFuture<Map<String, String>> result = new CompletableFuture<>();

    private LoopbackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts listening on 127.0.0.1 on a free port. */
    public static LoopbackReceiver start() {
        try {
            return new LoopbackReceiver();
        } catch (IOException e) {
            throw new OAuthException(ErrorKind.INTERNAL, null, 0, "could not listen on 127.0.0.1 for the sign-in "
                    + "callback: " + e.getMessage());
        }
    }

    /** {@code http://127.0.0.1:PORT/}: the redirect URI to send (Microsoft matches loopback on any port). */
    public URI redirectUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Waits for the callback's parameters; AUTH error when none came within {@code timeout}. */
    public Map<String, String> await(Duration timeout) {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new OAuthException(ErrorKind.AUTH, "timeout", 0, "no sign-in came back within "
                    + timeout.toSeconds() + " s; run the login again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuthException(ErrorKind.AUTH, "interrupted", 0, "the sign-in was interrupted", e);
        } catch (ExecutionException e) {
            throw new OAuthException(ErrorKind.INTERNAL, null, 0, "the sign-in callback failed", e);
        } finally {
            close();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String host = exchange.getRequestHeaders().getFirst("Host");
            boolean loopbackHost = host != null && (host.startsWith("127.0.0.1:") || host.startsWith("localhost:"));
            if (!"/".equals(path) || !loopbackHost || result.isDone()) {
                respond(exchange, 404, "Not found", "This address only takes one sign-in callback.");
                return;
            }
            Map<String, String> params = new LinkedHashMap<>(parse(exchange.getRequestURI().getRawQuery()));
            if ("POST".equals(exchange.getRequestMethod())) {
                try (InputStream in = exchange.getRequestBody()) {
                    byte[] body = in.readNBytes(MAX_BODY + 1);
                    if (body.length > MAX_BODY) {
                        respond(exchange, 413, "Too large", "The callback was too large.");
                        return;
                    }
                    params.putAll(parse(new String(body, StandardCharsets.UTF_8)));
                }
            }
            if (!params.containsKey("code") && !params.containsKey("error")) {
                respond(exchange, 400, "Not a sign-in callback", "This page expects the identity provider's answer.");
                return;
            }
            boolean ok = params.containsKey("code");
            respond(exchange, 200, ok ? "Signed in" : "Sign-in not completed", ok
                    ? "Sluice received the sign-in. You can close this tab and return to the terminal."
                    : "The sign-in did not complete. Return to the terminal to see why.");
            result.complete(params);
        }
    }

    private static Map<String, String> parse(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            } catch (IllegalArgumentException malformed) {
                // skip a malformed pair; the state check rejects a mangled callback
            }
        }
        return out;
    }

    private static void respond(HttpExchange exchange, int status, String title, String text) throws IOException {
        String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Sluice — " + Encode.forHtml(title)
                + "</title><style>body{font-family:system-ui,sans-serif;margin:4rem auto;max-width:32rem;"
                + "color:#1f2937}h1{font-size:1.4rem}</style></head><body><h1>" + Encode.forHtml(title) + "</h1><p>"
                + Encode.forHtml(text) + "</p></body></html>";
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
