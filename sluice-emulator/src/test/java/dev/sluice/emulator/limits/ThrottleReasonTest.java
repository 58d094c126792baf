package dev.sluice.emulator.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.ServiceLimits;
import dev.sluice.emulator.ThrottleReason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThrottleReasonTest {
    @Test
    void messagesWithDataverseDefaultsMatchTheServiceWordForWord() {
        ServiceLimits d = ServiceLimits.DATAVERSE_DEFAULTS;
        assertThat(ThrottleReason.REQUESTS.message(d))
                .isEqualTo("Number of requests exceeded the limit of 6000 over time window of 300 seconds.");
        assertThat(ThrottleReason.EXECUTION_TIME.message(d)).isEqualTo("Combined execution time of incoming requests "
                + "exceeded limit of 1,200,000 milliseconds over time window of 300 seconds. Decrease number of "
                + "concurrent requests or reduce the duration of requests and try again later.");
        assertThat(ThrottleReason.CONCURRENCY.message(d)).isEqualTo("Number of concurrent requests exceeded the limit of 52.");
    }

    @Test
    void codesAreTheDocumentedHexForms() {
        assertThat(ThrottleReason.REQUESTS.code()).isEqualTo("0x80072322");
        assertThat(ThrottleReason.EXECUTION_TIME.code()).isEqualTo("0x80072321");
        assertThat(ThrottleReason.CONCURRENCY.code()).isEqualTo("0x80072326");
    }

    @Test
    void aWindowThatIsNotWholeSecondsIsWrittenWithItsFraction() {
        ServiceLimits l = new ServiceLimits(5, Duration.ofMillis(1500), Duration.ofSeconds(1), 1, 1);
        assertThat(ThrottleReason.REQUESTS.message(l))
                .isEqualTo("Number of requests exceeded the limit of 5 over time window of 1.5 seconds.");
    }
}
