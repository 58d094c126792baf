package dev.sluice.emulator.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.FaultSpec;
import dev.sluice.emulator.IdentityStats;
import dev.sluice.emulator.ServiceLimits;
import dev.sluice.emulator.Wire;
import dev.sluice.testclock.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceProtectionWireTest {
    /** The demo user's systemuserid: the identity limits are counted against. */
    static final String DEMO = "a1b2c3d4-e5f6-4789-9abc-def012345678";

    final MutableClock clock = MutableClock.startingAt("2026-01-05T09:00:00Z"); // a whole second: windows start on a bucket
    Wire wire;

    Wire start(ServiceLimits limits) {
        wire = Wire.start(Emulator.builder().noAuth(true).clock(clock).limits(limits));
        return wire;
    }

    @AfterEach
    void stop() {
        wire.close();
    }

    static ServiceLimits requests(int max, Duration window) {
        return new ServiceLimits(max, window, Duration.ofMinutes(20), 52, 4);
    }

    @Test
    void requestsOverTheLimitGet429WithRetryAfterAndTheRequestLimitError() {
        start(requests(5, Duration.ofSeconds(2)));
        for (int i = 4; i >= 0; i--) {
            HttpResponse<String> ok = wire.get("WhoAmI");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("x-ms-ratelimit-burst-remaining-xrm-requests")).hasValue(Integer.toString(i));
        }
        HttpResponse<String> r = wire.get("WhoAmI");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; odata.metadata=minimal");
        assertThat(r.headers().firstValue("x-ms-service-request-id")).isPresent();
        assertThat(r.body()).isEqualTo("{\"error\":{\"code\":\"0x80072322\",\"message\":\"Number of requests exceeded "
                + "the limit of 5 over time window of 2 seconds.\"}}");
    }

    @Test
    void theWindowSlidesSoRequestsAreAdmittedAgainOnceItHasPassed() {
        start(requests(5, Duration.ofSeconds(2)));
        for (int i = 0; i < 5; i++) {
            wire.get("");
        }
        assertThat(wire.get("").statusCode()).isEqualTo(429);
        clock.advance(Duration.ofMillis(1990));
        assertThat(wire.get("").statusCode()).isEqualTo(429);
        clock.advance(Duration.ofMillis(10));
        HttpResponse<String> r = wire.get("");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-ms-ratelimit-burst-remaining-xrm-requests"))
                .as("the rejected request at 1.99 s is still in the window").hasValue("3");
    }

    @Test
    void continuingToSendWhileThrottledExtendsRetryAfter() {
        start(requests(5, Duration.ofSeconds(2)));
        for (int i = 0; i < 6; i++) {
            wire.get("WhoAmI");
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(wire.get("WhoAmI").headers().firstValue("Retry-After")).hasValue("1");
        for (int i = 0; i < 4; i++) {
            wire.get("WhoAmI");
        }
        assertThat(wire.get("WhoAmI").headers().firstValue("Retry-After")).hasValue("2");
        clock.advance(Duration.ofSeconds(1));
        assertThat(wire.get("WhoAmI").statusCode()).as("the hammering itself keeps the window full").isEqualTo(429);
        clock.advance(Duration.ofSeconds(2));
        assertThat(wire.get("WhoAmI").statusCode()).isEqualTo(200);
    }

    @Test
    void rejectedRequestsAreNotCountedAsAccepted() {
        Wire w = start(requests(3, Duration.ofSeconds(10)));
        for (int i = 0; i < 7; i++) {
            w.get("WhoAmI");
        }
        IdentityStats s = w.emulator().stats().identity(DEMO);
        assertThat(s.accepted()).isEqualTo(3);
        assertThat(s.rejectedByRequests()).isEqualTo(4);
        assertThat(s.rejected()).isEqualTo(4);
        assertThat(s.inFlight()).isZero();
        assertThat(w.emulator().stats().count("GET", "/api/data/v9.2/WhoAmI", 429)).isEqualTo(4);
    }

    @Test
    void normalResponsesCarryTheRateLimitAndParallelismHeaders() {
        start(ServiceLimits.DATAVERSE_DEFAULTS);
        HttpResponse<String> r = wire.get("WhoAmI");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-ms-ratelimit-burst-remaining-xrm-requests")).hasValue("5999");
        assertThat(r.headers().firstValue("x-ms-ratelimit-time-remaining-xrm-requests").orElseThrow())
                .matches("1,(199|200)\\.\\d\\d");
        assertThat(r.headers().firstValue("x-ms-dop-hint")).hasValue("4");
        assertThat(wire.get("").headers().firstValue("x-ms-ratelimit-burst-remaining-xrm-requests")).hasValue("5998");
    }

    @Test
    void combinedExecutionTimeOverTheLimitGets429WithTheExecutionTimeError() {
        Wire w = start(new ServiceLimits(100, Duration.ofSeconds(60), Duration.ofSeconds(1), 52, 4));
        w.emulator().faults().add(FaultSpec.delay(Duration.ofMillis(600)).times(2).pathRegex("/WhoAmI$"));
        String left = w.get("WhoAmI").headers().firstValue("x-ms-ratelimit-time-remaining-xrm-requests").orElseThrow();
        assertThat(Double.parseDouble(left)).as("at most 1 s - 0.6 s is left").isLessThanOrEqualTo(0.40);
        HttpResponse<String> second = w.get("WhoAmI");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("x-ms-ratelimit-time-remaining-xrm-requests")).hasValue("0.00");

        HttpResponse<String> r = w.get("WhoAmI");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("60");
        JsonNode error = Wire.json(r).get("error");
        assertThat(error.get("code").asText()).isEqualTo("0x80072321");
        assertThat(error.get("message").asText()).isEqualTo("Combined execution time of incoming requests exceeded "
                + "limit of 1,000 milliseconds over time window of 60 seconds. Decrease number of concurrent requests "
                + "or reduce the duration of requests and try again later.");
        assertThat(w.emulator().stats().identity(DEMO).rejectedByExecutionTime()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(60));
        assertThat(w.get("WhoAmI").statusCode()).isEqualTo(200);
    }

    @Test
    void concurrentRequestsOverTheLimitAreRejectedAtOnce() {
        Wire w = start(new ServiceLimits(100, Duration.ofSeconds(60), Duration.ofMinutes(20), 3, 4));
        w.emulator().faults().add(FaultSpec.delay(Duration.ofSeconds(3)).times(3).pathRegex("/WhoAmI$"));
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            slow.add(CompletableFuture.supplyAsync(() -> w.get("WhoAmI")));
        }
        await("three requests are in flight").until(() -> w.emulator().stats().identity(DEMO).inFlight() == 3);

        HttpResponse<String> r = w.get("");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(r.body()).isEqualTo("{\"error\":{\"code\":\"0x80072326\",\"message\":\"Number of concurrent "
                + "requests exceeded the limit of 3.\"}}");
        for (CompletableFuture<HttpResponse<String>> f : slow) {
            assertThat(f.join().statusCode()).isEqualTo(200);
        }
        IdentityStats s = w.emulator().stats().identity(DEMO);
        assertThat(s.rejectedByConcurrency()).isEqualTo(1);
        assertThat(s.accepted()).isEqualTo(3);
        assertThat(w.get("").statusCode()).isEqualTo(200);
    }

    @Test
    void changingTheLimitsAtRuntimeStartsTheWindowsAfresh() {
        Wire w = start(requests(2, Duration.ofSeconds(60)));
        w.get("");
        w.get("");
        assertThat(w.get("").statusCode()).isEqualTo(429);
        w.emulator().limits(requests(10, Duration.ofSeconds(60)));
        HttpResponse<String> r = w.get("");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-ms-ratelimit-burst-remaining-xrm-requests")).hasValue("9");
        assertThat(w.emulator().limits().maxRequests()).isEqualTo(10);
    }
}
