package dev.sluice.emulator.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.ServiceLimits;
import dev.sluice.emulator.Wire;
import dev.sluice.emulator.WireLatency;
import dev.sluice.testclock.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The latency profile on real HTTP: each request waits one round trip, then the Web API request's server time
 * (per request, per record written singly, per bulk record), and that server time counts into the
 * execution-time limit. A recording sleeper stands in for sleeping.
 */
class WireLatencyWireTest {
    static final WireLatency PROFILE = WireLatency.parse("rtt=40ms,request=20ms,write=40ms,bulk=10ms");
    static final String ACCOUNT = "\"@odata.type\":\"Microsoft.Dynamics.CRM.account\"";

    final RecordingSleeper sleeper = new RecordingSleeper();
    final MutableClock clock = MutableClock.startingAt("2026-01-05T09:00:00Z");
    Wire wire;

    Wire start(WireLatency latency, ServiceLimits limits) {
        wire = Wire.start(Emulator.builder().noAuth(true).clock(clock).limits(limits).latency(latency)
                .sleeper(sleeper));
        return wire;
    }

    @AfterEach
    void stop() {
        wire.close();
    }

    static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    static double secondsLeft(HttpResponse<String> r) {
        return Double.parseDouble(r.headers().firstValue("x-ms-ratelimit-time-remaining-xrm-requests").orElseThrow()
                .replace(",", ""));
    }

    @Test
    void aReadWaitsTheRoundTripAndTheRequestsServerTime() {
        start(PROFILE, ServiceLimits.DATAVERSE_DEFAULTS);
        assertThat(wire.get("WhoAmI").statusCode()).isEqualTo(200);
        assertThat(sleeper.take()).containsExactly(ms(40), ms(20));
    }

    @Test
    void aSingleWriteAddsOneRecordsServerTimeAndCountsItAsExecutionTime() {
        start(PROFILE, ServiceLimits.DATAVERSE_DEFAULTS);
        HttpResponse<String> r = wire.call("POST", "accounts", "{\"name\":\"one\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        assertThat(sleeper.take()).containsExactly(ms(40), ms(60));
        assertThat(secondsLeft(r)).as("1,200 s less the 60 ms of server time (and the real work)")
                .isLessThanOrEqualTo(1199.94);
    }

    @Test
    void aBulkMessageCostsTheRequestAndEachTargetAtTheBulkRate() {
        start(PROFILE, ServiceLimits.DATAVERSE_DEFAULTS);
        StringBuilder targets = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            targets.append(i == 0 ? "" : ",").append("{").append(ACCOUNT).append(",\"name\":\"bulk ").append(i)
                    .append("\"}");
        }
        HttpResponse<String> r = wire.call("POST", "accounts/Microsoft.Dynamics.CRM.UpsertMultiple",
                "{\"Targets\":[" + targets + "]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        assertThat(sleeper.take()).containsExactly(ms(40), ms(20 + 5 * 10));
    }

    @Test
    void eachWriteOperationOfABatchCostsARecordWrittenSingly() {
        start(PROFILE, ServiceLimits.DATAVERSE_DEFAULTS);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            body.append("--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                    .append("PATCH /api/data/v9.2/accounts(").append(UUID.randomUUID()).append(") HTTP/1.1\r\n")
                    .append("Content-Type: application/json\r\n\r\n{\"name\":\"batch ").append(i).append("\"}\r\n");
        }
        body.append("--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                .append("GET /api/data/v9.2/WhoAmI HTTP/1.1\r\n\r\n\r\n--b--\r\n");
        HttpResponse<String> r = wire.call("POST", "$batch", body.toString(), "Content-Type",
                "multipart/mixed; boundary=b");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(sleeper.take()).as("three upserts and a read in one request")
                .containsExactly(ms(40), ms(20 + 3 * 40));
    }

    @Test
    void serverTimeTripsTheExecutionTimeLimitAsDataverseWould() {
        ServiceLimits oneSecond = new ServiceLimits(6000, Duration.ofMinutes(5), Duration.ofSeconds(1), 52, 4);
        start(WireLatency.parse("request=600ms"), oneSecond);
        assertThat(wire.get("WhoAmI").statusCode()).isEqualTo(200);
        assertThat(wire.get("WhoAmI").statusCode()).as("0.6 s used: still within 1 s").isEqualTo(200);
        HttpResponse<String> r = wire.get("WhoAmI");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(Wire.json(r).get("error").get("code").asText()).isEqualTo("0x80072321");
        assertThat(sleeper.take()).as("a refused request takes no server time").containsExactly(ms(600), ms(600));
        clock.advance(Duration.ofMinutes(5));
        assertThat(wire.get("WhoAmI").statusCode()).as("the window has passed").isEqualTo(200);
    }

    @Test
    void theIdentityPlatformWaitsOnlyTheRoundTripAndTheAdminApiNothing() {
        start(PROFILE, ServiceLimits.DATAVERSE_DEFAULTS);
        HttpResponse<String> discovery = wire.send("GET", wire.emulator().baseUrl()
                + "/organizations/v2.0/.well-known/openid-configuration", null);
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(sleeper.take()).containsExactly(ms(40));
        assertThat(wire.send("GET", wire.emulator().baseUrl() + "/_emulator/stats", null).statusCode()).isEqualTo(200);
        assertThat(sleeper.take()).isEmpty();
    }

    @Test
    void withoutAProfileNothingWaits() {
        start(WireLatency.NONE, ServiceLimits.DATAVERSE_DEFAULTS);
        wire.call("POST", "accounts", "{\"name\":\"fast\"}");
        assertThat(sleeper.take()).isEmpty();
    }

    @Test
    void theAdminApiReadsAndChangesTheProfileAtRuntime() {
        start(WireLatency.NONE, ServiceLimits.DATAVERSE_DEFAULTS);
        String url = wire.emulator().baseUrl() + "/_emulator/latency";
        JsonNode none = Wire.json(wire.send("GET", url, null));
        assertThat(none.get("profile").asText()).isEqualTo("rtt=0ms,request=0ms,write=0ms,bulk=0ms");

        HttpResponse<String> put = wire.send("PUT", url, "{\"profile\":\"cloud\",\"bulkMs\":2.5}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(Wire.json(put).get("roundTripMs").asDouble()).isEqualTo(40.0);
        assertThat(Wire.json(put).get("bulkMs").asDouble()).isEqualTo(2.5);
        assertThat(wire.emulator().latency()).isEqualTo(new WireLatency(ms(40), ms(20), ms(40),
                Duration.ofNanos(2_500_000)));
        wire.get("WhoAmI");
        assertThat(sleeper.take()).containsExactly(ms(40), ms(20));

        HttpResponse<String> bad = wire.send("PUT", url, "{\"requestMs\":-1}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Wire.json(bad).get("error").get("message").asText())
                .isEqualTo("field 'requestMs' must be from 0 to 3600000 milliseconds, got -1.0");
        HttpResponse<String> badProfile = wire.send("PUT", url, "{\"profile\":\"lan\"}");
        assertThat(badProfile.statusCode()).isEqualTo(400);
        assertThat(Wire.json(badProfile).get("error").get("message").asText()).startsWith("field 'profile': latency "
                + "'lan' is not understood");
        assertThat(wire.emulator().latency().roundTrip()).as("bad input changes nothing").isEqualTo(ms(40));
    }
}
