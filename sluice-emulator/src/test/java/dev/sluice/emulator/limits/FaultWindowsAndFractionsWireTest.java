package dev.sluice.emulator.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.FaultSpec;
import dev.sluice.emulator.Wire;
import dev.sluice.testclock.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Faults that last for a time (outages, storms) or hit a share of requests (a flaky network). */
class FaultWindowsAndFractionsWireTest {
    static final String WHO_AM_I = "/api/data/v9.2/WhoAmI";
    static final MutableClock CLOCK = MutableClock.startingAt("2026-01-05T09:00:00Z"); // a whole second: windows start on a bucket
    static Wire wire;

    @BeforeAll
    static void start() {
        wire = Wire.start(Emulator.builder().noAuth(true).clock(CLOCK));
    }

    @AfterAll
    static void stop() {
        wire.close();
    }

    @AfterEach
    void clearFaults() {
        wire.emulator().faults().clear();
        wire.emulator().stats().reset();
    }

    @Test
    void aFaultWithAWindowHitsEveryMatchingRequestUntilTheWindowHasPassed() {
        wire.emulator().faults().add(FaultSpec.status(503).during(Duration.ofSeconds(30)).pathPrefix(WHO_AM_I));
        for (int i = 0; i < 25; i++) {
            assertThat(wire.get("WhoAmI").statusCode()).isEqualTo(503);
        }
        CLOCK.advance(Duration.ofSeconds(29));
        assertThat(wire.get("WhoAmI").statusCode()).isEqualTo(503);
        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(wire.get("WhoAmI").statusCode()).isEqualTo(200);
        assertThat(wire.emulator().faults().list()).isEmpty();
    }

    @Test
    void aFaultWithAFractionHitsAboutThatShareOfMatchingRequests() {
        wire.emulator().faults().add(FaultSpec.status(503).fraction(0.2).times(FaultSpec.UNLIMITED)
                .pathPrefix(WHO_AM_I));
        int failed = 0;
        for (int i = 0; i < 400; i++) {
            if (wire.get("WhoAmI").statusCode() == 503) {
                failed++;
            }
        }
        // the draws come from a fixed seed: 80 expected, and a binomial spread of ±3 sigma is 56..104
        assertThat(failed).isBetween(56, 104);
        assertThat(wire.emulator().stats().webApiSent()).isEqualTo(400);
        assertThat(wire.emulator().stats().webApiAccepted()).isEqualTo(400 - failed);
    }

    @Test
    void theAdminApiArmsFaultsWithAFractionAndADuration() {
        HttpResponse<String> r = wire.send("POST", wire.emulator().baseUrl() + "/_emulator/faults",
                "{\"kind\":\"drop-before-response\",\"fraction\":0.05,\"durationMs\":60000,\"path\":\"/api/data/\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode f = Wire.json(r);
        assertThat(f.get("fraction").asDouble()).isEqualTo(0.05);
        assertThat(f.get("durationMs").asLong()).isEqualTo(60000);
        assertThat(f.get("times").isNull()).isTrue();
        assertThat(wire.emulator().faults().list()).singleElement().satisfies(a -> {
            assertThat(a.spec().times()).isEqualTo(FaultSpec.UNLIMITED);
            assertThat(a.spec().window()).isEqualTo(Duration.ofMinutes(1));
        });
        HttpResponse<String> bad = wire.send("POST", wire.emulator().baseUrl() + "/_emulator/faults",
                "{\"kind\":\"status\",\"status\":503,\"fraction\":1.5}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("fault fraction must be above 0 and at most 1, got 1.5");
    }

    @Test
    void theStatsCountWebApiRequestsSentAndAccepted() {
        wire.emulator().faults().add(FaultSpec.status(503).times(2).pathPrefix(WHO_AM_I));
        for (int i = 0; i < 5; i++) {
            wire.get("WhoAmI");
        }
        wire.get("nothing-here");
        JsonNode stats = Wire.json(wire.send("GET", wire.emulator().baseUrl() + "/_emulator/stats", null));
        assertThat(stats.at("/webApi/sent").asLong()).isEqualTo(6);
        // the 404 was answered by the service: accepted; the two 503s were not
        assertThat(stats.at("/webApi/accepted").asLong()).isEqualTo(4);
    }
}
