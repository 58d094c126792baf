package dev.sluice.http;

import dev.sluice.core.DataverseHeaders;
import dev.sluice.core.Sleeper;
import java.io.IOException;
import java.time.Duration;

/**
 * Holds each request at the identity's gate: waits out a pause another request's 429 started, then
 * takes one of the identity's concurrency slots for the whole request (retries included).
 */
public final class ThrottleGatePolicy implements HttpPipelinePolicy {
    private final ThrottleGate gate;
    private final Sleeper sleeper;

    public ThrottleGatePolicy(ThrottleGate gate, Sleeper sleeper) {
        this.gate = gate;
        this.sleeper = sleeper;
    }

    @Override
    public PipelineResponse process(PipelineRequest request, Next next) throws IOException {
        Duration pause = gate.remainingPause();
        if (!pause.isZero()) {
            gate.recordWait(pause);
            sleeper.sleep(pause);
        }
        gate.acquire();
        try {
            PipelineResponse response = next.send(request);
            response.header(DataverseHeaders.DOP_HINT).ifPresent(h -> {
                try {
                    gate.applyDopHint(Integer.parseInt(h.trim()));
                } catch (NumberFormatException ignored) {
                    // a malformed hint is ignored; the configured bound stays
                }
            });
            return response;
        } finally {
            gate.release();
        }
    }
}
