package dev.sluice.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The formatter-free date-time parse that every row read goes through, against java.time's own. */
class RecordValuesTest {
    @Test
    void utcDateTimesAsTheWebApiSendsThemParseLikeJavaTime() {
        for (String s : new String[] {"2024-02-29T23:59:59Z", "1900-01-01T00:00:00Z", "2038-01-19T03:14:08Z"}) {
            assertThat(RecordValues.utc(s)).isEqualTo(Instant.parse(s));
        }
    }

    @Test
    void otherShapesAreLeftToTheFormatter() {
        assertThat(RecordValues.utc("2024-02-29T23:59:59.5Z")).isNull();
        assertThat(RecordValues.utc("2024-02-29T23:59:59+01:00")).isNull();
        assertThat(RecordValues.utc("2023-02-29T10:00:00Z")).isNull();
        assertThat(RecordValues.utc("2024-13-01T10:00:00Z")).isNull();
        assertThat(RecordValues.utc("2024-01-01 10:00:00Z")).isNull();
        assertThat(RecordValues.utc("2024-0a-01T10:00:00Z")).isNull();
    }
}
