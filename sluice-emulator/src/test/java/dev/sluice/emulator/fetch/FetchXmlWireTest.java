package dev.sluice.emulator.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Wire;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Microsoft's documented FetchXML examples over raw HTTP (fetchxml/page-results.md, select-columns.md, join-tables.md). */
class FetchXmlWireTest {
    static Wire wire;

    /** The documented query, as the documented requests send it (CRLF between the lines). */
    static final String DOC_QUERY_TAIL = "%0D%0A%3Centity%20name%3D%27contact%27%3E%0D%0A%3Cattribute%20name%3D"
            + "%27fullname%27%2F%3E%0D%0A%3Cattribute%20name%3D%27jobtitle%27%2F%3E%0D%0A%3Cattribute%20name%3D"
            + "%27annualincome%27%2F%3E%0D%0A%3Corder%20descending%3D%27true%27%20attribute%3D%27fullname%27%2F%3E"
            + "%0D%0A%3C%2Fentity%3E%0D%0A%3C%2Ffetch%3E";

    @BeforeAll
    static void start() {
        wire = DocumentedOrg.start();
    }

    @AfterAll
    static void stop() {
        wire.close();
    }

    @Test
    void theDocumentedFirstPageCarriesTheDoublyEncodedPagingCookieAndMoreRecords() {
        HttpResponse<String> r = wire.get("contacts?fetchXml=%3Cfetch%20count%3D%273%27%20page%3D%271%27%3E"
                + DOC_QUERY_TAIL + "&$count=true", "Prefer", Fetch.PAGING);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Preference-Applied")).hasValue(Fetch.PAGING);
        JsonNode body = Wire.json(r);
        assertThat(names(body)).containsExactly("Yvonne McKay (sample)", "Thomas Andersen (sample)",
                "Susanna Stubberod (sample)");
        assertThat(body.get("@Microsoft.Dynamics.CRM.morerecords").asBoolean()).isTrue();
        // byte for byte the documented annotation: the inner cookie URL-encoded twice, lower-case hex
        assertThat(body.get("@Microsoft.Dynamics.CRM.fetchxmlpagingcookie").asText()).isEqualTo(
                "<cookie pagenumber=\"2\" pagingcookie=\"%253ccookie%2520page%253d%25221%2522%253e%253cfullname%2520"
                + "last%253d%2522Susanna%2520Stubberod%2520%2528sample%2529%2522%2520first%253d%2522Yvonne%2520McKay"
                + "%2520%2528sample%2529%2522%2520%252f%253e%253ccontactid%2520last%253d%2522%257b70BF4D48-34CB-ED11-"
                + "B596-0022481D68CD%257d%2522%2520first%253d%2522%257b49B0BE2E-D01C-ED11-B83E-000D3A572421%257d%2522"
                + "%2520%252f%253e%253c%252fcookie%253e\" istracking=\"False\" />");
        assertThat(body.get("@odata.count").asInt()).isEqualTo(13);
        JsonNode yvonne = body.get("value").get(0);
        assertThat(yvonne.get("@odata.etag").asText()).startsWith("W/\"");
        assertThat(yvonne.get("jobtitle").asText()).isEqualTo("Coffee Master");
        assertThat(yvonne.get("annualincome").decimalValue()).isEqualByComparingTo("45000");
        assertThat(yvonne.get("contactid").asText()).isEqualTo("49b0be2e-d01c-ed11-b83e-000d3a572421");
        // FetchXML leaves null values out (Thomas Andersen has no income)
        assertThat(body.get("value").get(1).has("annualincome")).isFalse();
    }

