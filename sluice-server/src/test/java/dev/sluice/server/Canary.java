package dev.sluice.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An attacker's server on loopback: records every request it gets (method, path, Authorization header, body) and
 * answers what the test says. A test asserts what reached it, or that nothing did.
 */
final class Canary implements AutoCloseable {
    /** One request as it arrived. */
    record Hit(String method, String path, String authorization, String body) {}

    /** What to answer: status, content type and body. */
    record Answer(int status, String type, String body) {}

    final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    Canary(Function<Hit, Answer> answer) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Hit hit = new Hit(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), body);
            hits.add(hit);
            Answer a = answer.apply(hit);
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", a.type());
            exchange.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    /** A canary answering every request 200 with an empty JSON object. */
    static Canary quiet() {
        return new Canary(h -> new Answer(200, "application/json", "{}"));
    }

    /** {@code http://127.0.0.1:PORT} */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
