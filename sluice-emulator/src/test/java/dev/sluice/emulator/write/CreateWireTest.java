package dev.sluice.emulator.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.Wire;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CreateWireTest {
    static Wire wire;
    static StoreProbe probe;

    @BeforeAll
    static void start() {
        wire = Wire.start(Emulator.builder().noAuth(true).seed("accounts", 5));
        probe = new StoreProbe(wire.emulator());
    }

    @AfterAll
    static void stop() {
        wire.close();
    }

    @Test
    void createAnswers204WithODataEntityIdAndStoresTypedValues() {
        HttpResponse<String> r = wire.call("POST", "accounts",
                "{\"name\":\"Contoso\",\"revenue\":5000000,\"numberofemployees\":12,\"creditonhold\":true,"
                        + "\"industrycode\":7,\"lastusedincampaign\":\"2024-03-01T10:15:00Z\"}");
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("OData-Version")).hasValue("4.0");
        String entityId = r.headers().firstValue("OData-EntityId").orElseThrow();
        assertThat(entityId).matches("\\Q" + wire.api("accounts(") + "\\E[0-9a-f-]{36}\\)");
        UUID id = StoreProbe.idFromEntityId(entityId);
        assertThat(probe.value("account", id, "name")).isEqualTo("Contoso");
        assertThat(probe.value("account", id, "revenue")).isEqualTo(new BigDecimal("5000000"));
        assertThat(probe.value("account", id, "numberofemployees")).isEqualTo(12);
        assertThat(probe.value("account", id, "creditonhold")).isEqualTo(true);
        assertThat(probe.value("account", id, "statecode")).isEqualTo(0);
        assertThat(probe.value("account", id, "statuscode")).isEqualTo(1);
        assertThat(probe.value("account", id, "createdby")).isEqualTo(
                UUID.fromString("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"));
        assertThat(probe.value("account", id, "createdon")).isNotNull();
    }

    @Test
    void createWithClientChosenIdUsesThatId() {
        UUID id = UUID.randomUUID();
        HttpResponse<String> r = wire.call("POST", "accounts", "{\"accountid\":\"" + id + "\",\"name\":\"Chosen\"}");
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("OData-EntityId")).hasValue(wire.api("accounts(" + id + ")"));
        HttpResponse<String> again = wire.call("POST", "accounts", "{\"accountid\":\"" + id + "\",\"name\":\"Again\"}");
        assertThat(again.statusCode()).isEqualTo(412);
        assertThat(Wire.json(again).at("/error/code").asText()).isEqualTo("0x80040237");
    }

    @Test
    void bindSetsLookupAndDeepInsertCreatesChildren() {
        HttpResponse<String> acc = wire.call("POST", "accounts", "{\"name\":\"Parent\",\"accountnumber\":\"BIND-1\"}");
        UUID accountId = StoreProbe.idFromEntityId(acc.headers().firstValue("OData-EntityId").orElseThrow());
        HttpResponse<String> c = wire.call("POST", "contacts",
                "{\"lastname\":\"Bound\",\"firstname\":\"Ann\","
                        + "\"parentcustomerid_account@odata.bind\":\"/accounts(accountnumber='BIND-1')\"}");
        assertThat(c.statusCode()).isEqualTo(204);
        UUID contactId = StoreProbe.idFromEntityId(c.headers().firstValue("OData-EntityId").orElseThrow());
        assertThat(probe.value("contact", contactId, "parentcustomerid")).isEqualTo(accountId);
        assertThat(probe.value("contact", contactId, "fullname")).isEqualTo("Ann Bound");

        HttpResponse<String> deep = wire.call("POST", "accounts",
                "{\"name\":\"Deep\",\"primarycontactid\":{\"lastname\":\"Primary\"},"
                        + "\"contact_customer_accounts\":[{\"lastname\":\"Child1\"},{\"lastname\":\"Child2\"}]}");
        assertThat(deep.statusCode()).isEqualTo(204);
        UUID deepId = StoreProbe.idFromEntityId(deep.headers().firstValue("OData-EntityId").orElseThrow());
        assertThat(probe.value("account", deepId, "primarycontactid")).isNotNull();
    }

    @Test
    void bindToMissingRowIs404AndCreatesNothing() {
        int before = probe.count("contact");
        HttpResponse<String> r = wire.call("POST", "contacts",
                "{\"lastname\":\"X\",\"parentcustomerid_account@odata.bind\":\"accounts(accountnumber='NOPE')\"}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(Wire.json(r).at("/error/code").asText()).isEqualTo("0x80060891");
        assertThat(probe.count("contact")).isEqualTo(before);
    }

    @Test
    void failedDeepInsertLeavesNothingBehind() {
        int accounts = probe.count("account");
        int contacts = probe.count("contact");
        HttpResponse<String> r = wire.call("POST", "accounts",
                "{\"name\":\"Half\",\"contact_customer_accounts\":[{\"lastname\":\"Ok\"},{\"lastname\":12}]}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(probe.count("account")).isEqualTo(accounts);
        assertThat(probe.count("contact")).isEqualTo(contacts);
    }

    @Test
    void wrongTypeUnknownColumnAndTooLongValueAreNamed() {
        HttpResponse<String> type = wire.call("POST", "accounts", "{\"name\":\"T\",\"numberofemployees\":\"many\"}");
        assertThat(type.statusCode()).isEqualTo(400);
        assertThat(Wire.json(type).at("/error/code").asText()).isEqualTo("0x80048d19");
        assertThat(Wire.json(type).at("/error/message").asText()).contains("numberofemployees").contains("Edm.Int32");

        HttpResponse<String> unknown = wire.call("POST", "accounts", "{\"name\":\"T\",\"emial\":\"x\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Wire.json(unknown).at("/error/message").asText())
                .isEqualTo("Could not find a property named 'emial' on type 'Microsoft.Dynamics.CRM.account'.");

        HttpResponse<String> tooLong = wire.call("POST", "accounts", "{\"name\":\"" + "x".repeat(161) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(Wire.json(tooLong).at("/error/code").asText()).isEqualTo("0x80044331");
        assertThat(Wire.json(tooLong).at("/error/message").asText()).isEqualTo(
                "The length of the 'name' attribute of the 'account' entity exceeded the maximum allowed length of '160'.");

        HttpResponse<String> choice = wire.call("POST", "accounts", "{\"name\":\"T\",\"industrycode\":999}");
        assertThat(choice.statusCode()).isEqualTo(400);
        assertThat(Wire.json(choice).at("/error/message").asText()).contains("999").contains("industrycode");
    }

    @Test
    void malformedJsonIsAPayloadError() {
        HttpResponse<String> r = wire.call("POST", "accounts", "{\"name\":");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Wire.json(r).at("/error/code").asText()).isEqualTo("0x80048d19");
        HttpResponse<String> array = wire.call("POST", "accounts", "[1,2]");
        assertThat(array.statusCode()).isEqualTo(400);
    }

    @Test
    void duplicateAlternateKeyIs412WithEntityKeyCode() {
        assertThat(wire.call("POST", "accounts", "{\"name\":\"K1\",\"accountnumber\":\"DUP-1\"}").statusCode())
                .isEqualTo(204);
        HttpResponse<String> dup = wire.call("POST", "accounts", "{\"name\":\"K2\",\"accountnumber\":\"dup-1\"}");
        assertThat(dup.statusCode()).isEqualTo(412);
        assertThat(Wire.json(dup).at("/error/code").asText()).isEqualTo("0x80060892");
    }

    @Test
    void statusCodeImpliesItsState() {
        HttpResponse<String> r = wire.call("POST", "accounts", "{\"name\":\"Inactive\",\"statuscode\":2}");
        UUID id = StoreProbe.idFromEntityId(r.headers().firstValue("OData-EntityId").orElseThrow());
        assertThat(probe.value("account", id, "statecode")).isEqualTo(1);
        HttpResponse<String> bad = wire.call("POST", "accounts", "{\"name\":\"Bad\",\"statecode\":0,\"statuscode\":2}");
        assertThat(bad.statusCode()).isEqualTo(400);
    }
}
