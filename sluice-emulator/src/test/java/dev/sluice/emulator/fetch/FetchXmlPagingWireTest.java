package dev.sluice.emulator.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.Wire;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Paging FetchXML over raw HTTP as documented: a 20,000-row join checked row for row against the same join computed
 * here from plain OData reads, a sort key whose ties straddle page boundaries, and the fallback to page numbers when
 * no cookie comes back.
 */
class FetchXmlPagingWireTest {

    @Test
    void aPagedJoinOfTwentyThousandRowsEqualsTheJoinComputedIndependently() throws Exception {
        try (Wire wire = Wire.start(Emulator.builder().noAuth(true).seed("accounts", 2000).seed("contacts", 20_000))) {
            String xml = "<fetch count='500'><entity name='contact'><attribute name='fullname'/>"
                    + "<attribute name='emailaddress1'/><attribute name='jobtitle'/>"
                    + "<link-entity name='account' from='accountid' to='parentcustomerid' link-type='outer' alias='a'>"
                    + "<attribute name='name'/><attribute name='accountnumber'/><filter>"
                    + "<condition attribute='numberofemployees' operator='gt' value='1000'/></filter></link-entity>"
                    + "<order attribute='fullname'/></entity></fetch>";
            List<Fetch.Page> pages = Fetch.pages(wire, "contacts", xml);
            assertThat(pages).hasSize(40);
            assertThat(pages.subList(0, 39)).allSatisfy(p -> assertThat(p.cookie()).isNotNull());
            List<String> got = new ArrayList<>();
            for (JsonNode r : Fetch.rows(pages)) {
                got.add(line(r.get("contactid"), r.get("fullname"), r.get("emailaddress1"), r.get("jobtitle"),
                        r.get("a_x002e_name"), r.get("a_x002e_accountnumber")));
            }
            // the same join, from plain reads of both tables
            Map<String, JsonNode> accounts = new HashMap<>();
            for (JsonNode a : odata(wire, "accounts?$select=name,accountnumber,numberofemployees")) {
                accounts.put(a.get("accountid").asText(), a);
            }
            List<JsonNode> contacts = odata(wire, "contacts?$select=fullname,emailaddress1,jobtitle,"
                    + "_parentcustomerid_value");
            contacts.sort(Comparator.comparing((JsonNode c) -> c.get("fullname").asText(),
                    String.CASE_INSENSITIVE_ORDER).thenComparing(c -> UUID.fromString(c.get("contactid").asText())));
            List<String> expected = new ArrayList<>();
            for (JsonNode c : contacts) {
                JsonNode a = accounts.get(c.path("_parentcustomerid_value").asText(""));
                if (a != null && !(a.path("numberofemployees").asInt(0) > 1000)) {
                    a = null;
                }
                expected.add(line(c.get("contactid"), c.get("fullname"), c.get("emailaddress1"), c.get("jobtitle"),
                        a == null ? null : a.get("name"), a == null ? null : a.get("accountnumber")));
            }
            assertThat(got).hasSize(20_000).isEqualTo(expected);
            assertThat(got.stream().filter(l -> !l.endsWith("|null|null")).count()).isBetween(10_000L, 19_000L);
        }
    }

