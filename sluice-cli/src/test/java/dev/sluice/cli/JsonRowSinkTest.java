package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.dataverse.Row;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRowSinkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Row row(int i) {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("name", "Parent \"" + i + "\" ünïcode ✓");
        nested.put("revenue", new BigDecimal("12.5000"));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("accountnumber", "ACC-" + i);
        v.put("revenue", new BigDecimal("97185.5200"));
        v.put("employees", i);
        v.put("big", 9_000_000_000L + i);
        v.put("active", i % 2 == 0);
        v.put("ratio", 0.25 * i);
        v.put("city", null);
        v.put("line\nbreak", "tab\there");
        v.put("parent", new Row(nested, Map.of()));
        v.put("tags", List.of("a", new Row(Map.of("x", 1), Map.of())));
        return new Row(v, Map.of());
    }

    @Test
    void jsonLinesPrintEveryValueAsTheObjectMapperPrintsTheRow() throws Exception {
        StringWriter out = new StringWriter();
        List<String> expected = new ArrayList<>();
        try (JsonRowSink sink = new JsonRowSink(out, List.of(), false)) {
            for (int i = 0; i < 3; i++) {
                sink.write(row(i));
                expected.add(JSON.writeValueAsString(CellText.plain(row(i))));
            }
        }
        assertThat(out.toString()).isEqualTo(String.join("\n", expected) + "\n");
    }

    @Test
    void chosenColumnsComeInTheirOrderAndAMissingOneIsNull() throws Exception {
        StringWriter out = new StringWriter();
        try (JsonRowSink sink = new JsonRowSink(out, List.of("revenue", "nosuch", "accountnumber"), false)) {
            sink.write(row(7));
        }
        assertThat(out.toString()).isEqualTo("{\"revenue\":97185.5200,\"nosuch\":null,\"accountnumber\":\"ACC-7\"}\n");
    }

    @Test
    void anArrayIsOneJsonDocumentAndNoRowsMakeAnEmptyOne() throws Exception {
        StringWriter out = new StringWriter();
        try (JsonRowSink sink = new JsonRowSink(out, List.of("accountnumber", "employees"), true)) {
            sink.write(row(1));
            sink.write(row(2));
        }
        assertThat(out.toString()).isEqualTo("[\n  {\"accountnumber\":\"ACC-1\",\"employees\":1},\n"
                + "  {\"accountnumber\":\"ACC-2\",\"employees\":2}\n]\n");
        assertThat(JSON.readTree(out.toString()).size()).isEqualTo(2);
        StringWriter empty = new StringWriter();
        new JsonRowSink(empty, List.of(), true).finish();
        assertThat(empty.toString()).isEqualTo("[]\n");
    }
}