    @Test
    void theDocumentedSecondPageRequestContinuesAfterTheCookiesLastRow() {
        HttpResponse<String> r = wire.get("contacts?fetchXml=%3Cfetch%20count%3D%273%27%20page%3D%272%27%20"
                + "paging-cookie%3D%27%26lt%3Bcookie%20page%3D%221%22%26gt%3B%26lt%3Bfullname%20last%3D%22Susanna"
                + "%20Stubberod%20%28sample%29%22%20first%3D%22Yvonne%20McKay%20%28sample%29%22%20%2F%26gt%3B%26lt%3B"
                + "contactid%20last%3D%22%7B70BF4D48-34CB-ED11-B596-0022481D68CD%7D%22%20first%3D%22%7B49B0BE2E-D01C-"
                + "ED11-B83E-000D3A572421%7D%22%20%2F%26gt%3B%26lt%3B%2Fcookie%26gt%3B%27%3E" + DOC_QUERY_TAIL,
                "Prefer", Fetch.PAGING);
        JsonNode body = Wire.json(r);
        assertThat(names(body)).containsExactly("Susan Burk (sample)", "Sidney Higa (sample)",
                "Scott Konersmann (sample)");
        String outer = body.get("@Microsoft.Dynamics.CRM.fetchxmlpagingcookie").asText();
        String inner = URLDecoder.decode(URLDecoder.decode(outer.replaceAll(".*pagingcookie=\"([^\"]*)\".*", "$1"),
                StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(inner).isEqualTo("<cookie page=\"2\"><fullname last=\"Scott Konersmann (sample)\" first=\"Susan "
                + "Burk (sample)\" /><contactid last=\"{78BF4D48-34CB-ED11-B596-0022481D68CD}\" first=\"{84BF4D48-34CB-"
                + "ED11-B596-0022481D68CD}\" /></cookie>");
        assertThat(outer).startsWith("<cookie pagenumber=\"3\" ");
    }

    @Test
    void theDocumentedLastPageHasNeitherPagingAnnotation() {
        HttpResponse<String> r = wire.get("contacts?fetchXml=%3Cfetch%20count%3D%273%27%20page%3D%275%27%20"
                + "paging-cookie%3D%27%26lt%3Bcookie%20page%3D%224%22%26gt%3B%26lt%3Bfullname%20last%3D%22Maria%20"
                + "Campbell%20%28sample%29%22%20first%3D%22Patrick%20Sands%20%28sample%29%22%20%2F%26gt%3B%26lt%3B"
                + "contactid%20last%3D%22%7B74BF4D48-34CB-ED11-B596-0022481D68CD%7D%22%20first%3D%22%7B82BF4D48-34CB-"
                + "ED11-B596-0022481D68CD%7D%22%20%2F%26gt%3B%26lt%3B%2Fcookie%26gt%3B%27%3E" + DOC_QUERY_TAIL,
                "Prefer", Fetch.PAGING);
        JsonNode body = Wire.json(r);
        assertThat(names(body)).containsExactly("Jim Glynn (sample)");
        assertThat(body.get("value").get(0).get("contactid").asText()).isEqualTo("80bf4d48-34cb-ed11-b596-0022481d68cd");
        assertThat(body.has("@Microsoft.Dynamics.CRM.morerecords")).isFalse();
        assertThat(body.has("@Microsoft.Dynamics.CRM.fetchxmlpagingcookie")).isFalse();
    }

    @Test
    void followingTheCookiesAsDocumentedReturnsEveryContactOnceInOrder() throws Exception {
        List<Fetch.Page> pages = Fetch.pages(wire, "contacts", "<fetch count='3' page='1'><entity name='contact'>"
                + "<attribute name='fullname'/><order descending='true' attribute='fullname'/></entity></fetch>");
        assertThat(pages).hasSize(5);
        List<String> names = new ArrayList<>();
        Fetch.rows(pages).forEach(n -> names.add(n.get("fullname").asText()));
        List<String> expected = new ArrayList<>(DocumentedOrg.CONTACTS.keySet());
        assertThat(names).isEqualTo(expected);
        assertThat(pages.subList(0, 4)).allSatisfy(p -> assertThat(p.cookie()).isNotNull());
    }

    @Test
    void withoutThePreferHeaderNoPagingAnnotationIsReturned() {
        JsonNode body = Wire.json(Fetch.get(wire, "contacts", "<fetch count='3'><entity name='contact'>"
                + "<attribute name='fullname'/></entity></fetch>"));
        assertThat(body.get("value")).hasSize(3);
        assertThat(body.has("@Microsoft.Dynamics.CRM.morerecords")).isFalse();
        assertThat(body.has("@Microsoft.Dynamics.CRM.fetchxmlpagingcookie")).isFalse();
    }

    @Test
    void anInnerLinkEntityReturnsItsColumnsAsAliasDotColumn() {
        JsonNode body = Wire.json(Fetch.get(wire, "accounts", "<fetch><entity name='account'><attribute name='name'/>"
                + "<link-entity name='contact' from='contactid' to='primarycontactid' link-type='inner' alias='contact'>"
                + "<attribute name='fullname'/></link-entity><order attribute='name'/></entity></fetch>"));
        List<String> pairs = new ArrayList<>();
        body.get("value").forEach(v -> pairs.add(v.get("name").asText() + " | "
                + v.get("contact_x002e_fullname").asText()));
        assertThat(pairs).containsExactly(
                "A. Datum Corporation (sample) | Rene Valdes (sample)",
                "Adventure Works (sample) | Nancy Anderson (sample)",
                "Alpine Ski House (sample) | Paul Cannon (sample)",
                "Blue Yonder Airlines (sample) | Sidney Higa (sample)",
                "City Power & Light (sample) | Scott Konersmann (sample)",
                "Coho Winery (sample) | Jim Glynn (sample)",
                "Contoso Pharmaceuticals (sample) | Robert Lyon (sample)",
                "Fabrikam, Inc. (sample) | Maria Campbell (sample)",
                "Litware, Inc. (sample) | Susanna Stubberod (sample)");
    }

    @Test
    void aOneToManyLinkFromTheContactSideReturnsTheSameNinePairs() {
        JsonNode body = Wire.json(Fetch.get(wire, "contacts", "<fetch><entity name='contact'>"
                + "<attribute name='fullname'/><link-entity name='account' from='primarycontactid' to='contactid' "
                + "alias='account'><attribute name='name'/></link-entity></entity></fetch>"));
        assertThat(body.get("value")).hasSize(9);
        body.get("value").forEach(v -> assertThat(v.has("account_x002e_name")).isTrue());
    }

    @Test
    void anOuterLinkKeepsRowsWithoutAMatchAndOmitsTheirLinkColumns() {
        JsonNode body = Wire.json(Fetch.get(wire, "accounts", "<fetch><entity name='account'><attribute name='name'/>"
                + "<link-entity name='contact' from='contactid' to='primarycontactid' link-type='outer' alias='pc'>"
                + "<attribute name='fullname'/></link-entity><order attribute='name' descending='true'/></entity>"
                + "</fetch>"));
        assertThat(body.get("value")).hasSize(10);
        JsonNode example = body.get("value").get(2);
        assertThat(example.get("name").asText()).isEqualTo("Example Account");
        assertThat(example.has("pc_x002e_fullname")).isFalse();
    }

    @Test
    void aFilterInsideTheLinkAndAConditionOnTheLinkFromTheEntityBothApply() {
        String inLink = "<fetch><entity name='account'><attribute name='name'/><link-entity name='contact' "
                + "from='contactid' to='primarycontactid' alias='pc'><attribute name='jobtitle'/><filter>"
                + "<condition attribute='jobtitle' operator='eq' value='Owner'/></filter></link-entity></entity></fetch>";
        assertThat(Wire.json(Fetch.get(wire, "accounts", inLink)).get("value")).hasSize(4);
        String fromEntity = "<fetch><entity name='account'><attribute name='name'/><filter type='or'>"
                + "<condition entityname='pc' attribute='jobtitle' operator='eq' value='Owner'/>"
                + "<condition attribute='name' operator='eq' value='Example Account'/></filter>"
                + "<link-entity name='contact' from='contactid' to='primarycontactid' alias='pc' link-type='outer'/>"
                + "</entity></fetch>";
        assertThat(Wire.json(Fetch.get(wire, "accounts", fromEntity)).get("value")).hasSize(5);
    }

    @Test
    void nestedLinkEntitiesJoinThroughTheirParent() {
        String xml = "<fetch><entity name='contact'><attribute name='fullname'/>"
                + "<link-entity name='account' from='primarycontactid' to='contactid' alias='a'>"
                + "<attribute name='name'/><link-entity name='contact' from='contactid' to='primarycontactid' "
                + "alias='again'><attribute name='jobtitle'/></link-entity></link-entity>"
                + "<filter><condition attribute='fullname' operator='eq' value='Jim Glynn (sample)'/></filter>"
                + "</entity></fetch>";
        JsonNode row = Wire.json(Fetch.get(wire, "contacts", xml)).get("value").get(0);
        assertThat(row.get("a_x002e_name").asText()).isEqualTo("Coho Winery (sample)");
        assertThat(row.get("again_x002e_jobtitle").asText()).isEqualTo("Owner");
    }

    @Test
    void aLinkWithoutAliasGetsTheTableNameAndANumber() {
        JsonNode row = Wire.json(Fetch.get(wire, "accounts", "<fetch top='1'><entity name='account'>"
                + "<link-entity name='contact' from='contactid' to='primarycontactid'><attribute name='fullname'/>"
                + "</link-entity></entity></fetch>")).get("value").get(0);
        assertThat(row.has("contact1_x002e_fullname")).isTrue();
    }

    @Test
    void attributeAliasesNameTheColumns() {
        JsonNode row = Wire.json(Fetch.get(wire, "accounts", "<fetch top='1'><entity name='account'>"
                + "<attribute name='name' alias='accountname'/><link-entity name='contact' from='contactid' "
                + "to='primarycontactid' alias='pc'><attribute name='fullname' alias='contactname'/></link-entity>"
                + "<order attribute='name'/></entity></fetch>")).get("value").get(0);
        assertThat(row.get("accountname").asText()).isEqualTo("A. Datum Corporation (sample)");
        assertThat(row.get("contactname").asText()).isEqualTo("Rene Valdes (sample)");
    }

    @Test
    void topLimitsRowsAndNeverSaysMoreRecords() {
        JsonNode body = Wire.json(Fetch.get(wire, "contacts", "<fetch top='4'><entity name='contact'>"
                + "<attribute name='fullname'/></entity></fetch>", "Prefer", Fetch.PAGING));
        assertThat(body.get("value")).hasSize(4);
        assertThat(body.has("@Microsoft.Dynamics.CRM.morerecords")).isFalse();
    }

    @Test
    void distinctReturnsEachValueOnceWithoutThePrimaryKey() {
        JsonNode body = Wire.json(Fetch.get(wire, "contacts", "<fetch distinct='true'><entity name='contact'>"
                + "<attribute name='jobtitle'/><order attribute='jobtitle'/></entity></fetch>"));
        List<String> titles = new ArrayList<>();
        body.get("value").forEach(v -> titles.add(v.get("jobtitle").asText()));
        assertThat(titles).containsExactly("Coffee Master", "Owner", "Purchasing Assistant", "Purchasing Manager");
        assertThat(body.get("value").get(0).has("contactid")).isFalse();
    }

    @Test
    void allAttributesReturnsEveryNonNullColumn() {
        JsonNode row = Wire.json(Fetch.get(wire, "accounts", "<fetch top='1'><entity name='account'><all-attributes/>"
                + "<filter><condition attribute='name' operator='eq' value='Coho Winery (sample)'/></filter></entity>"
                + "</fetch>")).get("value").get(0);
        assertThat(row.get("numberofemployees").asInt()).isEqualTo(3900);
        assertThat(row.get("address1_city").asText()).isEqualTo("Phoenix");
        assertThat(row.has("_primarycontactid_value")).isTrue();
        assertThat(row.has("description")).isFalse();
    }

    @Test
    void returnTotalRecordCountGivesTheCountAndItsAnnotations() {
        JsonNode body = Wire.json(Fetch.get(wire, "contacts", "<fetch count='2' returntotalrecordcount='true'>"
                + "<entity name='contact'><attribute name='fullname'/></entity></fetch>", "Prefer",
                "odata.include-annotations=\"Microsoft.Dynamics.CRM.totalrecordcount,"
                        + "Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded\""));
        assertThat(body.get("@odata.count").asInt()).isEqualTo(13);
        assertThat(body.get("@Microsoft.Dynamics.CRM.totalrecordcount").asInt()).isEqualTo(13);
        assertThat(body.get("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded").asBoolean()).isFalse();
    }

    @Test
    void formattedValuesComeBeforeTheirValuesForEntityAndLinkColumns() {
        JsonNode row = Wire.json(Fetch.get(wire, "accounts", "<fetch><entity name='account'>"
                + "<attribute name='numberofemployees'/><attribute name='primarycontactid'/><attribute name='statecode'/>"
                + "<link-entity name='contact' from='contactid' to='primarycontactid' alias='pc'>"
                + "<attribute name='annualincome'/></link-entity><filter><condition attribute='name' operator='eq' "
                + "value='Litware, Inc. (sample)'/></filter></entity></fetch>", "Prefer",
                "odata.include-annotations=\"*\"")).get("value").get(0);
        assertThat(row.get("numberofemployees@OData.Community.Display.V1.FormattedValue").asText()).isEqualTo("6,000");
        assertThat(row.get("_primarycontactid_value@OData.Community.Display.V1.FormattedValue").asText())
                .isEqualTo("Susanna Stubberod (sample)");
        assertThat(row.get("_primarycontactid_value@Microsoft.Dynamics.CRM.lookuplogicalname").asText())
                .isEqualTo("contact");
        assertThat(row.get("statecode@OData.Community.Display.V1.FormattedValue").asText()).isEqualTo("Active");
        List<String> keys = new ArrayList<>();
        row.fieldNames().forEachRemaining(keys::add);
        assertThat(keys.indexOf("_primarycontactid_value@OData.Community.Display.V1.FormattedValue"))
                .isLessThan(keys.indexOf("_primarycontactid_value"));
    }

    static List<String> names(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.get("value").forEach(v -> out.add(v.get("fullname").asText()));
        return out;
    }
}
