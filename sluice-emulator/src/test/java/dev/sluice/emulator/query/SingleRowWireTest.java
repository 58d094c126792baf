package dev.sluice.emulator.query;

import static dev.sluice.emulator.query.TestRows.ref;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Wire;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SingleRowWireTest {
    static Wire wire;
    static UUID account;
    static UUID contact;
    static UUID other;

    @BeforeAll
    static void start() {
        wire = Wire.startNoAuth();
        contact = TestRows.insert(wire.emulator(), "contact", Map.of("firstname", "Ann", "lastname", "Lee",
                "emailaddress1", "ann@example.com"));
        other = TestRows.insert(wire.emulator(), "contact", Map.of("firstname", "Bob", "lastname", "Lee"));
        account = TestRows.insert(wire.emulator(), "account", Map.of("name", "Contoso", "accountnumber", "A-1",
                "revenue", new BigDecimal("1500.5"), "primarycontactid", ref("contact", contact)));
        TestRows.update(wire.emulator(), "contact", contact, "parentcustomerid", ref("account", account));
        TestRows.update(wire.emulator(), "contact", other, "parentcustomerid", ref("account", account));
    }

    @AfterAll
    static void stop() {
        wire.close();
    }

    @Test
    void rowByIdHasEtagHeaderContextAndSelectedColumns() {
        HttpResponse<String> r = wire.get("accounts(" + account + ")?$select=name,revenue");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = Wire.json(r);
        assertThat(body.get("@odata.context").asText()).isEqualTo(wire.api("$metadata#accounts(name,revenue)/$entity"));
        assertThat(r.headers().firstValue("ETag")).hasValue(body.get("@odata.etag").asText());
        assertThat(body.get("name").asText()).isEqualTo("Contoso");
        assertThat(body.get("revenue").decimalValue()).isEqualByComparingTo("1500.5000");
        assertThat(body.get("accountid").asText()).isEqualTo(account.toString());
    }

    @Test
    void rowByAlternateKeyAndCompositeForms() {
        assertThat(Wire.json(wire.get("accounts(accountnumber='A-1')?$select=name")).get("name").asText())
                .isEqualTo("Contoso");
        assertThat(Wire.json(wire.get("contacts(emailaddress1='ann@example.com')?$select=fullname")).get("fullname")
                .asText()).isEqualTo("Ann Lee");
        assertThat(Wire.json(wire.get("accounts(accountid=" + account + ")?$select=name")).get("name").asText())
                .isEqualTo("Contoso");
    }

    @Test
    void missingRowIs404WithDataverseMessage() {
        UUID missing = UUID.fromString("00000000-0000-0000-0000-000000000001");
        HttpResponse<String> r = wire.get("accounts(" + missing + ")");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(Wire.json(r).at("/error/code").asText()).isEqualTo("0x80040217");
        assertThat(Wire.json(r).at("/error/message").asText())
                .isEqualTo("Entity 'account' With Id = " + missing + " Does Not Exist");
    }

    @Test
    void conditionalGetAnswers304UnlessExpandOrAnnotations() {
        String etag = wire.get("accounts(" + account + ")?$select=name").headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> r = wire.get("accounts(" + account + ")?$select=name", "If-None-Match", etag);
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
        assertThat(wire.get("accounts(" + account + ")?$select=name&$expand=primarycontactid($select=fullname)",
                "If-None-Match", etag).statusCode()).isEqualTo(200);
        assertThat(wire.get("accounts(" + account + ")?$select=name", "If-None-Match", etag, "Prefer",
                "odata.include-annotations=\"*\"").statusCode()).isEqualTo(200);
        assertThat(wire.get("accounts(" + account + ")?$select=name", "If-None-Match", "W/\"1\"").statusCode())
                .isEqualTo(200);
    }

    @Test
    void propertyAndRawValue() {
        HttpResponse<String> r = wire.get("accounts(" + account + ")/name");
        assertThat(Wire.json(r).get("@odata.context").asText())
                .isEqualTo(wire.api("$metadata#accounts(" + account + ")/name"));
        assertThat(Wire.json(r).get("value").asText()).isEqualTo("Contoso");
        HttpResponse<String> raw = wire.get("accounts(" + account + ")/name/$value");
        assertThat(raw.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(raw.body()).isEqualTo("Contoso");
        assertThat(wire.get("accounts(" + account + ")/telephone1").statusCode()).isEqualTo(204);
    }

    @Test
    void singleValuedNavigationAndItsReference() {
        JsonNode related = Wire.json(wire.get("accounts(" + account + ")/primarycontactid?$select=fullname"));
        assertThat(related.get("@odata.context").asText()).isEqualTo(wire.api("$metadata#contacts(fullname)/$entity"));
        assertThat(related.get("fullname").asText()).isEqualTo("Ann Lee");
        JsonNode ref = Wire.json(wire.get("accounts(" + account + ")/primarycontactid/$ref"));
        assertThat(ref.get("@odata.id").asText()).isEqualTo(wire.api("contacts(" + contact + ")"));
    }

    @Test
    void collectionNavigationWithOptionsRefsAndCount() {
        JsonNode body = Wire.json(wire.get("accounts(" + account + ")/contact_customer_accounts?$select=fullname"
                + "&$orderby=firstname%20desc"));
        assertThat(body.get("@odata.context").asText()).isEqualTo(wire.api("$metadata#contacts(fullname)"));
        assertThat(body.get("value").findValuesAsText("fullname")).containsExactly("Bob Lee", "Ann Lee");
        JsonNode refs = Wire.json(wire.get("accounts(" + account + ")/contact_customer_accounts/$ref"));
        assertThat(refs.get("@odata.context").asText()).isEqualTo(wire.api("$metadata#Collection($ref)"));
        assertThat(refs.get("value")).hasSize(2);
        assertThat(wire.get("accounts(" + account + ")/contact_customer_accounts/$count").body()).isEqualTo("2");
    }

    @Test
    void unknownSegmentIsResourceNotFound() {
        HttpResponse<String> r = wire.get("accounts(" + account + ")/nothing");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(Wire.json(r).at("/error/message").asText()).isEqualTo("Resource not found for the segment 'nothing'.");
    }
}
