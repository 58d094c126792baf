package dev.sluice.emulator.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.sluice.core.ServerTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real HTTP for the emulator on the JDK's built-in server: turns each exchange into an
 * {@link ApiRequest}, runs the handler, and writes the {@link ApiResponse} (or misbehaves as a fault
 * asks). Thread-safe.
 */
public final class EmulatorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatorServer.class);
    /** Dataverse rejects requests over 128 MB; the emulator stops reading there too. */
    private static final int MAX_BODY = 128 * 1024 * 1024;
    /** More workers than Dataverse's concurrency limit (52), so the limit can be exceeded and answered. */
    private static final int WORKERS = 96;

    static {
        // The JDK server writes the headers and the body in separate packets; without TCP_NODELAY,
        // Nagle's algorithm and the client's delayed ACK add ~40 ms to every response (measured: 1000
        // sequential requests took 45 s instead of 2 s). Read once, when the JDK server first loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String scheme;

    public EmulatorServer(String host, int port, Handler handler) throws IOException {
        this(host, port, handler, null);
    }

    /** With {@code tls}, serves https with its certificate (reloaded when its files change), else plain http. */
    public EmulatorServer(String host, int port, Handler handler, ServerTls tls) throws IOException {
        if (tls == null) {
            server = HttpServer.create(new InetSocketAddress(host, port), 256);
        } else {
            HttpsServer https = HttpsServer.create(new InetSocketAddress(host, port), 256);
            https.setHttpsConfigurator(new HttpsConfigurator(tls.sslContext()));
            server = https;
        }
        this.scheme = tls == null ? "http" : "https";
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "emulator-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        executor = Executors.newFixedThreadPool(WORKERS, threads);
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, handler, scheme));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http} or {@code https}. */
    public String scheme() {
        return scheme;
    }

    private static void serve(HttpExchange exchange, Handler handler, String scheme) {
        try (exchange) {
            ApiRequest request = toRequest(exchange, scheme);
            ApiResponse response = request == null
                    ? ApiResponse.text(413, "text/plain", "Request body too large")
                    : handler.handle(request);
            write(exchange, request, response);
        } catch (IOException e) {
            LOG.debug("connection closed while serving: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure in the emulator's HTTP layer", e);
        }
    }

    private static ApiRequest toRequest(HttpExchange exchange, String scheme) throws IOException {
        HeaderMap headers = new HeaderMap();
        for (Map.Entry<String, List<String>> e : exchange.getRequestHeaders().entrySet()) {
            for (String v : e.getValue()) {
                headers.add(e.getKey(), v);
            }
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            return null;
        }
        String rawPath = exchange.getRequestURI().getRawPath();
        String host = headers.first("Host");
        if (host == null || host.isBlank()) {
            host = "127.0.0.1:" + exchange.getLocalAddress().getPort();
        }
        String origin = scheme + "://" + host;
        return new ApiRequest(exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT), rawPath,
                exchange.getRequestURI().getRawQuery(), headers, body, origin, null);
    }

    private static void write(HttpExchange exchange, ApiRequest request, ApiResponse response) throws IOException {
        byte[] body = response.body();
        boolean head = request != null && request.method().equals("HEAD");
        boolean noBody = response.status() == 204 || response.status() == 304 || head;
        boolean cutBody = response.fault() == ApiResponse.Fault.DROP_MID_BODY;
        if (response.fault() == ApiResponse.Fault.DROP_BEFORE_RESPONSE || (cutBody && (noBody || body.length == 0))) {
            // a body-less response has no middle to cut: drop it before the headers too
            throw new IOException("fault: connection dropped before the response");
        }
        for (Map.Entry<String, List<String>> e : response.headers().asMap().entrySet()) {
            for (String v : e.getValue()) {
                exchange.getResponseHeaders().add(e.getKey(), v);
            }
        }
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length == 0 ? -1 : body.length);
        if (noBody || body.length == 0) {
            return;
        }
        OutputStream out = exchange.getResponseBody();
        if (cutBody) {
            out.write(body, 0, body.length / 2);
            out.flush();
            throw new IOException("fault: connection dropped mid-body");
        }
        out.write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            // stopping anyway: keep the interrupt for the caller; the workers were told to stop
            Thread.currentThread().interrupt();
        }
    }
}
