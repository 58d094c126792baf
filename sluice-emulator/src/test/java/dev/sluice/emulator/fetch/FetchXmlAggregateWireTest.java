package dev.sluice.emulator.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.Wire;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The examples of fetchxml/aggregate-data.md on its ten documented accounts, and the aggregate limit. */
class FetchXmlAggregateWireTest {
    static Wire wire;

    @BeforeAll
    static void start() {
        wire = DocumentedOrg.start();
    }

    @AfterAll
    static void stop() {
        wire.close();
    }

    @Test
    void theDocumentedAggregatesOfNumberOfEmployeesComeOutAsDocumented() {
        JsonNode body = Wire.json(Fetch.get(wire, "accounts", "<fetch aggregate='true'><entity name='account'>"
                + "<attribute name='numberofemployees' alias='Average' aggregate='avg'/>"
                + "<attribute name='numberofemployees' alias='Count' aggregate='count'/>"
                + "<attribute name='numberofemployees' alias='ColumnCount' aggregate='countcolumn'/>"
                + "<attribute name='numberofemployees' alias='Maximum' aggregate='max'/>"
                + "<attribute name='numberofemployees' alias='Minimum' aggregate='min'/>"
                + "<attribute name='numberofemployees' alias='Sum' aggregate='sum'/></entity></fetch>",
                "Prefer", "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\""));
        assertThat(body.get("value")).hasSize(1);
        JsonNode row = body.get("value").get(0);
        assertThat(row.get("Average").asInt()).isEqualTo(3911);
        assertThat(row.get("Count").asInt()).isEqualTo(10);
        assertThat(row.get("ColumnCount").asInt()).isEqualTo(9);
        assertThat(row.get("Maximum").asInt()).isEqualTo(6200);
        assertThat(row.get("Minimum").asInt()).isEqualTo(1500);
        assertThat(row.get("Sum").asInt()).isEqualTo(35200);
        assertThat(row.get("Sum@OData.Community.Display.V1.FormattedValue").asText()).isEqualTo("35,200");
        assertThat(row.has("@odata.etag")).isFalse();
    }

    @Test
    void countColumnWithDistinctCountsUniqueValues() {
        JsonNode row = Wire.json(Fetch.get(wire, "accounts", "<fetch aggregate='true'><entity name='account'>"
                + "<attribute name='numberofemployees' alias='ColumnCount' aggregate='countcolumn' distinct='true'/>"
                + "</entity></fetch>")).get("value").get(0);
        assertThat(row.get("ColumnCount").asInt()).isEqualTo(8);
    }

    @Test
    void groupingByCityGivesTheDocumentedTotalsInAliasOrder() {
        JsonNode body = Wire.json(Fetch.get(wire, "accounts", "<fetch aggregate='true'><entity name='account'>"
                + "<attribute name='numberofemployees' alias='Total' aggregate='sum'/>"
                + "<attribute name='address1_city' alias='Count' aggregate='count'/>"
                + "<attribute name='address1_city' alias='City' groupby='true'/><order alias='City'/></entity>"
                + "</fetch>"));
        List<String> rows = new ArrayList<>();
        body.get("value").forEach(v -> rows.add(v.get("Total").asInt() + "|" + v.get("Count").asInt() + "|"
                + (v.has("City") ? v.get("City").asText() : "NULL")));
        assertThat(rows).containsExactly("0|1|NULL", "6000|1|Dallas", "2900|1|Los Angeles", "2700|1|Lynnwood",
                "4800|1|Missoula", "3900|1|Phoenix", "10600|3|Redmond", "4300|1|Santa Cruz");
    }

