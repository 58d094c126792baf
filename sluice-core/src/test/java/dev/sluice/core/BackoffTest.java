package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(60_000));

    @Test
    void eachDelayLiesBetweenHalfAndAllOfTheDoublingCeiling() {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delay(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
            assertThat(backoff.delay(2)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
            assertThat(backoff.delay(4)).isBetween(Duration.ofMillis(4000), Duration.ofMillis(8000));
        }
    }

    @Test
    void theCeilingStopsAtTheMaximumHoweverManyAttempts() {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delay(40)).isBetween(Duration.ofMillis(30_000), Duration.ofMillis(60_000));
        }
    }

    @Test
    void anAttemptBelowOneCountsAsTheFirst() {
        assertThat(backoff.delay(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
    }

    @Test
    void aZeroBaseStillWaitsAtMostOneMillisecond() {
        assertThat(new Backoff(Duration.ZERO, Duration.ZERO).delay(3)).isBetween(Duration.ZERO, Duration.ofMillis(1));
    }

    @Test
    void negativeDelaysAreRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }
}
