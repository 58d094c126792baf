package dev.sluice.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.dataverse.Row;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowJsonTest {
    @Test
    void aStreamedRowHasTheRowsValuesWithDecimalsAsDataverseWroteThem() throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", "Ünïcode \"quoted\" \u2028");
        values.put("numberofemployees", 42L);
        values.put("revenue", new BigDecimal("1234.5000"));
        values.put("tiny", new BigDecimal("1E-7"));
        values.put("round", new BigDecimal("100.00"));
        values.put("zero", new BigDecimal("0.000"));
        values.put("donotcall", Boolean.FALSE);
        values.put("description", null);
        values.put("tags", List.of("a", 1L));
        values.put("primarycontactid", new Row(Map.of("fullname", "Dana"), Map.of()));
        Row row = new Row(values, Map.of("revenue@OData.Community.Display.V1.FormattedValue", "$1,234.50"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonBodies.MAPPER.createGenerator(out)) {
            ApiPages.writeRow(g, row);
        }
        String json = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"name\":\"Ünïcode \\\"quoted\\\" \u2028\",\"numberofemployees\":42,"
                + "\"revenue\":1234.5000,\"tiny\":1E-7,\"round\":100.00,\"zero\":0.000,\"donotcall\":false,"
                + "\"description\":null,\"tags\":[\"a\",1],\"primarycontactid\":{\"values\":{\"fullname\":\"Dana\"},"
                + "\"annotations\":{}},\"revenue@OData.Community.Display.V1.FormattedValue\":\"$1,234.50\"}");
        // the same values as the row's tree (which differs only in how it spells decimals)
        assertThat(JsonBodies.MAPPER.readTree(json).toString()).isEqualTo(JsonBodies.MAPPER.readTree(
                JsonBodies.MAPPER.writeValueAsString(DataApi.row(row))).toString());
    }
}
