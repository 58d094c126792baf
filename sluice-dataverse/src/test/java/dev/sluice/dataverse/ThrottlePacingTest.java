package dev.sluice.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorStats;
import dev.sluice.emulator.IdentityStats;
import dev.sluice.emulator.RecordedRequest;
import dev.sluice.emulator.ServiceLimits;
import dev.sluice.testing.WithEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pacing by the service's remaining-request figure: a spent window costs one refused probe, not a storm. */
@WithEmulator(noAuth = true)
class ThrottlePacingTest {
    static Emulator emulator;

    @AfterEach
    void restoreLimits() {
        emulator.limits(ServiceLimits.DATAVERSE_DEFAULTS);
    }

    @Test
    void whenTheRequestLimitIsSpentOneProbeGetsThe429InsteadOfEveryRequestInFlight() {
        // real waits: the emulator's Retry-After is whole seconds, so the window is the shortest it can be
        DataverseClient client = DataverseClient.builder().orgUrl(emulator.orgUrl())
                .credential(StaticTokenCredential.of("pacing-test", "token")).build();
        client.table("lead");
        emulator.limits(new ServiceLimits(10, Duration.ofSeconds(1), Duration.ofMinutes(20), 52, 4));
        emulator.stats().reset();
        List<Map<String, Object>> leads = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            leads.add(Map.of("lastname", "paced " + i, "subject", "pacing"));
        }

        BulkResult result = client.createMultiple("lead", leads, BulkOptions.DEFAULTS.withChunkSize(1)
                .withMaxParallel(4));

        assertThat(result.failures()).isEmpty();
        assertThat(result.succeeded()).isEqualTo(40);
        IdentityStats stats = emulator.stats().identities().stream().filter(s -> s.accepted() > 0).findFirst()
                .orElseThrow();
        assertThat(stats.accepted()).isEqualTo(40);
        // Once the window is spent only one request at a time may be out (the probe), so no refused request
        // may arrive while another refused one is still being answered: a storm would send the four
        // requests in flight into the full window together. How many windows fill depends on how fast the
        // machine is, so the count is not the property; the overlap is
        List<RecordedRequest> refused = emulator.stats().recentRequests(EmulatorStats.LOG_CAPACITY).stream()
                .filter(r -> r.throttledBy() != null).sorted(Comparator.comparing(RecordedRequest::time)).toList();
        assertThat(refused).hasSize((int) stats.rejected());
        for (int i = 1; i < refused.size(); i++) {
            RecordedRequest before = refused.get(i - 1);
            assertThat(refused.get(i).time()).as("refused request %d arrived while %d was being answered", i, i - 1)
                    .isAfterOrEqualTo(before.time().plus(before.duration()));
        }
        assertThat(stats.rejectedByConcurrency()).isZero();
    }
}
