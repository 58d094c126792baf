package dev.sluice.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One {@code sluice serve} node as its own process ({@code java -cp <test classpath> dev.sluice.cli.SluiceCommand
 * --store-url … serve …}, what the runnable jar runs) on a free loopback port, its output in a file. Not thread-safe.
 */
final class ClusterNodeProcess implements AutoCloseable {
    /** The heap a node gets: what the rest of the client side runs with. */
    static final String HEAP = "-Xmx256m";

    final String name;
    final int port;
    final Path log;
    private final List<String> command;
    private final Map<String, String> env;
    private Process process;

    /**
     * @param extra further {@code serve} options
     */
    ClusterNodeProcess(String name, String storeUrl, Path home, Path logDir, Map<String, String> env, List<String> extra)
            throws IOException {
        this.name = name;
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        this.log = logDir.resolve(name + ".log");
        Path logback = logDir.resolve("logback-node.xml");
        if (!Files.exists(logback)) {
            // the server's run and takeover lines (INFO), everything else from WARN up
            Files.writeString(logback, """
                    <configuration>
                      <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
                      </appender>
                      <logger name="dev.sluice.server" level="INFO"/>
                      <logger name="dev.sluice.flow" level="INFO"/>
                      <root level="WARN"><appender-ref ref="OUT"/></root>
                    </configuration>
                    """, StandardCharsets.UTF_8);
        }
        this.command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-Dlogback.configurationFile=" + logback, "-cp", System.getProperty("java.class.path"),
                "dev.sluice.cli.SluiceCommand", "--store-url", storeUrl, "serve", "--port", String.valueOf(port),
                "--node-name", name));
        this.command.addAll(extra);
        this.env = new java.util.HashMap<>(env);
        this.env.put("SLUICE_HOME", home.toString());
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the process (its output appended to {@link #log}). */
    ClusterNodeProcess start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        process = pb.start();
        return this;
    }

    /** Waits until {@code /health} answers (the node is serving); fails at once when the process exits. */
    ClusterNodeProcess awaitHealthy(HttpClient http, Duration atMost) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                    .failFast(name + " exited", () -> !process.isAlive()).until(() -> healthy(http));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " did not answer /health within " + atMost + ": " + output(), e);
        } catch (RuntimeException e) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ": " + output(), e);
            }
            throw e;
        }
        return this;
    }

    private boolean healthy(HttpClient http) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base() + "/health")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    /** SIGKILL: the process dies at once, holding whatever it held. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the JVM runs its shutdown hook (the server drains); answers whether it exited within the wait. */
    boolean terminate(Duration wait) throws InterruptedException {
        process.destroy();
        return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (alive()) {
            kill();
        }
    }
}
