package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorCommandTest {
    @TempDir
    Path home;

    @Test
    void aLatencyProfileItCannotReadIsAUsageErrorNamingTheItemBeforeAnythingStarts() {
        Cli.Result r = new Cli(home).run("emulator", "--port", "0", "--latency", "cloud,rtt=40");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--latency: latency rtt='40' is not a duration: use a number with us, ms or s, "
                + "e.g. 40ms");
    }

    @Test
    void theHelpNamesTheCloudProfilesValues() {
        Cli.Result r = new Cli(home).run("emulator", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--latency=PROFILE").contains("rtt=40ms,request=20ms,write=40ms,bulk=10ms");
    }
}
