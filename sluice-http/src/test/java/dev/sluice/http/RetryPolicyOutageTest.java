package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** A 503 is an answer about the whole service: the identity pauses and probes, as after a 429. */
class RetryPolicyOutageTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (a, b) -> true);

    @org.junit.jupiter.api.Test
    void a503PausesTheIdentityForTheBackOffAndLetsOneProbeOutAfterIt() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        ThrottleGate gate = new ThrottleGate(clock, 8);
        RequestBudget.Attempt inFlight = gate.budget().acquire(); // another request of the identity, on the wire
        List<Duration> slept = new ArrayList<>();
        List<Integer> answers = new ArrayList<>(List.of(503, 204));
        RetryPolicy retry = new RetryPolicy(new RetryOptions(5, Duration.ofSeconds(2), Duration.ofSeconds(8),
                Duration.ofMinutes(1)), gate, clock, slept::add);
        PipelineResponse[] seen = new PipelineResponse[1];
        PipelineResponse last = retry.process(PipelineRequest.get(URI.create("https://org.example/api/data/v9.2/x")),
                request -> {
                    if (seen[0] != null) {
                        // the retry: the identity was paused for the back-off, and the budget lets out probes only
                        assertThat(gate.pausedUntil()).isAfter(NOW);
                        assertThat(gate.budget().available()).isLessThanOrEqualTo(0);
                    }
                    seen[0] = new PipelineResponse(answers.remove(0), NONE, new byte[0]);
                    if (seen[0].status() == 503) {
                        // the request on the wire is answered before the probe may go
                        gate.budget().complete(inFlight, 204, OptionalLong.empty());
                    }
                    return seen[0];
                });
        assertThat(last.status()).isEqualTo(204);
        assertThat(slept).hasSize(1);
        assertThat(gate.pausedUntil()).isEqualTo(NOW.plus(slept.get(0)));
        // the probe got through without a figure: nothing is held back any more
        assertThat(gate.budget().acquire().probe()).isFalse();
    }
}
