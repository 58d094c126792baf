package dev.sluice.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How long a value's filter text is once encoded, counted without encoding it (the reads' URL budget). */
class RowFinderTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "abcXYZ019", ".-*_", "a b", "p-0000042@example.test", "O'Brien", "100%+1&x=y",
        "Zoë", "日本", "\uD83D\uDE00", "\uD83D", "\uDE00x", "x\uD83D", "~!#$()/?:;,[]{}|\\^`\"<>\t\n"})
    void countsWhatUrlEncodingMakes(String text) {
        assertThat(RowFinder.encodedLength(text)).isEqualTo(Query.enc(text).length());
    }

    @Test
    void countsWhatUrlEncodingMakesOfAnyCharacters() {
        Random random = new Random(14);
        for (int n = 0; n < 2000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                b.append((char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000)));
            }
            String text = b.toString();
            assertThat(RowFinder.encodedLength(text)).as(text).isEqualTo(Query.enc(text).length());
        }
    }
}
