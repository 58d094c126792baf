package dev.sluice.emulator.businesscentral;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.Wire;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Business Central API v2.0 on the wire, from Microsoft's documented examples (dev-itpro/api-reference/v2.0 and
 * webservices/use-odata-batch), with raw HTTP and a real token for {@code https://api.businesscentral.dynamics.com}
 * from the emulator's identity platform.
 */
class BusinessCentralWireTest {
    static final String SERVICE_CLIENT = "2e7c3f4a-6d5b-4e8c-9fa0-3b4c5d6e7f80";
    static final String SERVICE_SECRET = "sluice-demo-service-secret";
    static Wire wire;
    static String token;
    static String usa;

    @BeforeAll
    static void start() {
        wire = Wire.start(Emulator.builder().seed("bc.customers", 12).seed("bc.items", 6).seed("bc.salesOrders", 3)
                .seed("bc.generalLedgerEntries", 4));
        token = token("https://api.businesscentral.dynamics.com/.default");
        usa = "companies(" + wire.emulator().businessCentralCompanyId("production", "CRONUS USA, Inc.") + ")/";
    }

    @AfterAll
    static void stop() {
        wire.close();
    }

    static String token(String scope) {
        String tenant = wire.emulator().identity().info().tenantId().toString();
        HttpResponse<String> r = post(wire.emulator().baseUrl() + "/" + tenant + "/oauth2/v2.0/token", "grant_type=client_credentials"
                + "&client_id=" + SERVICE_CLIENT + "&client_secret=" + SERVICE_SECRET + "&scope="
                + URLEncoder.encode(scope, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Wire.json(r).get("access_token").asText();
    }

    static HttpResponse<String> post(String url, String form) {
        try {
            return wire.http().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> bc(String method, String relative, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + token;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return wire.send(method, wire.emulator().businessCentralApiUrl("production") + relative, body, all);
    }

    @Test
    void companiesListsTheCronusCompaniesWithTheDocumentedProperties() {
        HttpResponse<String> r = bc("GET", "companies", null);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode first = Wire.json(r).get("value").get(0);
        assertThat(first.get("name").asText()).isEqualTo("CRONUS USA, Inc.");
        assertThat(first.get("displayName").asText()).isEqualTo("CRONUS USA, Inc.");
        assertThat(first.has("systemVersion")).isTrue();
        assertThat(first.has("businessProfileId")).isTrue();
        assertThat(Wire.json(r).get("@odata.context").asText()).endsWith("/api/v2.0/$metadata#companies");
    }

    @Test
    void customerHasTheV2PropertiesAndAnEtag() {
        JsonNode c = Wire.json(bc("GET", usa + "customers?$filter=number eq '10000'".replace(" ", "%20"), null))
                .get("value").get(0);

        assertThat(c.get("@odata.etag").asText()).startsWith("W/\"");
        assertThat(c.get("number").asText()).isEqualTo("10000");
        for (String p : new String[] {"id", "displayName", "type", "addressLine1", "addressLine2", "city", "state",
            "country", "postalCode", "phoneNumber", "email", "website", "taxLiable", "currencyCode", "blocked",
            "balanceDue", "creditLimit", "lastModifiedDateTime"}) {
            assertThat(c.has(p)).as(p).isTrue();
        }
    }

    @Test
    void patchWithTheDocumentedBodyAndEtagUpdatesTheCustomer() {
        JsonNode c = Wire.json(bc("GET", usa + "customers?$top=1&$skip=5", null)).get("value").get(0);
        String id = c.get("id").asText();

        HttpResponse<String> r = bc("PATCH", usa + "customers(" + id + ")",
                "{\"displayName\": \"Coho Winery Inc.\", \"phoneNumber\": \"(555) 555-1234\"}",
                "If-Match", c.get("@odata.etag").asText());

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode updated = Wire.json(r);
        assertThat(updated.get("displayName").asText()).isEqualTo("Coho Winery Inc.");
        assertThat(updated.get("phoneNumber").asText()).isEqualTo("(555) 555-1234");
        assertThat(updated.get("@odata.etag").asText()).isNotEqualTo(c.get("@odata.etag").asText());
    }

    @Test
    void patchWithoutIfMatchIsRefusedWithTheConcurrencyTokenError() {
        String id = Wire.json(bc("GET", usa + "customers?$top=1", null)).get("value").get(0).get("id").asText();

        HttpResponse<String> r = bc("PATCH", usa + "customers(" + id + ")", "{\"displayName\": \"X\"}");

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = Wire.json(r).get("error");
        assertThat(error.get("code").asText()).isEqualTo("BadRequest_InvalidToken");
        assertThat(error.get("message").asText()).startsWith("Could not validate the client concurrency token "
                + "required by the service. Please provide a valid token in the client request.");
    }

    @Test
    void patchWithAStaleEtagIs409EntityChanged() {
        JsonNode c = Wire.json(bc("GET", usa + "customers?$top=1&$skip=2", null)).get("value").get(0);
        String id = c.get("id").asText();
        String etag = c.get("@odata.etag").asText();
        assertThat(bc("PATCH", usa + "customers(" + id + ")", "{\"city\": \"Boston\"}", "If-Match", etag).statusCode())
                .isEqualTo(200);

        HttpResponse<String> r = bc("PATCH", usa + "customers(" + id + ")", "{\"city\": \"Denver\"}", "If-Match", etag);

        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(Wire.json(r).at("/error/code").asText()).isEqualTo("Request_EntityChanged");
        assertThat(Wire.json(r).at("/error/message").asText()).startsWith("Another user has already changed the record.");
    }

    @Test
    void creatingACustomerWithATakenNumberIsEntityWithSameKeyExists() {
        HttpResponse<String> r = bc("POST", usa + "customers", "{\"number\": \"20000\", \"displayName\": \"Twin\"}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Wire.json(r).at("/error/code").asText()).isEqualTo("Internal_EntityWithSameKeyExists");
        assertThat(Wire.json(r).at("/error/message").asText()).contains("No.='20000'");
    }

    @Test
    void creatingACustomerWithoutANumberGetsOneFromTheSeriesAndReturns201() {
        HttpResponse<String> r = bc("POST", usa + "customers", "{\"displayName\": \"Adatum Corporation\", "
                + "\"type\": \"Company\", \"city\": \"Atlanta\"}");

        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode c = Wire.json(r);
        assertThat(c.get("number").asText()).matches("C\\d{5}");
        assertThat(c.get("@odata.etag").asText()).startsWith("W/\"");
        assertThat(bc("DELETE", usa + "customers(" + c.get("id").asText() + ")", null).statusCode()).isEqualTo(204);
    }

    @Test
    void unknownIdIs404BadRequestNotFound() {
        HttpResponse<String> r = bc("GET", usa + "customers(00000000-0000-0000-0000-00000000abcd)", null);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(Wire.json(r).at("/error/code").asText()).isEqualTo("BadRequest_NotFound");
    }

    @Test
    void pagesFollowTheNextLinkUntilEveryCustomerIsRead() {
        Set<String> ids = new HashSet<>();
        String url = wire.emulator().businessCentralApiUrl("production") + usa + "customers?$select=id,number";
        int pages = 0;
        while (url != null) {
            HttpResponse<String> r = wire.send("GET", url, null, "Authorization", "Bearer " + token,
                    "Prefer", "odata.maxpagesize=5");
            assertThat(r.headers().firstValue("Preference-Applied")).hasValue("odata.maxpagesize=5");
            JsonNode body = Wire.json(r);
            body.get("value").forEach(v -> ids.add(v.get("id").asText()));
            assertThat(body.get("value").get(0).has("displayName")).isFalse();
            url = body.has("@odata.nextLink") ? body.get("@odata.nextLink").asText() : null;
            pages++;
        }
        int total = Wire.json(bc("GET", usa + "customers?$select=id", null)).get("value").size();
        assertThat(ids).hasSize(total);
        assertThat(pages).isEqualTo((total + 4) / 5);
    }

    @Test
    void filterOrderByAndTopWorkTogether() {
        JsonNode v = Wire.json(bc("GET", usa + "customers?$filter=" + enc("number ge '30000' and number le '60000'")
                + "&$orderby=" + enc("number desc") + "&$top=2", null)).get("value");

        assertThat(v).hasSize(2);
        assertThat(v.get(0).get("number").asText()).isEqualTo("60000");
        assertThat(v.get(1).get("number").asText()).isEqualTo("50000");
    }

    @Test
    void salesOrdersExpandTheirLines() {
        JsonNode order = Wire.json(bc("GET", usa + "salesOrders?$top=1&$expand=salesOrderLines", null))
                .get("value").get(0);

        assertThat(order.get("salesOrderLines").size()).isEqualTo(2);
        assertThat(order.get("salesOrderLines").get(0).get("documentId").asText()).isEqualTo(order.get("id").asText());
        JsonNode lines = Wire.json(bc("GET", usa + "salesOrders(" + order.get("id").asText() + ")/salesOrderLines",
                null)).get("value");
        assertThat(lines.size()).isEqualTo(2);
    }

    @Test
    void generalLedgerEntriesAreReadOnly() {
        HttpResponse<String> r = bc("POST", usa + "generalLedgerEntries", "{\"description\": \"x\"}");

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(Wire.json(r).at("/error/code").asText()).isEqualTo("BadRequest_MethodNotAllowed");
        assertThat(Wire.json(bc("GET", usa + "generalLedgerEntries", null)).get("value").size()).isEqualTo(4);
    }

    @Test
    void transactionalBatchRollsBackEveryChangeWhenOneRequestFails() {
        JsonNode items = Wire.json(bc("GET", usa + "items?$top=2", null)).get("value");
        String first = items.get(0).get("id").asText();
        String second = items.get(1).get("id").asText();
        String before = items.get(0).get("displayName").asText();
        // Microsoft's example: PATCHes with If-Match * and a Company header, the last with a type that is no option
        String body = "{\"requests\": ["
                + op("1", first, "{\"displayName\": \"Touring Bicycle v2\"}") + ","
                + op("2", second, "{\"displayName\": \"Touring Bicycle v3\"}") + ","
                + op("3", first, "{\"type\": \"Invalid Type\"}") + "]}";

        HttpResponse<String> r = bc("POST", "$batch", body, "Content-Type", "application/json",
                "Isolation", "snapshot");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode responses = Wire.json(r).get("responses");
        assertThat(responses.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(responses.get(0).at("/body/displayName").asText()).isEqualTo("Touring Bicycle v2");
        assertThat(responses.get(2).get("status").asInt()).isEqualTo(400);
        assertThat(responses.get(2).at("/body/error/message").asText()).startsWith("'Invalid Type' is not an option. "
                + "The existing options are: Inventory,Service,Non-Inventory");
        assertThat(Wire.json(bc("GET", usa + "items(" + first + ")", null)).get("displayName").asText())
                .isEqualTo(before);
    }

    @Test
    void batchWithoutIsolationKeepsTheOperationsThatSucceeded() {
        String id = Wire.json(bc("GET", usa + "items?$top=1&$skip=3", null)).get("value").get(0).get("id").asText();
        String body = "{\"requests\": [" + op("a", id, "{\"gtin\": \"4006381333931\"}") + ","
                + op("b", id, "{\"type\": \"Invalid Type\"}") + "]}";

        JsonNode responses = Wire.json(bc("POST", "$batch", body, "Content-Type", "application/json"))
                .get("responses");

        assertThat(responses.get(0).get("id").asText()).isEqualTo("a");
        assertThat(responses.get(1).get("status").asInt()).isEqualTo(400);
        assertThat(Wire.json(bc("GET", usa + "items(" + id + ")", null)).get("gtin").asText()).isEqualTo("4006381333931");
    }

    private static String op(String id, String item, String body) {
        return "{\"id\": \"" + id + "\", \"method\": \"PATCH\", \"url\": \"items(" + item + ")\", \"headers\": {"
                + "\"Company\": \"CRONUS USA, Inc.\", \"Content-Type\": \"application/json\", \"If-Match\": \"*\"}, "
                + "\"body\": " + body + "}";
    }

    @Test
    void aDataverseTokenIsRefusedWithAuthenticationInvalidCredentials() {
        String dataverse = token(wire.emulator().orgUrl() + "/.default");

        HttpResponse<String> r = wire.send("GET", wire.emulator().businessCentralApiUrl("production") + "companies",
                null, "Authorization", "Bearer " + dataverse);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(Wire.json(r).at("/error/code").asText()).isEqualTo("Authentication_InvalidCredentials");
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("resource_id=\"https://api.businesscentral.dynamics.com\"");
    }

    @Test
    void unknownEnvironmentIs404() {
        HttpResponse<String> r = wire.send("GET", wire.emulator().businessCentralApiUrl("nosuch") + "companies", null,
                "Authorization", "Bearer " + token);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(Wire.json(r).at("/error/message").asText()).contains("'nosuch'");
    }

    @Test
    void overTheRateLimitTheServiceAnswers429WithRetryAfter() {
        try (Wire own = Wire.start(Emulator.builder())) {
            own.emulator().businessCentralLimits(3, Duration.ofMinutes(1));
            Wire saved = wire;
            wire = own;
            try {
                String t = token("https://api.businesscentral.dynamics.com/.default");
                String url = own.emulator().businessCentralApiUrl("sandbox") + "companies";
                for (int i = 0; i < 3; i++) {
                    assertThat(own.send("GET", url, null, "Authorization", "Bearer " + t).statusCode()).isEqualTo(200);
                }
                HttpResponse<String> r = own.send("GET", url, null, "Authorization", "Bearer " + t);

                assertThat(r.statusCode()).isEqualTo(429);
                assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                        assertThat(Integer.parseInt(v)).isBetween(1, 60));
                assertThat(Wire.json(r).at("/error/code").asText()).isEqualTo("Application_TooManyRequests");
            } finally {
                wire = saved;
            }
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
