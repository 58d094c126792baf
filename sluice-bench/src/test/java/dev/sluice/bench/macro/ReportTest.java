package dev.sluice.bench.macro;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    static Figure speed(double sluice, double baseline) {
        return new Figure("write", "rows/s", sluice, baseline, 25, false, true, true, "a note");
    }

    static Figure lost(double rows) {
        return new Figure("lost", "rows", rows, Double.NaN, 0, true, false, false, null);
    }

    @Test
    void aQuickRunShowsAMissedFullSizeTargetInParenthesesAndStillPasses() {
        Report report = new Report(true);
        report.add(speed(100, 10));

        assertThat(report.passed()).isTrue();
        assertThat(printed(report)).contains("(NO)").contains("apply at full size only");
    }

    @Test
    void aFullRunFailsWhenATargetIsMissed() {
        Report report = new Report(false);
        report.add(speed(100, 10));

        assertThat(report.passed()).isFalse();
        assertThat(printed(report)).contains(" NO").doesNotContain("(NO)");
    }

    @Test
    void aMissedCorrectnessTargetFailsEvenAQuickRun() {
        Report report = new Report(true);
        report.add(speed(1000, 10));
        report.add(lost(3));

        assertThat(report.passed()).isFalse();
    }

    @Test
    void aFigureThatCouldNotBeMeasuredFailsTheRunAndIsNamed() {
        Report report = new Report(true);
        report.add(lost(0));
        report.failed("throttled", new IllegalStateException("the emulator exited with 1 before it was ready"));

        assertThat(report.passed()).isFalse();
        assertThat(printed(report)).contains("FAILED throttled: IllegalStateException: the emulator exited with 1");
    }

    @Test
    void theJsonCarriesEveryFigureWithItsRatioAndWhetherItWasJudged(@TempDir Path dir) throws Exception {
        Report report = new Report(true);
        report.add(speed(500, 10));
        report.add(lost(0));
        Path file = dir.resolve("results.json");

        report.write(file, "2 cores");

        JsonNode json = new ObjectMapper().readTree(Files.readString(file));
        assertThat(json.path("quick").asBoolean()).isTrue();
        assertThat(json.path("passed").asBoolean()).isTrue();
        assertThat(json.path("figures")).hasSize(2);
        JsonNode write = json.path("figures").path(0);
        assertThat(write.path("ratio").asDouble()).isEqualTo(50.0);
        assertThat(write.path("target").asText()).isEqualTo("≥ 25×");
        assertThat(write.path("judged").asBoolean()).isFalse();
        assertThat(json.path("figures").path(1).has("baseline")).isFalse();
        assertThat(json.path("figures").path(1).path("judged").asBoolean()).isTrue();
    }

    private static String printed(Report report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
