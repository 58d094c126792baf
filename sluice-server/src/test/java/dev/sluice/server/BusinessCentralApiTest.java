package dev.sluice.server;

import static dev.sluice.server.ServerFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorIdentity;
import dev.sluice.server.ServerFixture.Session;
import dev.sluice.testing.WithEmulator;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A business-central connection through the REST API: created like any connection, authorized in the browser as
 * Dana (a delegated token for Business Central's audience), tested, browsed and written through the same endpoints.
 */
@WithEmulator(seed = {"bc.customers=7"})
class BusinessCentralApiTest {
    static Emulator emulator;
    static ServerFixture f;
    static Session admin;
    static final String ROWS = "/api/v1/connections/cronus/tables/customers/rows";

    @BeforeAll
    static void start() throws Exception {
        f = new ServerFixture(emulator);
        admin = f.admin();
        EmulatorIdentity.App app = emulator.identity().info().app("Sluice Server").orElseThrow();
        HttpResponse<String> created = admin.json("POST", "/api/v1/connections", Map.of("name", "cronus",
                "type", "business-central", "orgUrl", emulator.baseUrl(),
                "tenant", emulator.identity().info().tenantId().toString(),
                "businessCentral", Map.of("environment", "production", "company", "CRONUS USA, Inc."),
                "auth", Map.of("method", "authorization-code", "clientId", app.clientId().toString(),
                        "callbackMode", "server", "redirectUri", f.base + "/oauth/callback",
                        "clientSecret", app.secrets().get(0).reveal())));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(body(created).at("/businessCentral/company").asText()).isEqualTo("CRONUS USA, Inc.");
        assertThat(body(created).get("type").asText()).isEqualTo("business-central");
        ServerApiTest.authorize(admin, "cronus");
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void testListsTheCompanyAndTablesAreTheEntitySets() {
        HttpResponse<String> test = admin.json("POST", "/api/v1/connections/cronus/test", null);
        assertThat(test.statusCode()).as(test.body()).isEqualTo(200);
        assertThat(body(test).at("/companies/0/name").asText()).isEqualTo("CRONUS USA, Inc.");

        JsonNode tables = body(admin.get("/api/v1/connections/cronus/tables")).get("value");
        assertThat(tables.findValuesAsText("logicalName")).contains("customers", "salesOrders", "generalLedgerEntries");
        JsonNode customers = body(admin.get("/api/v1/connections/cronus/tables/customers"));
        assertThat(customers.get("primaryIdAttribute").asText()).isEqualTo("id");
        assertThat(customers.get("columns").findValuesAsText("logicalName")).contains("number", "displayName");
    }

    @Test
    void rowsPageWithContinuationAndOneRowWritesByNumber() {
        JsonNode first = body(admin.get(ROWS + "?pageSize=4&select=number,displayName"));
        assertThat(first.get("value")).hasSize(4);
        JsonNode second = body(admin.get(ROWS + "?continuation=" + first.get("continuation").asText()));
        assertThat(second.get("value").size()).isGreaterThanOrEqualTo(3);
        assertThat(second.get("value").get(0).get("id").asText())
                .isNotEqualTo(first.get("value").get(3).get("id").asText());

        HttpResponse<String> put = admin.json("PUT", ROWS + "/number=API-1", Map.of("displayName", "Api Traders"));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        assertThat(admin.json("PATCH", ROWS + "/number=API-1", Map.of("city", "Lyon")).statusCode()).isEqualTo(204);
        JsonNode got = body(admin.get(ROWS + "/number=API-1"));
        assertThat(got.get("city").asText()).isEqualTo("Lyon");
        assertThat(admin.json("DELETE", ROWS + "/" + got.get("id").asText(), null).statusCode()).isEqualTo(204);
        assertThat(admin.get(ROWS + "/number=API-1").statusCode()).isEqualTo(404);
    }

    @Test
    void importTakesJsonLinesAndReportsEachFailure() {
        HttpResponse<String> r = admin.send("POST", "/api/v1/connections/cronus/tables/customers/import?mode=upsert"
                + "&key=number", "{\"number\":\"IMP-1\",\"displayName\":\"Imported\"}\n"
                + "{\"number\":\"IMP-2\",\"creditLimit\":\"lots\"}\n", "application/x-ndjson");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(body(r).get("succeeded").asInt()).isEqualTo(1);
        assertThat(body(r).get("failed").asInt()).isEqualTo(1);
        assertThat(body(r).at("/failures/0/message").asText()).contains("creditLimit");
    }
}
