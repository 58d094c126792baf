package dev.sluice.http;

import dev.sluice.core.Backoff;
import dev.sluice.core.DataverseHeaders;
import dev.sluice.core.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resends requests that failed in a passing way: 429, 408, 500, 502, 503, 504, a dropped connection
 * or a timeout. Waits what the service says ({@code Retry-After} in seconds or as an HTTP date; a 429
 * or 503 pauses the whole identity through the {@link ThrottleGate}), otherwise backs off exponentially with
 * jitter; bounded in attempts and total wait. A write that is not retry-safe is resent only when the
 * service said it did not process it (429, 503), or when it was never sent (no token could be had:
 * {@link IdentityUnavailableException}). A response that follows an attempt whose outcome is unknown
 * (dropped connection, timeout, 500/502/504) is marked so ({@link PipelineResponse#afterUnknownOutcome()}):
 * the caller then knows a "duplicate" may be its own earlier attempt. Every attempt, first or retry,
 * goes through the
 * identity's {@link RequestBudget}, so once the request limit is spent one probe at a time learns when
 * to go on instead of every request in flight being refused.
 */
public final class RetryPolicy implements HttpPipelinePolicy {
    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);
    /**
     * While no token can be had, the identity provider is asked again at least this often: one token request
     * each, so the request goes out soon after it answers again. Such attempts were never sent, so they count
     * against the total wait but not the attempts.
     */
    static final Duration IDENTITY_PROBE_INTERVAL = Duration.ofSeconds(5);

    private final RetryOptions options;
    private final ThrottleGate gate;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Backoff backoff;

    public RetryPolicy(RetryOptions options, ThrottleGate gate, Clock clock, Sleeper sleeper) {
        this.options = options;
        this.backoff = options.backoff();
        this.gate = gate;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public PipelineResponse process(PipelineRequest request, Next next) throws IOException {
        Duration waited = Duration.ZERO;
        // the pause known when the request reached the gate has been waited out there
        Instant covered = gate.pausedUntil();
        boolean unknown = false;
        int unsent = 0;
        for (int attempt = 1; ; attempt++) {
            int attemptNo = attempt;
            RequestBudget.Attempt slot = gate.budget().acquire();
            PipelineResponse response = null;
            Duration throttled = null;
            try {
                // a 429 that came while this attempt waited for the budget paused the identity: wait it out
                Instant until = gate.pausedUntil();
                if (until.isAfter(covered)) {
                    Duration pause = Duration.between(clock.instant(), until);
                    covered = until;
                    if (!pause.isNegative() && !pause.isZero()) {
                        gate.recordWait(pause);
                        sleeper.sleep(pause);
                    }
                }
                response = next.send(request);
                if (pausesIdentity(response.status())) {
                    // pause the identity before the budget lets the next probe out
                    throttled = retryAfter(response).orElseGet(() -> backoff(attemptNo));
                    gate.pauseUntil(clock.instant().plus(throttled));
                    covered = gate.pausedUntil();
                }
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                // outcome unknown, unless it was never sent: only a retry-safe request may be sent again
                boolean notSent = e instanceof IdentityUnavailableException;
                unknown |= !notSent;
                unsent += notSent ? 1 : 0;
                if (!(request.retrySafe() || notSent) || (!notSent && attempt - unsent >= options.maxAttempts())) {
                    throw e;
                }
                Duration delay = notSent ? min(backoff(unsent), IDENTITY_PROBE_INTERVAL) : backoff(attempt - unsent);
                if (waited.plus(delay).compareTo(options.maxTotalWait()) > 0) {
                    throw e;
                }
                LOG.atDebug().addKeyValue("attempt", attempt).addKeyValue("delayMs", delay.toMillis())
                        .addKeyValue("error", e.getClass().getSimpleName()).log("retrying after I/O failure");
                sleeper.sleep(delay);
                waited = waited.plus(delay);
                continue;
            } finally {
                gate.budget().complete(slot, response == null ? -1 : response.status(),
                        response == null ? OptionalLong.empty()
                                : RequestBudget.parse(response.header(DataverseHeaders.BURST_REMAINING)));
            }
            int status = response.status();
            if (!retryable(status, request) || attempt - unsent >= options.maxAttempts()) {
                return response.afterUnknownOutcome(unknown);
            }
            Duration delay;
            if (pausesIdentity(status)) {
                Duration remaining = gate.remainingPause();
                delay = remaining.compareTo(throttled) > 0 ? remaining : throttled;
            } else {
                delay = retryAfter(response).orElseGet(() -> backoff(attemptNo));
            }
            if (waited.plus(delay).compareTo(options.maxTotalWait()) > 0) {
                return response.afterUnknownOutcome(unknown);
            }
            // a 500/502/504 may come after the service did the work
            unknown |= status == 500 || status == 502 || status == 504;
            LOG.atDebug().addKeyValue("attempt", attempt).addKeyValue("delayMs", delay.toMillis())
                    .addKeyValue("status", status).log("retrying");
            if (status == 429) {
                gate.recordWait(delay);
            }
            sleeper.sleep(delay);
            waited = waited.plus(delay);
        }
    }

    /**
     * A 429 (the identity's limit) or a 503 (the service cannot take requests now) is an answer about every request
     * of the identity, not this one alone: the identity pauses for the wait it gives, and then one probe at a time
     * learns whether it may go on ({@link RequestBudget}), instead of every request in flight being refused and each
     * retrying on its own into the same outage.
     */
    static boolean pausesIdentity(int status) {
        return status == 429 || status == 503;
    }

    private static boolean retryable(int status, PipelineRequest request) {
        return switch (status) {
            case 429, 503 -> true; // the service did not process the request
            case 408, 500, 502, 504 -> request.retrySafe();
            default -> false;
        };
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private Duration backoff(int attempt) {
        return backoff.delay(attempt);
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
                // neither seconds nor an HTTP date: ignore the header and back off
                return Optional.empty();
            }
        }
    }
}
