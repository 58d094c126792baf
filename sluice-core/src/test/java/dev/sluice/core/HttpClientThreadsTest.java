package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JDK HttpClient's selector thread, which sits in native code and so held the JVM's exit up to 0.3 s, is stopped
 * before the process exits. Run in a JVM of its own: stopping the selectors of this test JVM would break the other
 * tests' clients.
 */
class HttpClientThreadsTest {

    @Test
    void theHttpClientsSelectorThreadIsStoppedBeforeTheProcessExits() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Probe.class.getName()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the probe ends").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains("selectors before: 1", "still alive after: 0");
        assertThat(p.exitValue()).as(out).isEqualTo(7);
    }

    /** Sends one request on loopback, stops the selectors, reports, exits with 7. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            HttpClient client = HttpClient.newHttpClient();
            int status = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.getAddress().getPort() + "/")).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            server.stop(0);
            long selectors = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().matches("HttpClient-\\d+-SelectorManager") && t.isAlive()).count();
            System.out.println("status " + status + ", selectors before: " + selectors);
            System.out.println("still alive after: " + HttpClientThreads.stopSelectors(Duration.ofSeconds(10)));
            System.out.flush();
            System.exit(7);
        }
    }
}
