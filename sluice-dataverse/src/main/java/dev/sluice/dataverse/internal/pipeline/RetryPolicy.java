package dev.sluice.dataverse.internal.pipeline;

import dev.sluice.dataverse.RetryOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resends requests that failed in a passing way: 429, 408, 500, 502, 503, 504, a dropped connection
 * or a timeout. Waits what the service says ({@code Retry-After} in seconds or as an HTTP date; a 429
 * pauses the whole identity through the {@link ThrottleGate}), otherwise backs off exponentially with
 * jitter; bounded in attempts and total wait. A write that is not retry-safe is resent only when the
 * service said it did not process it (429, 503).
 */
public final class RetryPolicy implements HttpPipelinePolicy {
    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    private final RetryOptions options;
    private final ThrottleGate gate;
    private final Clock clock;
    private final Sleeper sleeper;

    public RetryPolicy(RetryOptions options, ThrottleGate gate, Clock clock, Sleeper sleeper) {
        this.options = options;
        this.gate = gate;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public PipelineResponse process(PipelineRequest request, Next next) throws IOException {
        Duration waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            PipelineResponse response;
            try {
                response = next.send(request);
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                // outcome unknown: only a retry-safe request may be sent again
                if (!request.retrySafe() || attempt >= options.maxAttempts()) {
                    throw e;
                }
                Duration delay = backoff(attempt);
                if (waited.plus(delay).compareTo(options.maxTotalWait()) > 0) {
                    throw e;
                }
                LOG.atDebug().addKeyValue("attempt", attempt).addKeyValue("delayMs", delay.toMillis())
                        .addKeyValue("error", e.getClass().getSimpleName()).log("retrying after I/O failure");
                sleeper.sleep(delay);
                waited = waited.plus(delay);
                continue;
            }
            int status = response.status();
            if (!retryable(status, request) || attempt >= options.maxAttempts()) {
                return response;
            }
            Optional<Duration> retryAfter = retryAfter(response);
            Duration delay = retryAfter.isPresent() ? retryAfter.get() : backoff(attempt);
            if (status == 429) {
                gate.pauseUntil(clock.instant().plus(delay));
                delay = gate.remainingPause().compareTo(delay) > 0 ? gate.remainingPause() : delay;
            }
            if (waited.plus(delay).compareTo(options.maxTotalWait()) > 0) {
                return response;
            }
            LOG.atDebug().addKeyValue("attempt", attempt).addKeyValue("delayMs", delay.toMillis())
                    .addKeyValue("status", status).log("retrying");
            if (status == 429) {
                gate.recordWait(delay);
            }
            sleeper.sleep(delay);
            waited = waited.plus(delay);
        }
    }

    private static boolean retryable(int status, PipelineRequest request) {
        return switch (status) {
            case 429, 503 -> true; // the service did not process the request
            case 408, 500, 502, 504 -> request.retrySafe();
            default -> false;
        };
    }

    /** Full jitter: a random delay up to base × 2^(attempt-1), capped. */
    private Duration backoff(int attempt) {
        long cap = options.maxDelay().toMillis();
        long exp = options.baseDelay().toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        long ceiling = Math.max(1, Math.min(cap, exp));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    /** {@code Retry-After} as seconds or as an HTTP date (RFC 9110 §10.2.3). */
    private Optional<Duration> retryAfter(PipelineResponse response) {
        Optional<String> header = response.header("Retry-After");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String v = header.get().trim();
        try {
            double seconds = Double.parseDouble(v);
            return Optional.of(Duration.ofMillis((long) Math.max(0, seconds * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }
}
