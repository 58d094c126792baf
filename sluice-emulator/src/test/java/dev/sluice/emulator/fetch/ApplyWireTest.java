package dev.sluice.emulator.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.Wire;
import dev.sluice.emulator.internal.data.LookupValue;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The examples of webapi/query/aggregate-data.md: eight active accounts and one inactive, with revenue. */
class ApplyWireTest {
    static final String FORMATTED = "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"";
    static Wire wire;

    @BeforeAll
    static void start() {
        wire = Wire.start(Emulator.builder().noAuth(true));
        UUID jim = Fetch.insert(wire.emulator(), "contact", Map.of("firstname", "Jim", "lastname", "Glynn (sample)"));
        UUID maria = Fetch.insert(wire.emulator(), "contact", Map.of("firstname", "Maria", "lastname",
                "Campbell (sample)"));
        for (int i = 0; i < 8; i++) {
            Map<String, Object> v = new HashMap<>();
            v.put("name", "Active " + i);
            v.put("revenue", new BigDecimal("53750"));
            v.put("address1_city", i < 3 ? "Redmond" : "Seattle");
            v.put("industrycode", i < 2 ? 1 : null);
            v.put("primarycontactid", new LookupValue("contact", i < 5 ? maria : jim));
            Fetch.insert(wire.emulator(), "account", v, Instant.parse("2023-03-25T17:42:4" + (i % 2 == 0 ? 6 : 7)
                    + "Z"));
        }
        Map<String, Object> inactive = new HashMap<>();
        inactive.put("name", "Inactive");
        inactive.put("revenue", new BigDecimal("10000"));
        inactive.put("statecode", 1);
        inactive.put("statuscode", 2);
        Fetch.insert(wire.emulator(), "account", inactive, Instant.parse("2023-03-25T17:42:40Z"));
    }

    @AfterAll
    static void stop() {
        wire.close();
    }

    @Test
    void groupByStatusListsTheUniqueStatusesWithTheirLabels() {
        JsonNode body = apply("groupby((statuscode))");
        assertThat(body.get("@odata.context").asText()).endsWith("$metadata#accounts");
        assertThat(rows(body, "statuscode")).containsExactly("1", "2");
        assertThat(body.get("value").get(0).get("statuscode@OData.Community.Display.V1.FormattedValue").asText())
                .isEqualTo("Active");
    }

    @Test
    void countByStatusGivesEightAndOne() {
        JsonNode body = apply("groupby((statuscode),aggregate($count as count))");
        assertThat(rows(body, "statuscode", "count")).containsExactly("1:8", "2:1");
        assertThat(body.get("value").get(0).get("count@OData.Community.Display.V1.FormattedValue").asText())
                .isEqualTo("8");
    }

    @Test
    void sumAndAverageOfRevenueAreTheDocumentedAmounts() {
        assertThat(wire.get("accounts?$apply=" + Fetch.enc("aggregate(revenue with sum as total)")).body())
                .contains("\"total\":440000.000000000");
        JsonNode total = apply("aggregate(revenue with sum as total)").get("value").get(0);
        assertThat(total.get("total").decimalValue()).isEqualByComparingTo("440000");
        assertThat(total.get("total@OData.Community.Display.V1.FormattedValue").asText()).isEqualTo("$440,000.00");
        assertThat(rows(apply("groupby((statuscode),aggregate(revenue with average as averagevalue))"), "statuscode",
                "averagevalue")).containsExactly("1:53750", "2:10000");
        assertThat(rows(apply("groupby((statuscode),aggregate(revenue with sum as total))"), "statuscode", "total"))
                .containsExactly("1:430000", "2:10000");
    }

    @Test
    void groupingByARelatedColumnNamesItTableUnderscoreColumn() {
        JsonNode body = apply("groupby((primarycontactid/fullname),aggregate(revenue with sum as total))");
        assertThat(rows(body, "contact_fullname", "total")).containsExactly("null:10000",
                "Jim Glynn (sample):161250", "Maria Campbell (sample):268750");
    }

    @Test
    void aFilterStepComesBeforeTheGrouping() {
        JsonNode body = apply("filter(address1_city eq 'Redmond')/groupby((primarycontactid/fullname))");
        assertThat(rows(body, "contact_fullname")).containsExactly("Maria Campbell (sample)");
    }

    @Test
    void minimumAndMaximumOfCreatedOnAreTheFirstAndLastCreated() {
        assertThat(apply("aggregate(createdon with max as lastCreate)").get("value").get(0).get("lastCreate").asText())
                .isEqualTo("2023-03-25T17:42:47Z");
        JsonNode first = apply("aggregate(createdon with min as firstCreate)").get("value").get(0);
        assertThat(first.get("firstCreate").asText()).isEqualTo("2023-03-25T17:42:40Z");
        assertThat(first.get("firstCreate@OData.Community.Display.V1.FormattedValue").asText())
                .isEqualTo("3/25/2023 5:42 PM");
    }

    @Test
    void groupByOfSeveralColumnsGivesTheDistinctCombinationsLeavingNullsOut() {
        JsonNode body = apply("groupby((statecode,statuscode,industrycode))");
        assertThat(body.get("value")).hasSize(3);
        assertThat(body.get("value").get(0).has("industrycode")).isFalse();
    }

    @Test
    void whatDataverseRefusesIsRefused() {
        assertRefused(wire.get("accounts?$apply=" + Fetch.enc("groupby((statuscode))") + "&$orderby=statuscode"),
                "SingleValueOpenPropertyAccess");
        assertRefused(wire.get("accounts?$apply=" + Fetch.enc("groupby((createdon))")), "datetime");
        assertRefused(wire.get("accounts?$apply=" + Fetch.enc("aggregate(name with countdistinct as n)")),
                "countdistinct");
        assertRefused(wire.get("accounts?$apply=" + Fetch.enc("aggregate(name with sum as n)")), "sum");
        assertRefused(wire.get("accounts?$apply=" + Fetch.enc("groupby((nmae))")), "nmae");
    }

    @Test
    void aggregatingMoreThanFiftyThousandRowsIsRefused() {
        try (Wire big = Wire.start(Emulator.builder().noAuth(true).seed("accounts", 50_001))) {
            HttpResponse<String> r = big.get("accounts?$apply=" + Fetch.enc("aggregate($count as n)"));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(Wire.json(r).get("error").get("code").asText()).isEqualTo("0x8004E023");
        }
    }

    private static void assertRefused(HttpResponse<String> r, String mentions) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(Wire.json(r).get("error").get("message").asText()).contains(mentions);
    }

    private static JsonNode apply(String apply) {
        HttpResponse<String> r = wire.get("accounts?$apply=" + Fetch.enc(apply), "Prefer", FORMATTED);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Wire.json(r);
    }

    private static List<String> rows(JsonNode body, String... names) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : body.get("value")) {
            List<String> parts = new ArrayList<>();
            for (String n : names) {
                JsonNode x = v.get(n);
                parts.add(x == null ? "null" : x.isNumber() ? x.decimalValue().stripTrailingZeros().toPlainString()
                        : x.asText());
            }
            out.add(String.join(":", parts));
        }
        return out;
    }
}
