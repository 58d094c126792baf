package dev.sluice.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireLatencyTest {
    @Test
    void cloudIsMicrosoftsSampleTimesOverACommonRoundTrip() {
        assertThat(WireLatency.parse("cloud")).isEqualTo(WireLatency.CLOUD);
        assertThat(WireLatency.CLOUD.toString()).isEqualTo("rtt=40ms,request=20ms,write=40ms,bulk=10ms");
        assertThat(WireLatency.CLOUD.roundTrip().plus(WireLatency.CLOUD.serverTime(1, 0)))
                .as("a sequential single-record create: 100 records in 10 s").isEqualTo(Duration.ofMillis(100));
        assertThat(WireLatency.CLOUD.serverTime(0, 1000)).isEqualTo(Duration.ofMillis(10_020));
    }

    @Test
    void explicitItemsStartFromZeroOrFromCloudWhenItComesFirst() {
        assertThat(WireLatency.parse("rtt=40ms, request=15ms,bulk=2ms")).isEqualTo(new WireLatency(
                Duration.ofMillis(40), Duration.ofMillis(15), Duration.ZERO, Duration.ofMillis(2)));
        assertThat(WireLatency.parse("cloud,rtt=0.1s,write=250us")).isEqualTo(new WireLatency(Duration.ofMillis(100),
                Duration.ofMillis(20), Duration.ofMillis(10).dividedBy(40), Duration.ofMillis(10)));
        assertThat(WireLatency.parse("none").isNone()).isTrue();
        assertThat(WireLatency.parse(WireLatency.CLOUD.toString())).isEqualTo(WireLatency.CLOUD);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "lan|latency 'lan' is not understood: use cloud, none, or rtt=, request=, write=, bulk= with a duration such as 40ms (e.g. rtt=40ms,request=20ms)",
        "rtt=40|latency rtt='40' is not a duration: use a number with us, ms or s, e.g. 40ms",
        "jitter=5ms|latency key 'jitter' is not one of rtt, request, write, bulk",
        "rtt=2h|latency rtt='2h' is not a duration: use a number with us, ms or s, e.g. 40ms",
        "rtt=3601s|latency rtt='3601s' is over an hour",
        "rtt=40ms,cloud|latency 'cloud' is not understood: use cloud, none, or rtt=, request=, write=, bulk= with a duration such as 40ms (e.g. rtt=40ms,request=20ms)"})
    void badProfilesAreRefusedNamingTheItem(String text, String message) {
        assertThatThrownBy(() -> WireLatency.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
