package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The progress bar's total of an import: the input's non-blank lines, counted on its bytes as decoding counts them. */
class ImportLineCountTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\rb\rc", "a\r\n\r\nb", "\n\n \n\t\na\n",
        "h\n \u000B\f\u001C\u001F \r\nx\n", "  a  \n   ", "a,b\n\"multi\nline\"\n", "\r", "\r\n\r\n", "x\u007F\n"})
    void countsTheLinesThatDecodingWouldCountAsNotBlank(String text) throws IOException {
        Path f = write(text);

        assertThat(ImportCommand.nonBlankAsciiLines(f)).isEqualTo(decodedNonBlankLines(f));
    }

    @Test
    void aFileLongerThanOneReadBufferIsCountedWhole() throws IOException {
        StringBuilder b = new StringBuilder("emailaddress1,lastname\n");
        for (int i = 0; i < 20_000; i++) {
            b.append("p-").append(i).append("@example.test,Last ").append(i).append(i % 7 == 0 ? "\r\n" : "\n");
            if (i % 1000 == 0) {
                b.append("   \n");
            }
        }
        Path f = write(b.toString());

        assertThat(ImportCommand.nonBlankAsciiLines(f)).isEqualTo(20_001).isEqualTo(decodedNonBlankLines(f));
    }

    @Test
    void aFileWithTextOutsideAsciiIsLeftToDecoding() throws IOException {
        assertThat(ImportCommand.nonBlankAsciiLines(write("name\nZoë\n"))).isEqualTo(-1);
        assertThat(ImportCommand.nonBlankAsciiLines(write("\uFEFFname\nx\n"))).isEqualTo(-1);
        assertThat(ImportCommand.nonBlankAsciiLines(write("name\n\u2003\n"))).isEqualTo(-1);
    }

    private Path write(String text) throws IOException {
        Path f = Files.createTempFile(dir, "count", ".csv");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static long decodedNonBlankLines(Path f) throws IOException {
        try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.isBlank()).count();
        }
    }
}
