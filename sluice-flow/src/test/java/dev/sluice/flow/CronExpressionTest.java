package dev.sluice.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Five-field cron in UTC: the next times, the words, and what is refused. */
class CronExpressionTest {
    private static final Instant FRIDAY_NOON = Instant.parse("2025-05-30T12:00:00Z");

    @Test
    void weekdaysAtSixGiveTheNextFiveWorkingMornings() {
        CronExpression c = CronExpression.parse("0 6 * * 1-5");
        assertThat(c.next(FRIDAY_NOON, 5)).containsExactly(Instant.parse("2025-06-02T06:00:00Z"),
                Instant.parse("2025-06-03T06:00:00Z"), Instant.parse("2025-06-04T06:00:00Z"),
                Instant.parse("2025-06-05T06:00:00Z"), Instant.parse("2025-06-06T06:00:00Z"));
        assertThat(c.describe()).isEqualTo("at 06:00 on Monday to Friday (UTC)");
    }

    @Test
    void stepsListsAndNamesAreUnderstood() {
        CronExpression c = CronExpression.parse("*/15 8-17 * JAN,jul MON");
        assertThat(c.next(Instant.parse("2025-06-30T23:59:00Z"), 3)).containsExactly(
                Instant.parse("2025-07-07T08:00:00Z"), Instant.parse("2025-07-07T08:15:00Z"),
                Instant.parse("2025-07-07T08:30:00Z"));
        assertThat(c.describe()).isEqualTo("at minutes 0, 15, 30 and 45 of hours 8-17 on Monday in January and July (UTC)");
    }

    @Test
    void bothDayFieldsRestrictedMatchEitherAsInVixieCron() {
        CronExpression c = CronExpression.parse("30 3 1 * 0");
        // Sunday 1 June 2025 is both; Sunday 8 June only the weekday; 1 July only the day of the month
        assertThat(c.next(Instant.parse("2025-05-31T00:00:00Z"), 4)).containsExactly(
                Instant.parse("2025-06-01T03:30:00Z"), Instant.parse("2025-06-08T03:30:00Z"),
                Instant.parse("2025-06-15T03:30:00Z"), Instant.parse("2025-06-22T03:30:00Z"));
        assertThat(c.describe()).isEqualTo("at 03:30 on day 1 of the month or Sunday (UTC)");
        assertThat(CronExpression.parse("0 0 * * 7").next(FRIDAY_NOON)).contains(Instant.parse("2025-06-01T00:00:00Z"));
    }

    @Test
    void aDateThatNeverComesHasNoNextTime() {
        assertThat(CronExpression.parse("0 0 30 2 *").next(FRIDAY_NOON)).isEmpty();
        assertThat(CronExpression.parse("0 0 30 2 *").next(FRIDAY_NOON, 5)).isEmpty();
    }

    @Test
    void everyMinuteIsSaidSo() {
        assertThat(CronExpression.parse("* * * * *").describe()).isEqualTo("every minute every day (UTC)");
        assertThat(CronExpression.parse("* * * * *").next(FRIDAY_NOON)).contains(Instant.parse("2025-05-30T12:01:00Z"));
    }

    @Test
    void badFieldsAreNamed() {
        assertThatThrownBy(() -> CronExpression.parse("0 6 * *")).hasMessageContaining("has five fields")
                .hasMessageContaining("not 4");
        assertThatThrownBy(() -> CronExpression.parse("0 25 * * *")).hasMessageContaining("the hour field has '25'");
        assertThatThrownBy(() -> CronExpression.parse("0 6 * FOO *")).hasMessageContaining("the month field has 'FOO'");
        assertThatThrownBy(() -> CronExpression.parse("0 9-6 * * *")).hasMessageContaining("ends before it starts");
    }

    @Test
    void aFlowScheduleMayBeACronExpressionAndABadOneIsReportedWhereItIs() {
        String yaml = "flow: f\nsource: { connection: a, table: t }\nmap: { x: x }\n"
                + "target: { connection: b, table: u, write: create }\nschedule: \"cron 0 6 * * 1-5\"\n";
        FlowDefinition d = FlowParser.parse("f.yaml", yaml).definition();
        assertThat(d.scheduleCron()).map(CronExpression::text).contains("0 6 * * 1-5");
        assertThat(d.scheduleInterval()).isEmpty();

        assertThatThrownBy(() -> FlowParser.parse("f.yaml", yaml.replace("1-5", "1-9")))
                .isInstanceOfSatisfying(FlowException.class, e -> assertThat(e.problems()).singleElement()
                        .hasToString("f.yaml:5:11: schedule 'cron 0 6 * * 1-9': the day of week field has '9'; use "
                                + "0-7 or a name such as MON, '*', ranges (a-b), steps (*/n) and lists (a,b)"));
        List<FlowProblem> p = ((FlowException) org.assertj.core.api.Assertions.catchThrowable(() ->
                FlowParser.parse("f.yaml", yaml.replace("cron 0 6 * * 1-5", "daily")))).problems();
        assertThat(p.get(0).message()).contains("'cron 0 6 * * 1-5'");
    }
}
