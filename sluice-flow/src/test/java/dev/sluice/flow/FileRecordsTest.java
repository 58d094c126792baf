package dev.sluice.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one CSV and JSON-lines reader and writer pair that the CLI and {@link FileRecordProvider} share. */
class FileRecordsTest {

    private static List<List<String>> readAll(String text) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (CsvRecordReader r = new CsvRecordReader(new StringReader(text), "in.csv")) {
            List<String> f;
            while ((f = r.next()) != null) {
                out.add(f);
            }
        }
        return out;
    }

    @Test
    void csvReaderReadsQuotedCommasQuotesAndLineBreaks() throws IOException {
        assertThat(readAll("a,b,c\r\n\"x, y\",\"line\nbreak\",\"say \"\"hi\"\"\"\r\n,,\n"))
                .containsExactly(List.of("a", "b", "c"), List.of("x, y", "line\nbreak", "say \"hi\""),
                        List.of("", "", ""));
    }

    @Test
    void csvReaderTellsTheLineEachRecordStartsOnAcrossEmbeddedLineBreaks() throws IOException {
        try (CsvRecordReader r = new CsvRecordReader(new StringReader("h1,h2\n\"a\nb\nc\",x\r\n\r\nlast,y"), "f.csv")) {
            List<Long> lines = new ArrayList<>();
            while (r.next() != null) {
                lines.add(r.recordLine());
            }
            assertThat(lines).containsExactly(1L, 2L, 6L);
        }
    }

    @Test
    void csvReaderSkipsAByteOrderMarkAndEmptyLinesAndKeepsHashesAsData() throws IOException {
        assertThat(readAll("\uFEFFid,name\n\n#1,x\r\n\r\n2,\"#y\"\n"))
                .containsExactly(List.of("id", "name"), List.of("#1", "x"), List.of("2", "#y"));
    }

    @Test
    void csvReaderKeepsSpacesAroundFieldsButTrimsHeaderNames() throws IOException {
        try (CsvRecordReader r = new CsvRecordReader(new StringReader(" id , name\n a , b \n"), "f.csv")) {
            assertThat(r.header()).containsExactly("id", "name");
            assertThat(r.next()).containsExactly(" a ", " b ");
        }
    }

    @Test
    void csvReaderSaysWhereAQuotedFieldIsNotClosed() {
        assertThatThrownBy(() -> readAll("a,b\n1,2\n3,\"open\nstill open\n"))
                .isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("in.csv line ")
                .hasMessageContaining("a quoted field is not closed")
                .satisfies(e -> assertThat(((SluiceException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT));
    }

    @Test
    void csvReaderSaysWhereACharacterFollowsAClosingQuote() {
        assertThatThrownBy(() -> readAll("a,b\n1,2\n\"ab\"c,3\n"))
                .isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("in.csv line 3: ");
    }

    @Test
    void csvWriterQuotesOnlyWhatMustBeQuotedWithCrlfLineEnds() throws IOException {
        StringWriter s = new StringWriter();
        CsvRecordWriter w = new CsvRecordWriter(s);
        w.write(List.of("id", "text"));
        w.write(Arrays.asList("1", null));
        w.write(new String[] {"a,b", "say \"hi\""});
        w.write(List.of(" padded ", "two\nlines"));
        w.write(List.of("#hash", "cr\r"));
        w.write(List.of("", "ünïcødé"));
        w.flush();
        assertThat(s.toString()).isEqualTo("id,text\r\n1,\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n padded ,\"two\nlines\"\r\n"
                + "#hash,\"cr\r\"\r\n,ünïcødé\r\n");
    }

    @Test
    void csvWrittenIsReadBackAsItWas() throws IOException {
        List<List<String>> records = List.of(List.of("a", "b"), List.of("x, \"y\"", "1\r\n2"), List.of("#", " "));
        StringWriter s = new StringWriter();
        CsvRecordWriter w = new CsvRecordWriter(s);
        for (List<String> r : records) {
            w.write(r);
        }
        w.flush();
        assertThat(readAll(s.toString())).isEqualTo(records);
    }

    @Test
    void jsonLinesReaderGivesRecordsLineNumbersAndProblems() throws IOException {
        String text = "{\"n\":1,\"big\":123456789012345678901,\"f\":1.50,\"b\":true,\"s\":\"x\",\"z\":null,"
                + "\"o\":{\"k\":[1,2]}}\n\n   \nnot json\n[1,2]\n{\"a\":\"b\"}\n";
        try (JsonLinesReader r = new JsonLinesReader(new BufferedReader(new StringReader(text)), false)) {
            JsonLinesReader.Line first = r.next();
            assertThat(first.number()).isEqualTo(1);
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("n", 1L);
            expected.put("big", new BigDecimal("123456789012345678901"));
            expected.put("f", new BigDecimal("1.50"));
            expected.put("b", true);
            expected.put("s", "x");
            expected.put("z", null);
            expected.put("o", Map.of("k", List.of(1, 2)));
            assertThat(first.record()).containsExactlyEntriesOf(expected);
            JsonLinesReader.Line bad = r.next();
            assertThat(bad.number()).isEqualTo(4);
            assertThat(bad.record()).isNull();
            assertThat(bad.text()).isEqualTo("not json");
            assertThat(bad.problem()).startsWith("not JSON (");
            assertThat(r.next().problem()).isEqualTo("each line must be a JSON object");
            assertThat(r.next().record()).containsExactly(Map.entry("a", "b"));
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void jsonLinesReaderGivesNestedValuesAsTextWhenAsked() throws IOException {
        try (JsonLinesReader r = new JsonLinesReader(new BufferedReader(new StringReader("{\"o\":{\"k\": [1, 2]}}")),
                true)) {
            assertThat(r.next().record()).containsExactly(Map.entry("o", "{\"k\":[1,2]}"));
        }
    }

    @Test
    void jsonRecordWriterWritesLinesOrOneArray() throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", 1L);
        r.put("price", new BigDecimal("1.50"));
        r.put("name", "A \"q\"");
        r.put("ok", true);
        r.put("none", null);
        r.put("other", List.of(1, 2));
        StringWriter lines = new StringWriter();
        JsonRecordWriter w = new JsonRecordWriter(lines, false, Object::toString);
        w.write(List.of(), r);
        w.write(List.of("name", "missing"), r);
        w.finish();
        assertThat(lines.toString()).isEqualTo("{\"id\":1,\"price\":1.50,\"name\":\"A \\\"q\\\"\",\"ok\":true,"
                + "\"none\":null,\"other\":\"[1, 2]\"}\n{\"name\":\"A \\\"q\\\"\",\"missing\":null}\n");
        StringWriter array = new StringWriter();
        JsonRecordWriter a = new JsonRecordWriter(array, true, v -> v);
        a.write(List.of("id", "other"), r);
        a.write(List.of("id"), r);
        a.finish();
        assertThat(array.toString()).isEqualTo("[\n  {\"id\":1,\"other\":[1,2]},\n  {\"id\":1}\n]\n");
        StringWriter empty = new StringWriter();
        new JsonRecordWriter(empty, true, v -> v).finish();
        assertThat(empty.toString()).isEqualTo("[]\n");
    }
}
