package dev.sluice.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorStats;
import dev.sluice.emulator.IdentityStats;
import dev.sluice.emulator.RecordedRequest;
import dev.sluice.emulator.ServiceLimits;
import dev.sluice.testclock.MutableClock;
import dev.sluice.testing.EmulatorExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pacing by the service's remaining-request figure: a spent window costs one refused probe, not a storm. The emulator
 * and the client share a clock that stands still until the client waits (its sleeper moves the clock instead of
 * sleeping), so the windows turn only when the client pauses and nothing depends on how fast the machine is.
 */
class ThrottlePacingTest {
    static final MutableClock CLOCK = MutableClock.startingNow();
    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.withDefaults()
            .configure(b -> b.noAuth(true).clock(CLOCK));
    static Emulator emulator;

    @BeforeAll
    static void emulator() {
        emulator = EMULATOR.emulator();
    }

    @AfterEach
    void restoreLimits() {
        emulator.limits(ServiceLimits.DATAVERSE_DEFAULTS);
    }

    @Test
    void whenTheRequestLimitIsSpentOneProbeGetsThe429InsteadOfEveryRequestInFlight() {
        List<Duration> waits = new CopyOnWriteArrayList<>();
        DataverseClient client = DataverseClient.builder().orgUrl(emulator.orgUrl())
                .credential(StaticTokenCredential.of("pacing-test", "token")).clock(CLOCK).sleeper(d -> {
                    waits.add(d);
                    CLOCK.advance(d);
                }).build();
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
        // Once the window is spent only one request at a time may be out (the probe), and its 429 pauses the identity
        // (the clock moves) before anything else is sent; a storm would send the four requests in flight into the
        // full window together, refused at one and the same instant. Every refused request must therefore come
        // after a pause that followed the one refused before it
        List<RecordedRequest> refused = emulator.stats().recentRequests(EmulatorStats.LOG_CAPACITY).stream()
                .filter(r -> r.throttledBy() != null).sorted(Comparator.comparing(RecordedRequest::time)).toList();
        assertThat(refused).hasSize((int) stats.rejected());
        assertThat(refused).as("40 writes under a limit of 10 a window fill at least one window").isNotEmpty();
        assertThat(waits).as("each refusal paused the client").hasSizeGreaterThanOrEqualTo(refused.size());
        for (int i = 1; i < refused.size(); i++) {
            assertThat(refused.get(i).time()).as("refused request %d came after a pause that followed %d", i, i - 1)
                    .isAfter(refused.get(i - 1).time());
        }
        assertThat(stats.rejectedByConcurrency()).isZero();
    }
}
