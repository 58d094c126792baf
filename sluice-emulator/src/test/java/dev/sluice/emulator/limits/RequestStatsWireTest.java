package dev.sluice.emulator.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.RecordedRequest;
import dev.sluice.emulator.RequestCount;
import dev.sluice.emulator.Wire;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestStatsWireTest {
    static Wire wire;

    @BeforeAll
    static void start() {
        wire = Wire.start(Emulator.builder());
    }

    @AfterAll
    static void stop() {
        wire.close();
    }

    @BeforeEach
    void reset() {
        wire.emulator().stats().reset();
    }

    @Test
    void requestsAreCountedPerMethodPathTemplateAndStatus() {
        wire.get("WhoAmI");
        wire.get("WhoAmI?x=1");
        wire.get("");
        wire.get("acounts(5f0c1a2b-0000-4000-8000-000000000001)");
        wire.get("acounts(accountnumber='A-1')");
        wire.get("WhoAmI", "Authorization", "Basic dXNlcjpwYXNz");

        assertThat(wire.emulator().stats().requests()).containsExactly(
                new RequestCount("GET", "/api/data/v9.2/", 200, 1),
                new RequestCount("GET", "/api/data/v9.2/WhoAmI", 200, 2),
                new RequestCount("GET", "/api/data/v9.2/WhoAmI", 401, 1),
                new RequestCount("GET", "/api/data/v9.2/acounts({key})", 404, 2));
        assertThat(wire.emulator().stats().totalRequests()).isEqualTo(6);
    }

    @Test
    void guidSegmentsOutsideTheWebApiAreCountedAsId() {
        wire.send("GET", wire.emulator().baseUrl() + "/0b6e3c9a-1d2f-4e5a-8b7c-9d0e1f2a3b4c/v2.0/.well-known/x", null);
        assertThat(wire.emulator().stats().requests()).extracting(RequestCount::path)
                .containsExactly("/{id}/v2.0/.well-known/x");
    }

    @Test
    void theRequestLogRedactsCredentialsAndDropsCookies() {
        wire.get("WhoAmI?tag=t1", "Authorization", "Bearer eyJhbGciOi.secret-token-value", "Cookie",
                "ARRAffinity=abc; session=xyz", "x-ms-client-request-id", "req-7", "x-api-key", "k-123");
        wire.send("GET", wire.emulator().baseUrl()
                + "/common/oauth2/v2.0/authorize?client_id=app&code=the-code&client_secret=s3cr3t", null);

        List<RecordedRequest> log = wire.emulator().stats().recentRequests(2);
        RecordedRequest who = log.get(0);
        assertThat(who.method()).isEqualTo("GET");
        assertThat(who.url()).isEqualTo("/api/data/v9.2/WhoAmI?tag=t1");
        assertThat(who.status()).isEqualTo(200);
        assertThat(who.identity()).isEqualTo("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
        assertThat(header(who, "Authorization")).containsExactly("Bearer ***");
        assertThat(header(who, "Cookie")).isEmpty();
        assertThat(header(who, "x-ms-client-request-id")).containsExactly("req-7");
        assertThat(header(who, "x-api-key")).containsExactly("***");
        assertThat(who.toString()).doesNotContain("secret-token-value", "ARRAffinity", "k-123");

        RecordedRequest authorize = log.get(1);
        assertThat(authorize.url())
                .isEqualTo("/common/oauth2/v2.0/authorize?client_id=app&code=***&client_secret=***");
        assertThat(authorize.identity()).isNull();
    }

    private static List<String> header(RecordedRequest r, String name) {
        return r.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).toList();
    }

    @Test
    void theLogKeepsTheLastThousandRequestsOldestFirst() {
        for (int i = 0; i < 1005; i++) {
            wire.get("WhoAmI?n=" + i);
        }
        List<RecordedRequest> log = wire.emulator().stats().recentRequests(5000);
        assertThat(log).hasSize(1000);
        assertThat(log.get(0).url()).endsWith("?n=5");
        assertThat(log.get(999).url()).endsWith("?n=1004");
        assertThat(wire.emulator().stats().recentRequests(2)).extracting(RecordedRequest::url)
                .containsExactly("/api/data/v9.2/WhoAmI?n=1003", "/api/data/v9.2/WhoAmI?n=1004");
        assertThat(wire.emulator().stats().totalRequests()).isEqualTo(1005);
    }

    @Test
    void resetEmptiesCountsLogAndIdentityFigures() {
        wire.get("WhoAmI");
        wire.emulator().stats().reset();
        assertThat(wire.emulator().stats().requests()).isEmpty();
        assertThat(wire.emulator().stats().recentRequests(10)).isEmpty();
        assertThat(wire.emulator().stats().totalRequests()).isZero();
        assertThat(wire.emulator().stats().identity("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d").accepted()).isZero();
    }

    @Test
    void adminRequestsAreNotCounted() {
        wire.send("GET", wire.emulator().baseUrl() + "/_emulator/stats", null);
        assertThat(wire.emulator().stats().totalRequests()).isZero();
    }
}
