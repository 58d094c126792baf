package dev.sluice.emulator.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.Wire;
import dev.sluice.emulator.internal.data.OrgStore;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CollectionWireTest {
    static Wire wire;

    @BeforeAll
    static void start() {
        wire = Wire.start(Emulator.builder().noAuth(true).seed("accounts", 40).seed("contacts", 120));
        OrgStore store = wire.emulator().context().store();
        List<UUID> accounts = store.read(() -> new ArrayList<>(store.rows(store.schema().table("account")).keySet()));
        List<UUID> contacts = store.read(() -> new ArrayList<>(store.rows(store.schema().table("contact")).keySet()));
        for (int i = 0; i < 10; i++) {
            TestRows.update(wire.emulator(), "account", accounts.get(i * 3), "primarycontactid",
                    TestRows.ref("contact", contacts.get(i)));
        }
    }

    @AfterAll
    static void stop() {
        wire.close();
    }

    @Test
    void selectWritesContextEtagSelectedColumnsAndThePrimaryKey() {
        HttpResponse<String> r = wire.get("accounts?$select=name,revenue&$top=2");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("OData-Version")).hasValue("4.0");
        JsonNode body = Wire.json(r);
        assertThat(body.get("@odata.context").asText()).isEqualTo(wire.api("$metadata#accounts(name,revenue)"));
        JsonNode first = body.get("value").get(0);
        List<String> fields = new ArrayList<>();
        first.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("@odata.etag", "name", "revenue", "accountid");
        assertThat(first.get("@odata.etag").asText()).matches("W/\"\\d+\"");
        assertThat(body.get("value")).hasSize(2);
        assertThat(body.has("@odata.nextLink")).isFalse();
    }

    @Test
    void withoutSelectEveryColumnIsReturnedWithLookupsAsValueProperties() {
        JsonNode first = Wire.json(wire.get("accounts?$top=1")).get("value").get(0);
        assertThat(first.has("_ownerid_value")).isTrue();
        assertThat(first.has("ownerid")).isFalse();
        assertThat(first.has("accountnumber")).isTrue();
    }

    @Test
    void orderByUsesSeveralKeysAndDirections() {
        JsonNode value = Wire.json(wire.get("accounts?$select=statecode,name&$orderby=statecode%20asc,name%20desc"))
                .get("value");
        List<String> names = new ArrayList<>();
        value.forEach(v -> names.add(v.get("name").asText()));
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(String.CASE_INSENSITIVE_ORDER.reversed());
        assertThat(names).hasSize(40).isEqualTo(sorted);
    }

    @Test
    void countTrueAddsTheCountBeforeTheValue() {
        JsonNode body = Wire.json(wire.get("accounts?$select=name&$count=true&$top=3"));
        assertThat(body.get("@odata.count").asInt()).isEqualTo(40);
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("@odata.context", "@odata.count", "value");
    }

    @Test
    void countSegmentIsPlainText() {
        HttpResponse<String> r = wire.get("accounts/$count");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(r.body()).isEqualTo("40");
    }

    @Test
    void totalRecordCountAnnotationsFollowTheCount() {
        HttpResponse<String> r = wire.get("accounts?$select=name&$count=true&$top=1", "Prefer",
                "odata.include-annotations=\"Microsoft.Dynamics.CRM.totalrecordcount,"
                        + "Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded\"");
        JsonNode body = Wire.json(r);
        assertThat(body.get("@Microsoft.Dynamics.CRM.totalrecordcount").asInt()).isEqualTo(40);
        assertThat(body.get("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded").asBoolean()).isFalse();
        assertThat(r.headers().firstValue("Preference-Applied")).hasValue("odata.include-annotations=\""
                + "Microsoft.Dynamics.CRM.totalrecordcount,Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded\"");
        JsonNode noCount = Wire.json(wire.get("accounts?$select=name&$top=1", "Prefer",
                "odata.include-annotations=\"*\""));
        assertThat(noCount.get("@Microsoft.Dynamics.CRM.totalrecordcount").asInt()).isEqualTo(-1);
    }

    @Test
    void formattedValuesAndLookupAnnotationsPrecedeTheValue() {
        JsonNode row = Wire.json(wire.get("contacts?$select=gendercode,_parentcustomerid_value,annualincome"
                + "&$filter=_parentcustomerid_value%20ne%20null%20and%20gendercode%20eq%202%20and%20annualincome%20ne%20null"
                + "&$top=1", "Prefer", "odata.include-annotations=\"*\"")).get("value").get(0);
        List<String> fields = new ArrayList<>();
        row.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsSubsequence("gendercode@OData.Community.Display.V1.FormattedValue", "gendercode",
                "_parentcustomerid_value@OData.Community.Display.V1.FormattedValue",
                "_parentcustomerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty",
                "_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname", "_parentcustomerid_value");
        assertThat(row.get("gendercode@OData.Community.Display.V1.FormattedValue").asText()).isEqualTo("Female");
        assertThat(row.get("annualincome@OData.Community.Display.V1.FormattedValue").asText()).startsWith("$");
        String type = row.get("_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname").asText();
        assertThat(type).isIn("account", "contact");
        assertThat(row.get("_parentcustomerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty").asText())
                .isEqualTo("parentcustomerid_" + type);
        String accountName = Wire.json(wire.get(type + "s(" + row.get("_parentcustomerid_value").asText()
                + ")?$select=" + (type.equals("account") ? "name" : "fullname")))
                .get(type.equals("account") ? "name" : "fullname").asText();
        assertThat(row.get("_parentcustomerid_value@OData.Community.Display.V1.FormattedValue").asText())
                .isEqualTo(accountName);
    }

    @Test
    void expandSingleValuedAndCollectionValuedNavigation() {
        HttpResponse<String> r = wire.get("accounts?$select=name&$expand=primarycontactid($select=fullname),"
                + "contact_customer_accounts($select=fullname;$orderby=fullname;$top=2)&$filter=primarycontactid/"
                + "fullname%20ne%20null");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = Wire.json(r);
        assertThat(body.get("@odata.context").asText()).isEqualTo(wire.api(
                "$metadata#accounts(name,primarycontactid(fullname),contact_customer_accounts(fullname))"));
        JsonNode first = body.get("value").get(0);
        assertThat(first.get("primarycontactid").get("fullname").isTextual()).isTrue();
        assertThat(first.get("primarycontactid").get("@odata.etag").asText()).startsWith("W/\"");
        assertThat(first.get("primarycontactid").has("contactid")).isTrue();
        assertThat(first.get("contact_customer_accounts").isArray()).isTrue();
        assertThat(first.get("contact_customer_accounts").size()).isLessThanOrEqualTo(2);
    }

    @Test
    void expandRefWritesIdsForLookupsAndIsRefusedOnCollections() {
        JsonNode first = Wire.json(wire.get("accounts?$select=name&$expand=primarycontactid/$ref&$filter="
                + "_primarycontactid_value%20ne%20null&$top=1")).get("value").get(0);
        assertThat(first.get("primarycontactid").get("@odata.id").asText())
                .isEqualTo(wire.api("contacts(" + first.path("primarycontactid").get("@odata.id").asText()
                        .replaceAll(".*\\((.*)\\)", "$1") + ")"));
        HttpResponse<String> r = wire.get("accounts?$expand=contact_customer_accounts/$ref");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Wire.json(r).at("/error/code").asText()).isEqualTo("0x80060888");
        assertThat(Wire.json(r).at("/error/message").asText())
                .isEqualTo("Expand with $ref is only supported on lookup type navigation property.");
    }
}
