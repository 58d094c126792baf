package dev.sluice.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.IdentityStats;
import dev.sluice.emulator.ServiceLimits;
import dev.sluice.testing.WithEmulator;
import java.time.Duration;
import java.util.ArrayList;
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
        // 40 requests at 10 per window: the window can fill four times (a refused probe counts in the next
        // window: 10 + 9 + 9 + 9 + 3), and each time one probe is refused, not the four requests in flight
        // (which would be 16). On a loaded machine the client may be slower than the window, so fewer
        // windows fill: the bound is the storm that must not happen, not a count of windows
        assertThat(stats.rejected()).isLessThanOrEqualTo(6L);
        assertThat(stats.rejectedByConcurrency()).isZero();
    }
}
