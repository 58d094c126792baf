package dev.sluice.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP forward proxy on 127.0.0.1 for tests, counting what goes through it: {@code CONNECT host:port} opens a
 * tunnel (what clients do for https), an absolute-form request ({@code GET http://host:port/path}) is forwarded (what
 * they do for http). It can demand Basic credentials (answering 407 until they are right), refuse a destination
 * with a status, and route names to loopback ports, as a corporate proxy reaches hosts the client cannot (so a test
 * can talk to {@code https://contoso.crm.dynamics.com} and have the emulator answer). It connects to loopback only:
 * a destination neither routed nor on loopback gets 502, so no test traffic leaves the machine. Close it to stop.
 * Thread-safe.
 */
public final class TestProxy implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-proxy");
        t.setDaemon(true);
        return t;
    });
    private final String expectedAuthorization;
    private final List<String> tunnels = new CopyOnWriteArrayList<>();
    private final List<String> forwarded = new CopyOnWriteArrayList<>();
    private final AtomicInteger challenged = new AtomicInteger();
    private final Map<String, Integer> refusals = new ConcurrentHashMap<>();
    private final Map<String, Integer> routes = new ConcurrentHashMap<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private TestProxy(String user, String password) {
        this.expectedAuthorization = user == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::accept);
    }

    /** A proxy that asks for no credentials. */
    public static TestProxy start() {
        return new TestProxy(null, null);
    }

    /** A proxy that answers 407 to every request without these Basic credentials. */
    public static TestProxy withBasicAuth(String user, String password) {
        return new TestProxy(user, password);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT}: what HTTPS_PROXY is set to. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The targets ({@code host:port}) of the tunnels opened, in order. */
    public List<String> tunnels() {
        return List.copyOf(tunnels);
    }

    /** The URLs of the plain http requests forwarded, in order. */
    public List<String> forwarded() {
        return List.copyOf(forwarded);
    }

    /** How many requests were answered 407 (no or wrong credentials). */
    public int challenged() {
        return challenged.get();
    }

    /** Answers tunnels to {@code hostPort} with {@code status} instead of opening them. */
    public TestProxy refuse(String hostPort, int status) {
        refusals.put(hostPort.toLowerCase(Locale.ROOT), status);
        return this;
    }

    /** Sends what is for {@code hostPort} (e.g. {@code contoso.crm.dynamics.com:443}) to 127.0.0.1:{@code port}. */
    public TestProxy route(String hostPort, int port) {
        routes.put(hostPort.toLowerCase(Locale.ROOT), port);
        return this;
    }

    /** Where a destination is reached: its route, or itself when on loopback; null when neither. */
    private InetSocketAddress target(String host, int port) {
        Integer routed = routes.get(host + ":" + port);
        if (routed != null) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), routed);
        }
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
        return loopback ? new InetSocketAddress(host.equals("localhost") ? "127.0.0.1" : host, port) : null;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            if (requestLine.length != 3) {
                answer(out, 400, "Bad Request");
                return;
            }
            if (expectedAuthorization != null && !expectedAuthorization.equals(header(lines, "Proxy-Authorization"))) {
                challenged.incrementAndGet();
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            if (requestLine[0].equals("CONNECT")) {
                tunnel(requestLine[1], client, in, out);
            } else {
                forward(requestLine, lines, in, out);
            }
        } catch (IOException e) {
            // a side closed: the exchange is over
        }
    }

    private void tunnel(String target, Socket client, InputStream in, OutputStream out) throws IOException {
        String hostPort = target.toLowerCase(Locale.ROOT);
        Integer refusal = refusals.get(hostPort);
        if (refusal != null) {
            answer(out, refusal, "Refused");
            return;
        }
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        tunnels.add(target);
        InetSocketAddress to = target(host, port);
        if (to == null) {
            answer(out, 502, "Bad Gateway");
            return;
        }
        try (Socket upstream = new Socket()) {
            upstream.connect(to, 5000);
            open.add(upstream);
            out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var back = threads.submit(() -> pipe(upstream.getInputStream(), out, client));
            pipe(in, upstream.getOutputStream(), upstream);
            try {
                back.get();
            } catch (Exception e) {
                // the other direction ended too
            }
        } catch (IOException e) {
            answer(out, 502, "Bad Gateway");
        }
    }

    private void forward(String[] requestLine, String[] lines, InputStream in, OutputStream out) throws IOException {
        URI url = URI.create(requestLine[1]);
        forwarded.add(requestLine[1]);
        String host = url.getHost().toLowerCase(Locale.ROOT);
        int port = url.getPort() < 0 ? 80 : url.getPort();
        InetSocketAddress to = target(host, port);
        if (to == null) {
            answer(out, 502, "Bad Gateway");
            return;
        }
        try (Socket upstream = new Socket()) {
            upstream.connect(to, 5000);
            StringBuilder req = new StringBuilder(requestLine[0] + " " + (url.getRawPath().isEmpty() ? "/"
                    : url.getRawPath()) + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()) + " "
                    + requestLine[2] + "\r\n");
            long length = 0;
            for (int i = 1; i < lines.length; i++) {
                String name = lines[i].substring(0, Math.max(0, lines[i].indexOf(':'))).toLowerCase(Locale.ROOT);
                if (name.startsWith("proxy-") || name.equals("connection") || name.equals("keep-alive")) {
                    continue;
                }
                if (name.equals("content-length")) {
                    length = Long.parseLong(lines[i].substring(lines[i].indexOf(':') + 1).strip());
                }
                req.append(lines[i]).append("\r\n");
            }
            req.append("Connection: close\r\n\r\n");
            OutputStream up = upstream.getOutputStream();
            up.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            up.write(in.readNBytes((int) length));
            up.flush();
            InputStream down = upstream.getInputStream();
            String head = readHead(down);
            if (head == null) {
                answer(out, 502, "Bad Gateway");
                return;
            }
            StringBuilder resp = new StringBuilder();
            for (String l : head.split("\r\n")) {
                String lower = l.toLowerCase(Locale.ROOT);
                if (!lower.startsWith("connection:") && !lower.startsWith("keep-alive:")) {
                    resp.append(l).append("\r\n");
                }
            }
            resp.append("Connection: close\r\n\r\n");
            out.write(resp.toString().getBytes(StandardCharsets.ISO_8859_1));
            down.transferTo(out);
            out.flush();
        } catch (IOException e) {
            answer(out, 502, "Bad Gateway");
        }
    }

    private static Void pipe(InputStream from, OutputStream to, Socket closeWhenDone) {
        try {
            from.transferTo(to);
            to.flush();
        } catch (IOException e) {
            // one side closed
        } finally {
            try {
                closeWhenDone.shutdownOutput();
            } catch (IOException e) {
                // already closed
            }
        }
        return null;
    }

    private static void answer(OutputStream out, int status, String reason) throws IOException {
        out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String header(String[] lines, String name) {
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).equalsIgnoreCase(name)) {
                return lines[i].substring(colon + 1).strip();
            }
        }
        return null;
    }

    /** The request or response head up to the blank line, or null at end of stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        int c;
        while ((c = in.read()) != -1) {
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) ? state + 1 : (c == '\n' && (state == 1 || state == 3))
                    ? state + 1 : 0;
            if (state == 4) {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.substring(0, s.length() - 4);
            }
            if (b.size() > 64 * 1024) {
                return null;
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : new ArrayList<>(open)) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        threads.shutdownNow();
    }
}
