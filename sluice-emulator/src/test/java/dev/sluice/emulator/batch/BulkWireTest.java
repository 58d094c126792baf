package dev.sluice.emulator.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.Wire;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BulkWireTest {
    static final String ACCOUNT = "\"@odata.type\":\"Microsoft.Dynamics.CRM.account\"";
    static Wire wire;
    static Rows rows;

    @BeforeAll
    static void start() {
        wire = Wire.start(Emulator.builder().noAuth(true));
        rows = new Rows(wire.emulator());
    }

    @AfterAll
    static void stop() {
        wire.close();
    }

    static HttpResponse<String> bulk(String action, String targets) {
        return wire.call("POST", "accounts/Microsoft.Dynamics.CRM." + action, "{\"Targets\":[" + targets + "]}");
    }

    static JsonNode error(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return Wire.json(r).get("error");
    }

    @Test
    void createMultipleAnswers200WithTheNewIdsInOrder() {
        HttpResponse<String> r = bulk("CreateMultiple",
                "{" + ACCOUNT + ",\"name\":\"Bulk 1\"},{" + ACCOUNT + ",\"name\":\"Bulk 2\",\"revenue\":10.5}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("OData-Version")).hasValue("4.0");
        JsonNode body = Wire.json(r);
        assertThat(body.get("@odata.context").asText())
                .isEqualTo(wire.api("$metadata#Microsoft.Dynamics.CRM.CreateMultipleResponse"));
        assertThat(body.get("Ids")).hasSize(2);
        UUID first = UUID.fromString(body.get("Ids").get(0).asText());
        UUID second = UUID.fromString(body.get("Ids").get(1).asText());
        assertThat(rows.value("account", first, "name")).isEqualTo("Bulk 1");
        assertThat(rows.value("account", second, "name")).isEqualTo("Bulk 2");
        assertThat(body.size()).isEqualTo(2);
    }

    @Test
    void createMultipleKeepsClientChosenIds() {
        UUID id = UUID.randomUUID();
        JsonNode body = Wire.json(bulk("CreateMultiple", "{" + ACCOUNT + ",\"accountid\":\"" + id + "\",\"name\":\"C\"}"));
        assertThat(body.get("Ids").get(0).asText()).isEqualTo(id.toString());
    }

    @Test
    void oneBadTargetRollsBackTheWholeCreateMultipleAndTheErrorNamesItsIndex() {
        int before = rows.count("account");
        HttpResponse<String> r = bulk("CreateMultiple", "{" + ACCOUNT + ",\"name\":\"ok 0\"},{" + ACCOUNT
                + ",\"name\":\"ok 1\"},{" + ACCOUNT + ",\"name\":\"bad\",\"emial\":\"x@example.com\"}");
        JsonNode error = error(r, 400);
        assertThat(error.get("message").asText()).startsWith("Targets[2] of CreateMultiple: ").contains("'emial'");
        assertThat(rows.count("account")).isEqualTo(before);
    }

    @Test
    void everyTargetMustDeclareItsODataType() {
        int before = rows.count("account");
        JsonNode error = error(bulk("CreateMultiple", "{" + ACCOUNT + ",\"name\":\"a\"},{\"name\":\"b\"}"), 400);
        assertThat(error.get("message").asText()).startsWith("Targets[1] of CreateMultiple has no '@odata.type'");
        assertThat(rows.count("account")).isEqualTo(before);
    }

    @Test
    void aTargetOfAnotherTableIsRejected() {
        JsonNode error = error(bulk("CreateMultiple",
                "{\"@odata.type\":\"Microsoft.Dynamics.CRM.contact\",\"lastname\":\"x\"}"), 400);
        assertThat(error.get("code").asText()).isEqualTo("0x80048d19");
        assertThat(error.get("message").asText()).contains("'Microsoft.Dynamics.CRM.contact'")
                .contains("'Microsoft.Dynamics.CRM.account'");
    }

    @Test
    void missingTargetsAreRejected() {
        HttpResponse<String> r = wire.call("POST", "accounts/Microsoft.Dynamics.CRM.CreateMultiple", "{}");
        JsonNode error = error(r, 400);
        assertThat(error.get("code").asText()).isEqualTo("0x80040200");
        assertThat(error.get("message").asText())
                .isEqualTo("Required field 'Targets' is missing for RequestName='CreateMultiple'.");
    }

    @Test
    void emptyTargetsAreRejected() {
        JsonNode error = error(bulk("UpdateMultiple", ""), 400);
        assertThat(error.get("message").asText()).contains("'Targets' of UpdateMultiple is empty");
    }

    @Test
    void updateMultipleAnswers204AndUpdatesEveryTarget() {
        List<UUID> ids = create(3);
        StringBuilder targets = new StringBuilder();
        for (UUID id : ids) {
            targets.append(targets.length() == 0 ? "" : ",").append("{").append(ACCOUNT).append(",\"accountid\":\"")
                    .append(id).append("\",\"telephone1\":\"555-").append(ids.indexOf(id)).append("\"}");
        }
        HttpResponse<String> r = bulk("UpdateMultiple", targets.toString());
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("OData-Version")).hasValue("4.0");
        for (int i = 0; i < ids.size(); i++) {
            assertThat(rows.value("account", ids.get(i), "telephone1")).isEqualTo("555-" + i);
            assertThat(rows.value("account", ids.get(i), "name")).isEqualTo("seed");
        }
    }

    @Test
    void updateMultipleOfAMissingRowIs404AndRollsBackTheOthers() {
        UUID existing = create(1).get(0);
        UUID missing = UUID.randomUUID();
        HttpResponse<String> r = bulk("UpdateMultiple", "{" + ACCOUNT + ",\"accountid\":\"" + existing
                + "\",\"name\":\"changed\"},{" + ACCOUNT + ",\"accountid\":\"" + missing + "\",\"name\":\"x\"}");
        JsonNode error = error(r, 404);
        assertThat(error.get("code").asText()).isEqualTo("0x80040217");
        assertThat(error.get("message").asText())
                .isEqualTo("Targets[1] of UpdateMultiple: Entity 'account' With Id = " + missing + " Does Not Exist");
        assertThat(rows.value("account", existing, "name")).isEqualTo("seed");
    }

    @Test
    void updateMultipleNeedsAKeyOnEveryTarget() {
        JsonNode error = error(bulk("UpdateMultiple", "{" + ACCOUNT + ",\"name\":\"no key\"}"), 400);
        assertThat(error.get("message").asText()).startsWith("Targets[0] of UpdateMultiple: ")
                .contains("primary key 'accountid'");
    }

    @Test
    void upsertMultipleCreatesAndUpdatesByAlternateKeyPrimaryKeyOrNoKey() {
        UUID existing = create(1).get(0);
        String number = "UPS-" + UUID.randomUUID().toString().substring(0, 8);
        UUID newId = UUID.randomUUID();
        int before = rows.count("account");
        HttpResponse<String> r = bulk("UpsertMultiple",
                "{" + ACCOUNT + ",\"@odata.id\":\"accounts(accountnumber='" + number + "')\",\"name\":\"by key\"},"
                        + "{" + ACCOUNT + ",\"accountid\":\"" + existing + "\",\"name\":\"updated by id\"},"
                        + "{" + ACCOUNT + ",\"accountid\":\"" + newId + "\",\"name\":\"created by id\"},"
                        + "{" + ACCOUNT + ",\"name\":\"no key\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(rows.count("account")).isEqualTo(before + 3);
        assertThat(rows.value("account", existing, "name")).isEqualTo("updated by id");
        assertThat(rows.value("account", newId, "name")).isEqualTo("created by id");

        HttpResponse<String> again = bulk("UpsertMultiple", "{" + ACCOUNT + ",\"@odata.id\":\""
                + wire.api("accounts(accountnumber='" + number + "')") + "\",\"name\":\"updated by key\"}");
        assertThat(again.statusCode()).isEqualTo(204);
        assertThat(rows.count("account")).isEqualTo(before + 3);
    }

    @Test
    void upsertMultipleWithAnODataIdOfAnotherTableIsRejected() {
        JsonNode error = error(bulk("UpsertMultiple",
                "{" + ACCOUNT + ",\"@odata.id\":\"contacts(emailaddress1='a@b.c')\",\"name\":\"x\"}"), 400);
        assertThat(error.get("message").asText()).startsWith("Targets[0] of UpsertMultiple: '@odata.id' must address");
    }

    @Test
    void deleteMultipleOnAStandardTableIsNotImplemented() {
        JsonNode error = error(bulk("DeleteMultiple", "{" + ACCOUNT + ",\"accountid\":\"" + UUID.randomUUID() + "\"}"),
                400);
        assertThat(error.get("message").asText()).isEqualTo("DeleteMultiple has not yet been implemented.");
    }

    @Test
    void anUnknownBoundActionIsNotFound() {
        JsonNode error = error(bulk("FrobnicateMultiple", ""), 404);
        assertThat(error.get("message").asText())
                .isEqualTo("Resource not found for the segment 'Microsoft.Dynamics.CRM.FrobnicateMultiple'.");
    }

    @Test
    void aBulkMessageInsideABatchChangeSetRollsBackWithIt() {
        int before = rows.count("account");
        String body = ("--b\nContent-Type: multipart/mixed; boundary=cs\n\n--cs\nContent-Type: application/http\n"
                + "Content-Transfer-Encoding: binary\nContent-ID: 1\n\nPOST accounts/Microsoft.Dynamics.CRM.CreateMultiple "
                + "HTTP/1.1\nContent-Type: application/json\n\n{\"Targets\":[{" + ACCOUNT + ",\"name\":\"in batch\"}]}\n"
                + "--cs\nContent-Type: application/http\nContent-Transfer-Encoding: binary\nContent-ID: 2\n\n"
                + "DELETE accounts(" + UUID.randomUUID() + ") HTTP/1.1\n\n--cs--\n--b--\n");
        HttpResponse<String> r = wire.call("POST", "$batch", body, "Content-Type", "multipart/mixed; boundary=b");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new BatchParts(r).changeSet(0)).singleElement().extracting(BatchParts.Part::status).isEqualTo(404);
        assertThat(rows.count("account")).isEqualTo(before);
    }

    private static List<UUID> create(int n) {
        List<UUID> ids = new ArrayList<>();
        StringBuilder targets = new StringBuilder();
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            targets.append(i == 0 ? "" : ",").append("{").append(ACCOUNT).append(",\"accountid\":\"").append(id)
                    .append("\",\"name\":\"seed\"}");
        }
        assertThat(bulk("CreateMultiple", targets.toString()).statusCode()).isEqualTo(200);
        return ids;
    }
}
