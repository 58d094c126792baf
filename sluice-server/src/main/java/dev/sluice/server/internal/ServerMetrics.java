package dev.sluice.server.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The server's Prometheus metrics: HTTP requests by route and status, Dataverse calls by status, time spent
 * waiting on Dataverse throttling per connection, token refreshes, rows read and written, and this node's flow runs
 * (held now, its run limit, runs ended by outcome, runs taken over from nodes that stopped answering). Every series
 * carries the label {@code node}, so one Prometheus can scrape every node of a cluster. Thread-safe.
 */
public final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter rowsRead;
    private final Counter rowsWritten;
    private final Counter tokenRefreshes;
    private final Counter takeovers;
    private final boolean connectionNames;

    /** A single node's metrics (node label {@code local}). */
    public ServerMetrics(boolean connectionNames) {
        this(connectionNames, "local");
    }

    /**
     * @param connectionNames label per-connection series with names (else ids, so names do not leak)
     * @param node this node's name, the {@code node} label of every series
     */
    public ServerMetrics(boolean connectionNames, String node) {
        this.connectionNames = connectionNames;
        registry.config().commonTags("node", node);
        rowsRead = Counter.builder("sluice.rows.read").description("rows read from Dataverse").register(registry);
        rowsWritten = Counter.builder("sluice.rows.written")
                .description("rows created, updated, upserted or deleted in Dataverse").register(registry);
        tokenRefreshes = Counter.builder("sluice.token.refreshes")
                .description("access tokens obtained or refreshed for connections").register(registry);
        takeovers = Counter.builder("sluice.flow.run.takeovers")
                .description("flow runs this node took over from a node that stopped answering").register(registry);
    }

    /** Exposes this node's run limit and the runs it holds now (read when scraped). */
    public void node(int runLimit, Supplier<Integer> held) {
        io.micrometer.core.instrument.Gauge.builder("sluice.node.run.limit", () -> runLimit)
                .description("flow runs this node runs at once at most").register(registry);
        io.micrometer.core.instrument.Gauge.builder("sluice.node.runs.held", held::get)
                .description("flow runs this node holds now").register(registry);
    }

    /** This node took a run over. */
    public void takeover() {
        takeovers.increment();
    }

    /** A run this node held ended: {@code succeeded}, {@code failed}, {@code cancelled} or {@code released}. */
    public void runEnded(String outcome) {
        Counter.builder("sluice.flow.runs").description("flow runs this node ended, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    /** One HTTP request served. */
    public void request(String method, String route, int status, Duration took) {
        Timer.builder("sluice.http.requests").tag("method", method).tag("route", route)
                .tag("status", String.valueOf(status)).register(registry).record(took);
    }

    /** One HTTP call to Dataverse answered with {@code status} (0: no answer). */
    public void dataverseCall(int status) {
        Counter.builder("sluice.dataverse.calls").tag("status", String.valueOf(status)).register(registry).increment();
    }

    /** The label of a connection's series: its name when configured, else its id. */
    public String label(dev.sluice.store.Connection c) {
        return connectionNames ? c.name() : c.id().toString();
    }

    /** Exposes a connection's total throttle wait, read when scraped. */
    public void throttleWait(String connection, Supplier<Duration> total) {
        FunctionCounter.builder("sluice.dataverse.throttle.wait.seconds", total,
                        t -> t.get().toNanos() / 1e9)
                .description("time spent waiting on Dataverse service protection limits")
                .tag("connection", connection).register(registry);
    }

    public void rowsRead(long n) {
        rowsRead.increment(n);
    }

    public void rowsWritten(long n) {
        rowsWritten.increment(n);
    }

    public void tokenRefreshed() {
        tokenRefreshes.increment();
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
