package dev.sluice.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServiceRootWireTest {
    static Wire wire;

    @BeforeAll
    static void start() {
        wire = Wire.startNoAuth();
    }

    @AfterAll
    static void stop() {
        wire.close();
    }

    @Test
    void whoAmIReturnsTheDemoUserAndBusinessUnit() {
        HttpResponse<String> r = wire.get("WhoAmI");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("OData-Version")).hasValue("4.0");
        JsonNode body = Wire.json(r);
        assertThat(body.get("@odata.context").asText())
                .isEqualTo(wire.api("$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse"));
        assertThat(body.get("UserId").asText()).isEqualTo("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
        assertThat(body.get("BusinessUnitId").asText()).isEqualTo("0b6e3c9a-1d2f-4e5a-8b7c-9d0e1f2a3b4c");
        assertThat(body.has("OrganizationId")).isTrue();
    }

    @Test
    void whoAmIWithParenthesesIsTheSameFunction() {
        assertThat(wire.get("WhoAmI()").statusCode()).isEqualTo(200);
    }

    @Test
    void serviceDocumentListsEntitySets() {
        JsonNode body = Wire.json(wire.get(""));
        assertThat(body.get("@odata.context").asText()).isEqualTo(wire.api("$metadata"));
        assertThat(body.get("value").findValuesAsText("name")).contains("accounts", "contacts", "leads",
                "opportunities", "systemusers", "businessunits");
    }

    @Test
    void olderVersionSegmentsAreAccepted() {
        HttpResponse<String> r = wire.send("GET", wire.emulator().baseUrl() + "/api/data/v9.0/WhoAmI", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Wire.json(r).get("@odata.context").asText()).contains("/api/data/v9.0/$metadata#");
    }

    @Test
    void unknownEntitySetIsResourceNotFound() {
        HttpResponse<String> r = wire.get("acounts");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(Wire.json(r).at("/error/message").asText())
                .isEqualTo("Resource not found for the segment 'acounts'.");
    }
}
