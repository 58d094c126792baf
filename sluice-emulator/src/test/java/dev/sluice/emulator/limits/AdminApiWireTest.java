package dev.sluice.emulator.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.ServiceLimits;
import dev.sluice.emulator.Wire;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminApiWireTest {
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
    void clean() {
        wire.emulator().faults().clear();
        wire.emulator().limits(ServiceLimits.DATAVERSE_DEFAULTS);
        wire.emulator().stats().reset();
    }

    static HttpResponse<String> admin(String method, String path, String body) {
        return wire.send(method, wire.emulator().baseUrl() + "/_emulator/" + path, body);
    }

    @Test
    void postingAFaultArmsItAndAnswersItsJson() {
        HttpResponse<String> r = admin("POST", "faults",
                "{\"kind\":\"status\",\"status\":503,\"times\":2,\"method\":\"GET\",\"path\":\"/api/data/v9.2/WhoAmI\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode f = Wire.json(r);
        assertThat(f.get("kind").asText()).isEqualTo("status");
        assertThat(f.get("status").asInt()).isEqualTo(503);
        assertThat(f.get("remaining").asInt()).isEqualTo(2);
        assertThat(f.get("path").asText()).isEqualTo("/api/data/v9.2/WhoAmI");
        assertThat(wire.get("WhoAmI").statusCode()).isEqualTo(503);
        assertThat(wire.get("WhoAmI").statusCode()).isEqualTo(503);
        assertThat(wire.get("WhoAmI").statusCode()).isEqualTo(200);
    }

    @Test
    void throttleFaultsTakeRetryAfterAndReason() {
        admin("POST", "faults", "{\"kind\":\"throttle\",\"retryAfterSeconds\":9,\"reason\":\"execution-time\"}");
        HttpResponse<String> r = wire.get("");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("9");
        assertThat(Wire.json(r).at("/error/code").asText()).isEqualTo("0x80072321");
    }

    @Test
    void faultsAreListedAndDeletedOneByOneOrAllAtOnce() {
        String id = Wire.json(admin("POST", "faults", "{\"kind\":\"delay\",\"delayMs\":10,\"pathRegex\":\"^/x$\"}"))
                .get("id").asText();
        admin("POST", "faults", "{\"kind\":\"drop-mid-body\",\"path\":\"/y\"}");
        JsonNode list = Wire.json(admin("GET", "faults", null)).get("value");
        assertThat(list.findValuesAsText("kind")).containsExactly("delay", "drop-mid-body");
        assertThat(list.get(0).get("delayMs").asInt()).isEqualTo(10);

        assertThat(admin("DELETE", "faults/" + id, null).statusCode()).isEqualTo(204);
        HttpResponse<String> again = admin("DELETE", "faults/" + id, null);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(Wire.json(again).at("/error/message").asText()).isEqualTo("No armed fault has id '" + id + "'.");
        assertThat(admin("DELETE", "faults", null).statusCode()).isEqualTo(204);
        assertThat(Wire.json(admin("GET", "faults", null)).get("value")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"kind\":\"teapot\"}|unknown fault kind 'teapot'; one of [throttle, status, delay, drop-before-response, drop-mid-body, unauthorized]",
        "{}|field 'kind' is required; one of [throttle, status, delay, drop-before-response, drop-mid-body, unauthorized]",
        "{\"kind\":\"status\"}|a status fault needs field 'status': 500, 502, 503 or 504",
        "{\"kind\":\"status\",\"status\":418}|a status fault sends 500, 502, 503 or 504, got 418",
        "{\"kind\":\"delay\"}|a delay fault needs field 'delayMs'",
        "{\"kind\":\"delay\",\"delayMs\":-5}|fault delay must be positive, got PT-0.005S",
        "{\"kind\":\"delay\",\"delayMs\":5,\"status\":500}|field 'status' does not apply to a delay fault",
        "{\"kind\":\"throttle\",\"reason\":\"mood\"}|unknown throttle reason 'mood'; one of [requests, execution-time, concurrency]",
        "{\"kind\":\"throttle\",\"retryAfterSeconds\":0}|Retry-After must be at least 1 second, got PT0S",
        "{\"kind\":\"status\",\"status\":503,\"times\":0}|fault times must be at least 1, got 0",
        "{\"kind\":\"status\",\"status\":\"503\"}|field 'status' must be an integer, got \"503\"",
        "{\"kind\":\"status\",\"status\":503,\"path\":\"/a\",\"pathRegex\":\"b\"}|a fault matches a path prefix or a path regex, not both",
        "{\"kind\":\"status\",\"status\":503,\"pathRegex\":\"(\"}|fault path regex is not valid: Unclosed group",
        "{\"kind\":\"status\",\"status\":503,\"path\":\"api\"}|fault path prefix must start with '/', got 'api'",
        "{\"kind\":\"status\",\"status\":503,\"method\":\"G T\"}|fault method must be an HTTP method such as GET, got 'G T'",
        "{\"kind\":\"status\",\"status\":503,\"count\":2}|unknown field 'count'; expected some of [delayMs, durationMs, fraction, kind, method, path, pathRegex, reason, retryAfterSeconds, status, times]",
        "[1]|the body must be a JSON object",
        "{nope|the body is not valid JSON"})
    void badFaultsAre400sThatNameTheProblem(String body, String message) {
        HttpResponse<String> r = admin("POST", "faults", body);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Wire.json(r).at("/error/code").asText()).isEqualTo("BadRequest");
        assertThat(Wire.json(r).at("/error/message").asText()).isEqualTo(message);
        assertThat(wire.emulator().faults().list()).isEmpty();
    }

    @Test
    void statsAreServedAndReset() {
        wire.get("WhoAmI");
        wire.get("WhoAmI");
        JsonNode stats = Wire.json(admin("GET", "stats", null));
        assertThat(stats.get("totalRequests").asLong()).isEqualTo(2);
        JsonNode count = stats.get("requests").get(0);
        assertThat(count.get("method").asText()).isEqualTo("GET");
        assertThat(count.get("path").asText()).isEqualTo("/api/data/v9.2/WhoAmI");
        assertThat(count.get("status").asInt()).isEqualTo(200);
        assertThat(count.get("count").asLong()).isEqualTo(2);
        JsonNode identity = stats.get("identities").get(0);
        assertThat(identity.get("identity").asText()).isEqualTo("a1b2c3d4-e5f6-4789-9abc-def012345678");
        assertThat(identity.get("accepted").asLong()).isEqualTo(2);
        assertThat(identity.get("rejected").asLong()).isZero();

        assertThat(admin("DELETE", "stats", null).statusCode()).isEqualTo(204);
        assertThat(Wire.json(admin("GET", "stats", null)).get("totalRequests").asLong()).isZero();
    }

    @Test
    void recentRequestsAreServedWithTheAuthorizationRedacted() {
        wire.get("WhoAmI?a=1");
        wire.get("");
        JsonNode value = Wire.json(admin("GET", "requests?limit=1", null)).get("value");
        assertThat(value).hasSize(1);
        JsonNode last = value.get(0);
        assertThat(last.get("url").asText()).isEqualTo("/api/data/v9.2/");
        assertThat(last.get("status").asInt()).isEqualTo(200);
        assertThat(last.at("/headers/Authorization/0").asText()).isEqualTo("Bearer ***");
        assertThat(Wire.json(admin("GET", "requests", null)).get("value")).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource({"0", "1001", "abc"})
    void aBadRequestLimitIsA400(String limit) {
        HttpResponse<String> r = admin("GET", "requests?limit=" + limit, null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Wire.json(r).at("/error/message").asText())
                .isEqualTo("query parameter 'limit' must be an integer from 1 to 1000, got '" + limit + "'");
    }

    @Test
    void limitsCanBeReadAndChangedAtRuntime() {
        JsonNode defaults = Wire.json(admin("GET", "limits", null));
        assertThat(defaults.toString()).isEqualTo("{\"maxRequests\":6000,\"windowMs\":300000,"
                + "\"maxExecutionTimeMs\":1200000,\"maxConcurrent\":52,\"dopHint\":4}");
        HttpResponse<String> put = admin("PUT", "limits", "{\"maxRequests\":2,\"windowMs\":60000}");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(Wire.json(put).toString()).isEqualTo("{\"maxRequests\":2,\"windowMs\":60000,"
                + "\"maxExecutionTimeMs\":1200000,\"maxConcurrent\":52,\"dopHint\":4}");
        wire.get("WhoAmI");
        wire.get("WhoAmI");
        HttpResponse<String> r = wire.get("WhoAmI");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(Wire.json(r).at("/error/message").asText())
                .isEqualTo("Number of requests exceeded the limit of 2 over time window of 60 seconds.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"maxRequests\":0}|service limits must be positive (maxRequests, maxConcurrent and dopHint at least 1; windowMs and maxExecutionTimeMs at least 1)",
        "{\"windowMs\":0}|service limit durations must be positive (maxRequests, maxConcurrent and dopHint at least 1; windowMs and maxExecutionTimeMs at least 1)",
        "{\"maxRequests\":\"many\"}|field 'maxRequests' must be an integer, got \"many\"",
        "{\"maxRequest\":5}|unknown field 'maxRequest'; expected some of [dopHint, maxConcurrent, maxExecutionTimeMs, maxRequests, windowMs]"})
    void badLimitsAre400sAndChangeNothing(String body, String message) {
        HttpResponse<String> r = admin("PUT", "limits", body);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Wire.json(r).at("/error/message").asText()).isEqualTo(message);
        assertThat(wire.emulator().limits()).isEqualTo(ServiceLimits.DATAVERSE_DEFAULTS);
    }

    @Test
    void unknownAdminPathsAre404AndWrongMethods405() {
        HttpResponse<String> missing = admin("GET", "nothing", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Wire.json(missing).at("/error/message").asText()).startsWith("No admin resource '/_emulator/nothing'");
        HttpResponse<String> wrong = admin("PATCH", "stats", "{}");
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("Allow")).hasValue("GET, DELETE");
    }

    @Test
    void identityAdminPathsAreLeftToTheIdentityPlatform() {
        HttpResponse<String> r = admin("GET", "identity/users", null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("No identity admin path '/users'.");
    }
}