    @Test
    void rowsWithTiedSortValuesAcrossPageBoundariesComeOnceEach() throws Exception {
        try (Wire wire = Wire.start(Emulator.builder().noAuth(true))) {
            String tied = "Tie & <Co> \"Ltd\" 100% 'x' + café";
            List<UUID> tiedIds = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                tiedIds.add(Fetch.insert(wire.emulator(), "account", Map.of("name", tied)));
            }
            Fetch.insert(wire.emulator(), "account", Map.of("name", "Aardvark"));
            Fetch.insert(wire.emulator(), "account", Map.of("name", "Zebra"));
            List<Fetch.Page> pages = Fetch.pages(wire, "accounts", "<fetch count='3'><entity name='account'>"
                    + "<attribute name='name'/><order attribute='name'/></entity></fetch>");
            assertThat(pages).hasSize(3);
            List<String> names = new ArrayList<>();
            List<UUID> ids = new ArrayList<>();
            for (JsonNode r : Fetch.rows(pages)) {
                names.add(r.get("name").asText());
                ids.add(UUID.fromString(r.get("accountid").asText()));
            }
            assertThat(names).containsExactly("Aardvark", tied, tied, tied, tied, tied, tied, tied, "Zebra");
            tiedIds.sort(Comparator.naturalOrder());
            assertThat(ids.subList(1, 8)).isEqualTo(tiedIds);
            String inner = URLDecoder.decode(URLDecoder.decode(pages.get(0).cookie()
                    .replaceAll(".*pagingcookie=\"([^\"]*)\".*", "$1"), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            assertThat(inner).contains("<name last=\"Tie &amp; &lt;Co&gt; &quot;Ltd&quot; 100% 'x' + café\"");
        }
    }

    @Test
    void datesWithinOneSecondAreNeitherRepeatedNorLostAcrossPages() throws Exception {
        try (Wire wire = Wire.start(Emulator.builder().noAuth(true))) {
            java.time.Instant second = java.time.Instant.parse("2024-05-01T10:00:00Z");
            for (int i = 0; i < 9; i++) {
                Fetch.insert(wire.emulator(), "account", Map.of("name", "A" + i, "lastusedincampaign",
                        second.plusMillis(100L * ((i * 7) % 9))));
            }
            List<Fetch.Page> pages = Fetch.pages(wire, "accounts", "<fetch count='2'><entity name='account'>"
                    + "<attribute name='name'/><order attribute='lastusedincampaign' descending='true'/></entity>"
                    + "</fetch>");
            List<String> names = new ArrayList<>();
            Fetch.rows(pages).forEach(r -> names.add(r.get("name").asText()));
            assertThat(names).hasSize(9).doesNotHaveDuplicates();
        }
    }

    @Test
    void aPageFollowsItsCookieEvenWhenTheCookiesLastRowWasDeleted() throws Exception {
        try (Wire wire = Wire.start(Emulator.builder().noAuth(true).seed("accounts", 10))) {
            String xml = "<fetch count='4'><entity name='account'><attribute name='name'/></entity></fetch>";
            JsonNode first = Wire.json(Fetch.get(wire, "accounts", xml, "Prefer", Fetch.PAGING));
            String last = first.get("value").get(3).get("accountid").asText();
            assertThat(wire.call("DELETE", "accounts(" + last + ")", null).statusCode()).isEqualTo(204);
            String inner = URLDecoder.decode(URLDecoder.decode(first.get("@Microsoft.Dynamics.CRM.fetchxmlpagingcookie")
                    .asText().replaceAll(".*pagingcookie=\"([^\"]*)\".*", "$1"), StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8);
            String next = "<fetch count='4' page='2' paging-cookie='" + inner.replace("&", "&amp;").replace("<", "&lt;")
                    .replace(">", "&gt;").replace("'", "&apos;") + "'><entity name='account'><attribute name='name'/>"
                    + "</entity></fetch>";
            JsonNode second = Wire.json(Fetch.get(wire, "accounts", next, "Prefer", Fetch.PAGING));
            List<String> all = new ArrayList<>();
            first.get("value").forEach(v -> all.add(v.get("accountid").asText()));
            second.get("value").forEach(v -> all.add(v.get("accountid").asText()));
            assertThat(all).hasSize(8).doesNotHaveDuplicates();
        }
    }

    @Test
    void orderingByALinkEntityColumnReturnsNoCookieAndPagesByNumber() throws Exception {
        try (Wire wire = Wire.start(Emulator.builder().noAuth(true).seed("accounts", 30).seed("contacts", 40))) {
            List<Fetch.Page> pages = Fetch.pages(wire, "contacts", "<fetch count='7'><entity name='contact'>"
                    + "<attribute name='fullname'/><link-entity name='account' from='accountid' to='parentcustomerid' "
                    + "alias='a' link-type='outer'><attribute name='name'/><order attribute='name'/></link-entity>"
                    + "</entity></fetch>");
            assertThat(pages).hasSize(6);
            assertThat(pages).allSatisfy(p -> assertThat(p.cookie()).isNull());
            assertThat(pages.subList(0, 5)).allSatisfy(p -> assertThat(p.body()
                    .get("@Microsoft.Dynamics.CRM.morerecords").asBoolean()).isTrue());
            List<String> ids = new ArrayList<>();
            Fetch.rows(pages).forEach(r -> ids.add(r.get("contactid").asText()));
            assertThat(ids).hasSize(40).doesNotHaveDuplicates();
        }
    }

    @Test
    void aOneToManyJoinPagesEveryJoinedRowOnceWithoutCookies() throws Exception {
        try (Wire wire = Wire.start(Emulator.builder().noAuth(true).seed("accounts", 20).seed("contacts", 90))) {
            List<Fetch.Page> pages = Fetch.pages(wire, "accounts", "<fetch count='10'><entity name='account'>"
                    + "<attribute name='name'/><link-entity name='contact' from='parentcustomerid' to='accountid' "
                    + "alias='c'><attribute name='contactid'/></link-entity></entity></fetch>");
            assertThat(pages).allSatisfy(p -> assertThat(p.cookie()).isNull());
            List<String> pairs = new ArrayList<>();
            Fetch.rows(pages).forEach(r -> pairs.add(r.get("accountid").asText() + "/"
                    + r.get("c_x002e_contactid").asText()));
            long withAccount = odata(wire, "contacts?$select=contactid&$filter=_parentcustomerid_value%20ne%20null")
                    .size();
            assertThat(pairs).hasSize((int) withAccount).doesNotHaveDuplicates();
        }
    }

    @Test
    void aCookieForAnotherPageIsIgnoredAndThePageIsCountedFromTheStart() throws Exception {
        try (Wire wire = Wire.start(Emulator.builder().noAuth(true).seed("accounts", 12))) {
            String base = "<entity name='account'><attribute name='name'/></entity></fetch>";
            JsonNode first = Wire.json(Fetch.get(wire, "accounts", "<fetch count='4'>" + base, "Prefer",
                    Fetch.PAGING));
            String inner = URLDecoder.decode(URLDecoder.decode(first.get("@Microsoft.Dynamics.CRM.fetchxmlpagingcookie")
                    .asText().replaceAll(".*pagingcookie=\"([^\"]*)\".*", "$1"), StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8).replace("<", "&lt;").replace(">", "&gt;");
            JsonNode third = Wire.json(Fetch.get(wire, "accounts", "<fetch count='4' page='3' paging-cookie='" + inner
                    + "'>" + base));
            JsonNode simple = Wire.json(Fetch.get(wire, "accounts", "<fetch count='4' page='3'>" + base));
            assertThat(third.get("value")).isEqualTo(simple.get("value"));
            assertThat(third.get("value")).hasSize(4);
        }
    }

    private static String line(JsonNode... values) {
        List<String> parts = new ArrayList<>();
        for (JsonNode v : values) {
            parts.add(v == null || v.isNull() ? "null" : v.asText());
        }
        return String.join("|", parts);
    }

    /** Every row of an OData query, following nextLinks. */
    private static List<JsonNode> odata(Wire wire, String query) {
        List<JsonNode> out = new ArrayList<>();
        String url = wire.api(query);
        while (url != null) {
            JsonNode body = Wire.json(wire.send("GET", url, null, "Prefer", "odata.maxpagesize=5000"));
            body.get("value").forEach(out::add);
            url = body.has("@odata.nextLink") ? body.get("@odata.nextLink").asText() : null;
        }
        return out;
    }
}
