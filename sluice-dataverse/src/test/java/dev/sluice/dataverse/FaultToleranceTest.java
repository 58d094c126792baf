package dev.sluice.dataverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.auth.AccessToken;
import dev.sluice.auth.TokenCredential;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.FaultSpec;
import dev.sluice.emulator.ThrottleReason;
import dev.sluice.http.RetryOptions;
import dev.sluice.testing.WithEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithEmulator(noAuth = true, seed = {"contacts=1200"})
class FaultToleranceTest {
    static final String CONTACTS = "/api/data/v9.2/contacts";
    static Emulator emulator;
    static DataverseClient client;
    static final List<Duration> waits = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void connect() {
        client = DataverseClient.builder().orgUrl(emulator.orgUrl()).pageSize(100).sleeper(waits::add)
                .credential(dev.sluice.auth.StaticTokenCredential.of("faults-test", "t")).build();
        client.metadata("contact");
    }

    @AfterEach
    void clear() {
        emulator.faults().clear();
        waits.clear();
    }

    /** Scans every contact; arms {@code fault} once the first page is in. */
    static Set<UUID> scanWithFaultAfterFirstPage(DataverseClient c, FaultSpec fault) {
        Set<UUID> ids = new HashSet<>();
        int rows = 0;
        Iterator<Row> it = c.query(Query.table("contact").select("contactid")).iterator();
        while (it.hasNext()) {
            ids.add(it.next().getUuid("contactid"));
            if (++rows == 1) {
                emulator.faults().add(fault);
            }
        }
        assertThat(rows).as("rows seen").isEqualTo(ids.size());
        return ids;
    }

    @Test
    void aThrottleStormMidScanIsWaitedOutWithRetryAfterAndEveryRowComesOnce() {
        emulator.stats().reset();
        Set<UUID> ids = scanWithFaultAfterFirstPage(client, FaultSpec.throttle(ThrottleReason.REQUESTS,
                Duration.ofSeconds(5)).times(6).method("GET").pathPrefix(CONTACTS));
        assertThat(ids).hasSize(1200);
        assertThat(waits).filteredOn(d -> d.compareTo(Duration.ofSeconds(4)) >= 0).hasSizeGreaterThanOrEqualTo(6);
        assertThat(Clients.requests(emulator, CONTACTS)).hasSize(12 + 6);
    }

    @Test
    void fiveHundredThreesAreRetried() {
        emulator.stats().reset();
        Set<UUID> ids = scanWithFaultAfterFirstPage(client, FaultSpec.status(503).times(3).method("GET")
                .pathPrefix(CONTACTS));
        assertThat(ids).hasSize(1200);
        // each 503 is waited out, and pauses the whole identity: the requests after it honour that pause too (this
        // test's sleeper does not really wait, so the pause is still running for every one of them)
        assertThat(waits).hasSizeGreaterThanOrEqualTo(3);
        assertThat(Clients.requests(emulator, CONTACTS).stream().filter(r -> r.status() == 503)).hasSize(3);
    }

    @Test
    void aConnectionDroppedMidPageIsReadAgainWithoutLosingOrRepeatingRows() {
        emulator.stats().reset();
        Set<UUID> ids = scanWithFaultAfterFirstPage(client, FaultSpec.dropMidBody().times(2).method("GET")
                .pathPrefix(CONTACTS));
        assertThat(ids).hasSize(1200);
        assertThat(Clients.requests(emulator, CONTACTS)).hasSize(12 + 2);
    }

    @Test
    void aTokenRejectedMidScanIsRefreshedOnceAndTheScanGoesOn() {
        AtomicInteger refreshes = new AtomicInteger();
        TokenCredential credential = new TokenCredential() {
            volatile AccessToken current = new AccessToken(Secret.of("first"), Instant.now().plusSeconds(3600));

            @Override
            public AccessToken token() {
                return current;
            }

            @Override
            public AccessToken refreshAfterRejection(AccessToken rejected) {
                refreshes.incrementAndGet();
                current = new AccessToken(Secret.of("second"), Instant.now().plusSeconds(3600));
                return current;
            }

            @Override
            public String identity() {
                return "faults-token";
            }
        };
        DataverseClient c = DataverseClient.builder().orgUrl(emulator.orgUrl()).pageSize(100).sleeper(waits::add)
                .credential(credential).build();
        Set<UUID> ids = scanWithFaultAfterFirstPage(c, FaultSpec.unauthorized().times(1).method("GET")
                .pathPrefix(CONTACTS));
        assertThat(ids).hasSize(1200);
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void retriesAreBoundedAndTheLastFailureIsReported() {
        DataverseClient c = DataverseClient.builder().orgUrl(emulator.orgUrl()).sleeper(waits::add)
                .retry(new RetryOptions(3, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMinutes(1)))
                .credential(dev.sluice.auth.StaticTokenCredential.of("faults-bounded", "t")).build();
        c.metadata("contact");
        emulator.faults().add(FaultSpec.status(503).times(50).method("GET").pathPrefix(CONTACTS));
        emulator.stats().reset();
        assertThatThrownBy(() -> c.query(Query.table("contact")).stream().count())
                .isInstanceOfSatisfying(DataverseException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.TRANSIENT);
                    assertThat(e.status()).isEqualTo(503);
                });
        assertThat(Clients.requests(emulator, CONTACTS)).hasSize(3);
    }

    @Test
    void aStaleEtagIsAConflictAndChangesNothing() {
        UUID id = client.create("contact", Map.of("lastname", "etag original"));
        String etag = client.get("contact", RecordKey.of(id), "lastname").orElseThrow().etag().orElseThrow();
        client.update("contact", RecordKey.of(id), Map.of("lastname", "etag changed elsewhere"));

        assertThatThrownBy(() -> client.update("contact", RecordKey.of(id), Map.of("lastname", "etag mine"), etag))
                .isInstanceOfSatisfying(DataverseException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT);
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(e.errorCode()).hasValue("0x80060882");
                });
        assertThat(client.get("contact", RecordKey.of(id), "lastname").orElseThrow().getString("lastname"))
                .isEqualTo("etag changed elsewhere");
    }
}
