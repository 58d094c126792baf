package dev.sluice.emulator.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.ActiveFault;
import dev.sluice.emulator.FaultKind;
import dev.sluice.emulator.FaultSpec;
import dev.sluice.emulator.RecordedRequest;
import dev.sluice.emulator.ThrottleReason;
import dev.sluice.emulator.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaultInjectionWireTest {
    static final String WHO_AM_I = "/api/data/v9.2/WhoAmI";
    static Wire wire;

    @BeforeAll
    static void start() {
        wire = Wire.startNoAuth();
    }

    @AfterAll
    static void stop() {
        wire.close();
    }

    @AfterEach
    void clearFaults() {
        wire.emulator().faults().clear();
    }

    static ActiveFault add(FaultSpec spec) {
        return wire.emulator().faults().add(spec);
    }

    @Test
    void throttleFaultAnswersExactlyTheNextNMatchingRequestsWith429() {
        add(FaultSpec.throttle(ThrottleReason.REQUESTS, Duration.ofSeconds(7)).times(2).method("GET").pathPrefix(WHO_AM_I));
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = wire.get("WhoAmI");
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(r.body()).isEqualTo("{\"error\":{\"code\":\"0x80072322\",\"message\":\"Number of requests "
                    + "exceeded the limit of 6000 over time window of 300 seconds.\"}}");
        }
        assertThat(wire.get("WhoAmI").statusCode()).isEqualTo(200);
    }

    @Test
    void throttleFaultCanReportTheConcurrencyLimit() {
        add(FaultSpec.throttle(ThrottleReason.CONCURRENCY, Duration.ofMillis(1500)));
        HttpResponse<String> r = wire.get("");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(Wire.json(r).at("/error/code").asText()).isEqualTo("0x80072326");
    }

    @Test
    void statusFaultsAnswer500AsDataverseAndGatewayErrorsAsPlainText() {
        add(FaultSpec.status(500));
        add(FaultSpec.status(502));
        add(FaultSpec.status(503));
        add(FaultSpec.status(504));
        HttpResponse<String> r500 = wire.get("WhoAmI");
        assertThat(r500.statusCode()).isEqualTo(500);
        assertThat(Wire.json(r500).at("/error/code").asText()).isEqualTo("0x80040216");
        HttpResponse<String> r502 = wire.get("WhoAmI");
        assertThat(r502.statusCode()).isEqualTo(502);
        assertThat(r502.body()).isEqualTo("Bad Gateway");
        HttpResponse<String> r503 = wire.get("WhoAmI");
        assertThat(r503.statusCode()).isEqualTo(503);
        assertThat(r503.body()).isEqualTo("Service Unavailable");
        assertThat(wire.get("WhoAmI").statusCode()).isEqualTo(504);
        assertThat(wire.get("WhoAmI").statusCode()).isEqualTo(200);
    }

    @Test
    void delayFaultHandlesTheRequestNormallyAndCountsAsExecutionTime() {
        add(FaultSpec.delay(Duration.ofMillis(300)).pathRegex("/WhoAmI$"));
        HttpResponse<String> r = wire.get("WhoAmI");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Wire.json(r).get("UserId").asText()).isEqualTo("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
        double remainingSeconds = Double.parseDouble(
                r.headers().firstValue("x-ms-ratelimit-time-remaining-xrm-requests").orElseThrow().replace(",", ""));
        assertThat(remainingSeconds).as("at least the 0.3 s delay is used up").isLessThanOrEqualTo(1199.70);
        List<RecordedRequest> log = wire.emulator().stats().recentRequests(1);
        assertThat(log.get(0).fault()).isEqualTo(FaultKind.DELAY);
    }

    @Test
    void droppedConnectionBeforeTheResponseIsAnIOExceptionForTheClient() {
        wire.emulator().stats().reset();
        // the JDK client resends a GET once when a connection closes before any response byte
        add(FaultSpec.dropBeforeResponse().times(2).pathPrefix(WHO_AM_I));
        assertThatThrownBy(() -> wire.get("WhoAmI")).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThat(wire.emulator().stats().recentRequests(10)).extracting(RecordedRequest::fault)
                .containsExactly(FaultKind.DROP_BEFORE_RESPONSE, FaultKind.DROP_BEFORE_RESPONSE);
        assertThat(wire.get("WhoAmI").statusCode()).isEqualTo(200);
    }

    @Test
    void aJdkClientResendsAGetOnceWhenTheConnectionDropsBeforeTheResponse() {
        wire.emulator().stats().reset();
        add(FaultSpec.dropBeforeResponse().pathPrefix(WHO_AM_I));
        assertThat(wire.get("WhoAmI").statusCode()).isEqualTo(200);
        assertThat(wire.emulator().stats().recentRequests(10)).extracting(RecordedRequest::fault)
                .containsExactly(FaultKind.DROP_BEFORE_RESPONSE, null);
    }

    @Test
    void aPostWhoseConnectionDropsBeforeTheResponseIsNotResent() {
        add(FaultSpec.dropBeforeResponse().method("POST"));
        HttpRequest post = HttpRequest.newBuilder(URI.create(wire.api("accounts"))).header("Authorization", "Bearer t")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))
                .timeout(Duration.ofSeconds(30)).build();
        assertThatThrownBy(() -> freshClient().send(post, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void droppedConnectionMidBodyIsAnIOExceptionForTheClient() {
        add(FaultSpec.dropMidBody().pathPrefix(WHO_AM_I));
        assertThatThrownBy(() -> freshClient().send(whoAmI(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        assertThat(wire.get("WhoAmI").statusCode()).isEqualTo(200);
    }

    private static HttpClient freshClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private static HttpRequest whoAmI() {
        return HttpRequest.newBuilder(URI.create(wire.api("WhoAmI"))).header("Authorization", "Bearer t")
                .timeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void unauthorizedFaultAnswers401WithTheBearerChallenge() {
        add(FaultSpec.unauthorized());
        HttpResponse<String> r = wire.get("WhoAmI");
        assertThat(r.statusCode()).isEqualTo(401);
        String origin = wire.emulator().baseUrl();
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer authorization_uri=" + origin
                + "/common/oauth2/authorize, resource_id=" + origin + "/");
        assertThat(Wire.json(r).at("/error/code").asText()).isEqualTo("0x80044302");
    }

    @Test
    void aFaultOnlyHitsItsMethod() {
        add(FaultSpec.status(503).method("post"));
        assertThat(wire.get("WhoAmI").statusCode()).isEqualTo(200);
        assertThat(wire.emulator().faults().list()).singleElement()
                .satisfies(f -> assertThat(f.spec().method()).isEqualTo("POST"));
        assertThat(wire.call("POST", "WhoAmI", "{}").statusCode()).isEqualTo(503);
    }

    @Test
    void aRegexFaultOnlyHitsPathsItIsFoundIn() {
        add(FaultSpec.status(503).pathRegex("^/api/data/v9\\.[0-2]/WhoAmI$"));
        assertThat(wire.get("").statusCode()).isEqualTo(200);
        assertThat(wire.send("GET", wire.emulator().baseUrl() + "/api/data/v9.0/WhoAmI", null).statusCode())
                .isEqualTo(503);
    }

    @Test
    void faultsAlsoHitPathsOutsideTheWebApi() {
        add(FaultSpec.status(503).pathPrefix("/common/oauth2/"));
        HttpResponse<String> r = wire.send("POST", wire.emulator().baseUrl() + "/common/oauth2/v2.0/token", "");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("x-ms-service-request-id")).isEmpty();
    }

    @Test
    void adminPathsAreNeverFaulted() {
        add(FaultSpec.status(503).times(5));
        HttpResponse<String> r = wire.send("GET", wire.emulator().baseUrl() + "/_emulator/faults", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(wire.emulator().faults().list()).singleElement().satisfies(f -> assertThat(f.remaining()).isEqualTo(5));
    }

    @Test
    void faultsAreListedWithWhatRemainsAndDisappearWhenUsedUp() {
        ActiveFault first = add(FaultSpec.status(503).times(2).pathPrefix(WHO_AM_I));
        ActiveFault second = add(FaultSpec.dropMidBody().pathPrefix("/nowhere"));
        assertThat(wire.emulator().faults().list()).extracting(ActiveFault::id).containsExactly(first.id(), second.id());
        wire.get("WhoAmI");
        assertThat(wire.emulator().faults().list().get(0).remaining()).isEqualTo(1);
        wire.get("WhoAmI");
        assertThat(wire.emulator().faults().list()).extracting(ActiveFault::id).containsExactly(second.id());
        assertThat(wire.emulator().faults().remove(second.id())).isTrue();
        assertThat(wire.emulator().faults().remove(second.id())).isFalse();
        assertThat(wire.emulator().faults().list()).isEmpty();
    }

    @Test
    void clearedFaultsNoLongerApply() {
        add(FaultSpec.status(503).times(10));
        wire.emulator().faults().clear();
        assertThat(wire.emulator().faults().list()).isEmpty();
        assertThat(wire.get("WhoAmI").statusCode()).isEqualTo(200);
    }

    @Test
    void underConcurrentRequestsExactlyNAreAffected() {
        add(FaultSpec.status(503).times(5).pathPrefix(WHO_AM_I));
        List<CompletableFuture<Integer>> all = IntStream.range(0, 20)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> wire.get("WhoAmI").statusCode())).toList();
        List<Integer> statuses = all.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).filteredOn(s -> s == 503).hasSize(5);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(15);
    }

    @Test
    void theLogRecordsWhichFaultARequestGot() {
        add(FaultSpec.throttle().pathPrefix(WHO_AM_I));
        wire.get("WhoAmI");
        RecordedRequest r = wire.emulator().stats().recentRequests(1).get(0);
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.fault()).isEqualTo(FaultKind.THROTTLE);
        assertThat(r.throttledBy()).as("an injected 429 is not a limit rejecting it").isNull();
    }
}
