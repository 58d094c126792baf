package dev.sluice.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.store.SluiceStore;
import dev.sluice.testclock.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23 row 9: guessing slows down per user and address; nobody can lock someone else out. Issue 17: the counts
 * are the cluster's, whichever node a guess reaches.
 */
class SignInThrottleTest {
    final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-01T09:00:00Z"));
    @TempDir
    Path home;
    SluiceStore store;
    SignInThrottle throttle;

    @BeforeEach
    void open() {
        store = open(home);
        throttle = new SignInThrottle(store.signInFailures(), clock);
    }

    SluiceStore open(Path dir) {
        return SluiceStore.builder().home(dir).clock(clock).environment(Map.of()).build();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address);
        }
    }

    @Test
    void aPairWaitsOneSecondAfterItsFreeFailuresThenTwiceAsLongEachTime() {
        fail("admin", "10.0.0.66", SignInThrottle.FREE_FAILURES - 1);
        assertThat(throttle.retryAfter("admin", "10.0.0.66")).isZero();
        fail("admin", "10.0.0.66", 1);
        assertThat(throttle.retryAfter("admin", "10.0.0.66")).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.retryAfter("admin", "10.0.0.66")).isZero();
        fail("admin", "10.0.0.66", 1);
        assertThat(throttle.retryAfter("admin", "10.0.0.66")).isEqualTo(Duration.ofSeconds(2));
        fail("admin", "10.0.0.66", 1);
        assertThat(throttle.retryAfter("admin", "10.0.0.66")).isEqualTo(Duration.ofSeconds(4));
        fail("admin", "10.0.0.66", 30);
        assertThat(throttle.retryAfter("admin", "10.0.0.66")).isEqualTo(SignInThrottle.MAX_WAIT);
    }

    @Test
    void anotherAddressOfTheSameUserIsNotHeldUp() {
        fail("admin", "10.0.0.66", 12);
        assertThat(throttle.retryAfter("admin", "10.0.0.66")).isPositive();
        assertThat(throttle.retryAfter("admin", "192.168.1.20")).isZero();
    }

    @Test
    void failuresFromManyAddressesCostTheUserAtMostAMinuteAndNothingFromAKnownAddress() {
        throttle.succeeded("admin", "192.168.1.20");
        for (int i = 0; i < 200; i++) {
            throttle.failed("admin", "10.0.1." + i);
        }
        assertThat(throttle.retryAfter("admin", "10.0.2.1")).isPositive()
                .isLessThanOrEqualTo(SignInThrottle.MAX_USER_WAIT);
        assertThat(throttle.retryAfter("admin", "192.168.1.20")).isZero();
    }

    @Test
    void oneAddressTryingManyUsersBacksOff() {
        for (int i = 0; i < SignInThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
            throttle.failed("user" + i, "10.0.0.66");
        }
        assertThat(throttle.retryAfter("someone-else", "10.0.0.66")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void failuresAreForgottenAnHourAfterTheLast() {
        fail("admin", "10.0.0.66", 12);
        clock.advance(SignInThrottle.FORGET_AFTER);
        assertThat(throttle.retryAfter("admin", "10.0.0.66")).isZero();
        fail("admin", "10.0.0.66", 1);
        assertThat(throttle.retryAfter("admin", "10.0.0.66")).isZero();
    }

    @Test
    void failuresReachingTwoNodesCountTogether() {
        try (SluiceStore other = open(home)) {
            SignInThrottle nodeB = new SignInThrottle(other.signInFailures(), clock);
            fail("admin", "10.0.0.66", 3);
            nodeB.failed("admin", "10.0.0.66");
            assertThat(nodeB.retryAfter("admin", "10.0.0.66")).isZero();
            nodeB.failed("admin", "10.0.0.66");
            assertThat(throttle.retryAfter("admin", "10.0.0.66")).isEqualTo(Duration.ofSeconds(1));
            assertThat(nodeB.retryAfter("admin", "10.0.0.66")).isEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void aSuccessClearsThePair() {
        fail("admin", "10.0.0.66", SignInThrottle.FREE_FAILURES);
        clock.advance(Duration.ofSeconds(1));
        throttle.succeeded("admin", "10.0.0.66");
        fail("admin", "10.0.0.66", 1);
        assertThat(throttle.retryAfter("admin", "10.0.0.66")).isZero();
    }
}