    @Test
    void groupingByPartsOfADateGivesDayWeekMonthAndYear() {
        JsonNode body = Wire.json(Fetch.get(wire, "accounts", "<fetch aggregate='true'><entity name='account'>"
                + "<attribute name='numberofemployees' alias='Total' aggregate='sum'/>"
                + "<attribute name='createdon' alias='Day' groupby='true' dategrouping='day'/>"
                + "<attribute name='createdon' alias='Week' groupby='true' dategrouping='week'/>"
                + "<attribute name='createdon' alias='Month' groupby='true' dategrouping='month'/>"
                + "<attribute name='createdon' alias='Quarter' groupby='true' dategrouping='quarter'/>"
                + "<attribute name='createdon' alias='Year' groupby='true' dategrouping='year'/>"
                + "<order alias='Month'/></entity></fetch>"));
        List<String> rows = new ArrayList<>();
        body.get("value").forEach(v -> rows.add(v.get("Total").asInt() + "|" + v.get("Day").asInt() + "|"
                + v.get("Week").asInt() + "|" + v.get("Month").asInt() + "|" + v.get("Quarter").asInt() + "|"
                + v.get("Year").asInt()));
        assertThat(rows).containsExactly("35200|25|12|3|1|2023", "0|27|35|8|3|2023");
    }

    @Test
    void aggregatesMayUseLinkedColumnsAndGroupByALookup() {
        JsonNode body = Wire.json(Fetch.get(wire, "contacts", "<fetch aggregate='true'><entity name='contact'>"
                + "<attribute name='jobtitle' alias='Title' groupby='true'/>"
                + "<link-entity name='account' from='primarycontactid' to='contactid' alias='a'>"
                + "<attribute name='numberofemployees' alias='Employees' aggregate='sum'/></link-entity>"
                + "<order alias='Employees' descending='true'/></entity></fetch>"));
        List<String> rows = new ArrayList<>();
        body.get("value").forEach(v -> rows.add(v.get("Title").asText() + "=" + v.get("Employees").asInt()));
        // owners: Robert Lyon 1500, Sidney Higa 2900, Jim Glynn 3900, Nancy Anderson 4300
        assertThat(rows).containsExactly("Purchasing Manager=16400", "Owner=12600", "Purchasing Assistant=6200");
        JsonNode byContact = Wire.json(Fetch.get(wire, "accounts", "<fetch aggregate='true'><entity name='account'>"
                + "<attribute name='primarycontactid' alias='Contact' groupby='true'/>"
                + "<attribute name='accountid' alias='N' aggregate='count'/></entity></fetch>", "Prefer",
                "odata.include-annotations=\"*\""));
        assertThat(byContact.get("value")).hasSize(10);
        JsonNode withContact = byContact.get("value").get(1);
        assertThat(withContact.get("Contact@OData.Community.Display.V1.FormattedValue").asText()).endsWith("(sample)");
    }

    @Test
    void anAggregateLimitBelowTheRowCountIsRefusedWithTheDocumentedCode() {
        HttpResponse<String> r = Fetch.get(wire, "accounts", "<fetch aggregate='true' aggregatelimit='5'>"
                + "<entity name='account'><attribute name='name' alias='n' aggregate='count'/></entity></fetch>");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = Wire.json(r).get("error");
        assertThat(error.get("code").asText()).isEqualTo("0x8004E023");
        assertThat(error.get("message").asText()).startsWith("AggregateQueryRecordLimit exceeded. Cannot perform this "
                + "operation.");
    }

    @Test
    void aggregatingMoreThanFiftyThousandRowsIsRefused() {
        try (Wire big = Wire.start(Emulator.builder().noAuth(true).seed("accounts", 50_001))) {
            HttpResponse<String> r = Fetch.get(big, "accounts", "<fetch aggregate='true'><entity name='account'>"
                    + "<attribute name='accountid' alias='n' aggregate='count'/></entity></fetch>");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(Wire.json(r).get("error").get("code").asText()).isEqualTo("0x8004E023");
            HttpResponse<String> filtered = Fetch.get(big, "accounts", "<fetch aggregate='true'><entity "
                    + "name='account'><attribute name='accountid' alias='n' aggregate='count'/><filter><condition "
                    + "attribute='accountnumber' operator='ne' value='ACC-0000001'/></filter></entity></fetch>");
            assertThat(Wire.json(filtered).get("value").get(0).get("n").asInt()).isEqualTo(50_000);
        }
    }
}
