package dev.sluice.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Emulator;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scans 1,000,000 rows through the client with its heap capped at 256 MB. The emulator (which holds
 * the rows) runs in this JVM; the client runs in a child JVM started with {@code -Xmx256m}
 * ({@link MillionRowScan}), so the cap applies to the client alone: if paging kept rows, the child
 * would run out of memory and exit non-zero. Run with {@code mvn -P system}.
 */
@Tag("system")
class MillionRowScanSystemTest {
    static final int ROWS = 1_000_000;

    @Test
    void aMillionRowScanFitsIn256MegabytesAndReturnsEveryRowOnce() throws Exception {
        try (Emulator emulator = Emulator.builder().noAuth(true).seed("accounts", ROWS).start()) {
            String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
            Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    MillionRowScan.class.getName(), emulator.orgUrl(), Integer.toString(ROWS)))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.MINUTES)).isTrue();
            System.out.println("million-row scan: " + out.lines().filter(l -> l.startsWith("rows=")).findFirst()
                    .orElse(out));
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("rows=1000000 repeats=0");
        }
    }
}
