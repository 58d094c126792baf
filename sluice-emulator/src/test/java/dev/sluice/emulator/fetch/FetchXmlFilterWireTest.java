package dev.sluice.emulator.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.Wire;
import dev.sluice.emulator.internal.SampleIds;
import dev.sluice.emulator.internal.data.LookupValue;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every FetchXML condition operator the emulator evaluates, on four accounts with known values. */
class FetchXmlFilterWireTest {
    static final Instant NOW = Instant.parse("2024-03-10T12:00:00Z");
    static Wire wire;

    @BeforeAll
    static void start() {
        wire = Wire.start(Emulator.builder().noAuth(true).clock(Clock.fixed(NOW, ZoneOffset.UTC)));
        add("Alpha", 10, "Paris", "100.00", "2024-03-10T08:00:00Z", true, 1, false);
        add("Beta", 20, "paris", "200.00", "2024-03-07T09:00:00Z", false, 7, false);
        add("Gamma", 30, null, null, "2024-01-30T00:00:00Z", false, null, true);
        add("Delta's", null, "Oslo", "50.00", null, false, 12, false);
    }

    private static void add(String name, Integer employees, String city, String revenue, String used, boolean hold,
            Integer industry, boolean system) {
        Map<String, Object> v = new HashMap<>();
        v.put("name", name);
        v.put("numberofemployees", employees);
        v.put("address1_city", city);
        v.put("revenue", revenue == null ? null : new BigDecimal(revenue));
        v.put("lastusedincampaign", used == null ? null : Instant.parse(used));
        v.put("creditonhold", hold);
        v.put("industrycode", industry);
        if (system) {
            v.put("ownerid", new LookupValue("systemuser", SampleIds.SYSTEM_USER));
        }
        Fetch.insert(wire.emulator(), "account", v);
    }

    @AfterAll
    static void stop() {
        wire.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "<condition attribute='name' operator='eq' value='alpha'/>|Alpha",
        "<condition attribute='name' operator='eq' value='Delta&apos;s'/>|Delta's",
        "<condition attribute='numberofemployees' operator='ne' value='10'/>|Beta,Gamma",
        "<condition attribute='numberofemployees' operator='neq' value='10'/>|Beta,Gamma",
        "<condition attribute='numberofemployees' operator='lt' value='20'/>|Alpha",
        "<condition attribute='numberofemployees' operator='le' value='20'/>|Alpha,Beta",
        "<condition attribute='numberofemployees' operator='gt' value='20'/>|Gamma",
        "<condition attribute='numberofemployees' operator='ge' value='20'/>|Beta,Gamma",
        "<condition attribute='revenue' operator='gt' value='99.5'/>|Alpha,Beta",
        "<condition attribute='name' operator='like' value='%ta%'/>|Beta,Delta's",
        "<condition attribute='name' operator='not-like' value='%ta%'/>|Alpha,Gamma",
        "<condition attribute='name' operator='like' value='_amma'/>|Gamma",
        "<condition attribute='name' operator='begins-with' value='al'/>|Alpha",
        "<condition attribute='name' operator='not-begin-with' value='al'/>|Beta,Delta's,Gamma",
        "<condition attribute='name' operator='ends-with' value='A'/>|Alpha,Beta,Gamma",
        "<condition attribute='name' operator='not-end-with' value='a'/>|Delta's",
        "<condition attribute='address1_city' operator='in'><value>Paris</value><value>Oslo</value></condition>"
                + "|Alpha,Beta,Delta's",
        "<condition attribute='address1_city' operator='not-in'><value>Paris</value></condition>|Delta's",
        "<condition attribute='address1_city' operator='null'/>|Gamma",
        "<condition attribute='address1_city' operator='not-null'/>|Alpha,Beta,Delta's",
        "<condition attribute='numberofemployees' operator='between'><value>15</value><value>30</value></condition>"
                + "|Beta,Gamma",
        "<condition attribute='numberofemployees' operator='not-between'><value>15</value><value>30</value>"
                + "</condition>|Alpha",
        "<condition attribute='lastusedincampaign' operator='on' value='2024-03-07'/>|Beta",
        "<condition attribute='lastusedincampaign' operator='on-or-after' value='2024-03-07'/>|Alpha,Beta",
        "<condition attribute='lastusedincampaign' operator='on-or-before' value='2024-03-07'/>|Beta,Gamma",
        "<condition attribute='lastusedincampaign' operator='last-x-days' value='5'/>|Alpha,Beta",
        "<condition attribute='lastusedincampaign' operator='today'/>|Alpha",
        "<condition attribute='lastusedincampaign' operator='olderthan-x-days' value='30'/>|Gamma",
        "<condition attribute='ownerid' operator='eq-userid'/>|Alpha,Beta,Delta's",
        "<condition attribute='ownerid' operator='ne-userid'/>|Gamma",
        "<condition attribute='industrycode' operator='eq' value='7'/>|Beta",
        "<condition attribute='creditonhold' operator='eq' value='1'/>|Alpha",
        "<condition attribute='ownerid' operator='eq' value='{" + "1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D}'/>"
                + "|Alpha,Beta,Delta's",
        "<filter type='or'><filter><condition attribute='address1_city' operator='eq' value='PARIS'/>"
                + "<condition attribute='numberofemployees' operator='gt' value='10'/></filter>"
                + "<condition attribute='name' operator='eq' value='Gamma'/></filter>|Beta,Gamma",
        "<condition attribute='revenue' operator='gt' valueof='numberofemployees'/>|Alpha,Beta"})
    void conditionsSelectTheRowsTheyDescribe(String condition, String expected) {
        String inner = condition.startsWith("<filter") ? condition : "<filter>" + condition + "</filter>";
        HttpResponse<String> r = Fetch.get(wire, "accounts", "<fetch><entity name='account'><attribute name='name'/>"
                + inner + "</entity></fetch>");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        TreeSet<String> names = new TreeSet<>();
        for (JsonNode v : Wire.json(r).get("value")) {
            names.add(v.get("name").asText());
        }
        assertThat(names).containsExactlyElementsOf(new TreeSet<>(List.of(expected.split(","))));
    }
}
