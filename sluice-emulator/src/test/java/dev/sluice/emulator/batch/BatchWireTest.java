package dev.sluice.emulator.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.Wire;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BatchWireTest {
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

    static HttpResponse<String> batch(String contentType, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = contentType;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return wire.call("POST", "$batch", body, all);
    }

    static String crlf(String lf) {
        return lf.replace("\n", "\r\n");
    }

    static JsonNode json(String body) {
        try {
            return Wire.JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    @Test
    void docExampleWithoutChangeSetsRunsEachPartAndAnswersEachInOrder() {
        UUID a1 = UUID.randomUUID();
        UUID a2 = UUID.randomUUID();
        String body = crlf("""
                --batch_80dd1615-2a10-428a-bb6f-0e559792721f
                Content-Type: application/http
                Content-Transfer-Encoding: binary

                POST /api/data/v9.2/accounts HTTP/1.1
                Content-Type: application/json; type=entry

                {
                  "name": "Account 1 in batch", "accountid": "%s"
                }
                --batch_80dd1615-2a10-428a-bb6f-0e559792721f
                Content-Type: application/http
                Content-Transfer-Encoding: binary

                POST /api/data/v9.2/accounts HTTP/1.1
                Content-Type: application/json; type=entry

                {
                  "name": "Account 2 in batch", "accountid": "%s"
                }
                --batch_80dd1615-2a10-428a-bb6f-0e559792721f
                Content-Type: application/http
                Content-Transfer-Encoding: binary

                GET /api/data/v9.2/WhoAmI HTTP/1.1


                --batch_80dd1615-2a10-428a-bb6f-0e559792721f--
                """.formatted(a1, a2));
        HttpResponse<String> r = batch("multipart/mixed; boundary=\"batch_80dd1615-2a10-428a-bb6f-0e559792721f\"",
                body);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("OData-Version")).hasValue("4.0");
        assertThat(r.headers().firstValue("Content-Type").orElseThrow())
                .matches("multipart/mixed; boundary=batchresponse_[0-9a-f-]{36}");
        BatchParts parts = new BatchParts(r);
        assertThat(parts.items).hasSize(3);
        for (int i = 0; i < 2; i++) {
            BatchParts.Part p = parts.part(i);
            assertThat(p.mime()).containsEntry("content-type", "application/http")
                    .containsEntry("content-transfer-encoding", "binary");
            assertThat(p.statusLine()).isEqualTo("HTTP/1.1 204 No Content");
            assertThat(p.header("OData-Version")).isEqualTo("4.0");
            assertThat(p.body()).isEmpty();
        }
        assertThat(parts.part(0).header("OData-EntityId")).isEqualTo(wire.api("accounts(" + a1 + ")"));
        assertThat(parts.part(0).header("Location")).isEqualTo(wire.api("accounts(" + a1 + ")"));
        assertThat(parts.part(1).header("OData-EntityId")).isEqualTo(wire.api("accounts(" + a2 + ")"));
        BatchParts.Part whoAmI = parts.part(2);
        assertThat(whoAmI.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(whoAmI.header("Content-Type")).startsWith("application/json");
        assertThat(json(whoAmI.body()).get("@odata.context").asText())
                .isEqualTo(wire.api("$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse"));
        assertThat(rows.value("account", a1, "name")).isEqualTo("Account 1 in batch");
        assertThat(rows.value("account", a2, "name")).isEqualTo("Account 2 in batch");
    }

    @Test
    void dynamicsWebApiStyleBodyWithLfLineEndsAbsoluteUrlsAndUnquotedBoundaryWorks() {
        String boundary = "dwa_batch_" + UUID.randomUUID();
        String changeSet = "dwa_changeset_" + UUID.randomUUID();
        UUID contact = UUID.randomUUID();
        String body = """
                --%1$s
                Content-Type: multipart/mixed;boundary=%2$s

                --%2$s
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 100001

                POST %3$scontacts HTTP/1.1
                Content-Type: application/json

                {"lastname":"Lf","contactid":"%4$s"}
                --%2$s
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 100002

                PATCH %3$scontacts(%4$s) HTTP/1.1
                Content-Type: application/json
                If-Match: *

                {"firstname":"Only"}
                --%2$s--

                --%1$s
                Content-Type: application/http
                Content-Transfer-Encoding: binary

                GET %3$sWhoAmI HTTP/1.1
                Accept: application/json

                --%1$s--
                """.formatted(boundary, changeSet, wire.api(""), contact);
        assertThat(body).doesNotContain("\r");
        HttpResponse<String> r = batch("multipart/mixed;boundary=" + boundary, body);

        assertThat(r.statusCode()).isEqualTo(200);
        BatchParts parts = new BatchParts(r);
        assertThat(parts.items).hasSize(2);
        assertThat(parts.changeSet(0)).extracting(BatchParts.Part::status).containsExactly(204, 204);
        assertThat(parts.changeSet(0)).extracting(p -> p.mime().get("content-id")).containsExactly("100001", "100002");
        assertThat(parts.part(1).status()).isEqualTo(200);
        assertThat(rows.value("contact", contact, "firstname")).isEqualTo("Only");
        assertThat(rows.value("contact", contact, "lastname")).isEqualTo("Lf");
    }

    @Test
    void responseUsesCrlfLineEndsAndFreshBoundaries() {
        String body = """
                --b1
                Content-Type: application/http
                Content-Transfer-Encoding: binary

                GET WhoAmI HTTP/1.1

                --b1--
                """;
        HttpResponse<String> r = batch("multipart/mixed; boundary=b1", body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body().replace("\r\n", "")).doesNotContain("\n");
        assertThat(r.body()).startsWith("--batchresponse_").doesNotContain("--b1").endsWith("--\r\n");
    }

    @Test
    void changeSetResponseNestsItsPartsUnderAChangesetResponseBoundaryAndEchoesContentIds() {
        String body = crlf("""
                --batch_AAA123
                Content-Type: multipart/mixed; boundary=changeset_BBB456

                --changeset_BBB456
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 1

                POST accounts HTTP/1.1
                Content-Type: application/json; type=entry

                {"name":"In a change set"}
                --changeset_BBB456
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 2

                POST accounts HTTP/1.1
                Content-Type: application/json; type=entry

                {"name":"Also in it"}
                --changeset_BBB456--
                --batch_AAA123--
                """);
        HttpResponse<String> r = batch("multipart/mixed;boundary=batch_AAA123", body);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Content-Type: multipart/mixed; boundary=changesetresponse_");
        BatchParts parts = new BatchParts(r);
        assertThat(parts.items).hasSize(1);
        assertThat(parts.changeSet(0)).hasSize(2);
        assertThat(parts.changeSet(0).get(0).mime()).containsEntry("content-id", "1");
        assertThat(parts.changeSet(0).get(1).mime()).containsEntry("content-id", "2");
        for (BatchParts.Part p : parts.changeSet(0)) {
            assertThat(p.statusLine()).isEqualTo("HTTP/1.1 204 No Content");
            assertThat(p.header("Location")).isEqualTo(p.header("OData-EntityId"));
            assertThat(rows.value("account", Rows.idFromEntityId(p.header("OData-EntityId")), "name")).isNotNull();
        }
    }

    @Test
    void contentIdReferencesInBindBodiesLinkRecordsCreatedEarlierInTheChangeSet() {
        String body = crlf("""
                --batch_AAA123
                Content-Type: multipart/mixed; boundary=changeset_dd81ccab

                --changeset_dd81ccab
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 1

                POST %1$sleads HTTP/1.1
                Content-Type: application/json

                {
                    "firstname":"first name",
                    "lastname":"last name",
                    "subject":"Topic"
                }

                --changeset_dd81ccab
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 2

                POST %1$scontacts HTTP/1.1
                Content-Type: application/json

                {"firstname":"first name","lastname":"Ref"}

                --changeset_dd81ccab
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 3

                POST %1$sopportunities HTTP/1.1
                Content-Type: application/json

                {
                    "name":"IcM Opportunity",
                    "parentcontactid@odata.bind":"$2"
                }

                --changeset_dd81ccab--
                --batch_AAA123--
                """.formatted(wire.api("")));
        HttpResponse<String> r = batch("multipart/mixed;boundary=batch_AAA123", body);

        assertThat(r.statusCode()).isEqualTo(200);
        var cs = new BatchParts(r).changeSet(0);
        assertThat(cs).extracting(BatchParts.Part::status).containsExactly(204, 204, 204);
        UUID contact = Rows.idFromEntityId(cs.get(1).header("OData-EntityId"));
        UUID opportunity = Rows.idFromEntityId(cs.get(2).header("OData-EntityId"));
        assertThat(rows.value("opportunity", opportunity, "parentcontactid")).isEqualTo(contact);
    }

    @Test
    void contentIdReferencesInUrlsPatchPutAndSetReferencesOnCreatedRecords() {
        String body = crlf("""
                --batch_AAA123
                Content-Type: multipart/mixed; boundary=changeset_dd81ccab

                --changeset_dd81ccab
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 1

                POST /api/data/v9.2/accounts HTTP/1.1
                Content-Type: application/json

                { "name":"Account name"}

                --changeset_dd81ccab
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 2

                POST /api/data/v9.2/contacts HTTP/1.1
                Content-Type: application/json

                { "lastname":"Contact last name"}

                --changeset_dd81ccab
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 3

                PUT $1/telephone1 HTTP/1.1
                Content-Type: application/json

                {"value":"555-0100"}

                --changeset_dd81ccab
                Content-Type:application/http
                Content-Transfer-Encoding:binary
                Content-ID:4

                PUT $1/primarycontactid/$ref HTTP/1.1
                Content-Type:application/json

                {"@odata.id":"$2"}

                --changeset_dd81ccab
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 5

                PATCH $2 HTTP/1.1
                Content-Type: application/json

                {"parentcustomerid_account@odata.bind":"$1"}

                --changeset_dd81ccab--
                --batch_AAA123--
                """);
        HttpResponse<String> r = batch("multipart/mixed;boundary=batch_AAA123", body);

        assertThat(r.statusCode()).isEqualTo(200);
        var cs = new BatchParts(r).changeSet(0);
        assertThat(cs).extracting(BatchParts.Part::status).containsExactly(204, 204, 204, 204, 204);
        UUID account = Rows.idFromEntityId(cs.get(0).header("OData-EntityId"));
        UUID contact = Rows.idFromEntityId(cs.get(1).header("OData-EntityId"));
        assertThat(rows.value("account", account, "telephone1")).isEqualTo("555-0100");
        assertThat(rows.value("account", account, "primarycontactid")).isEqualTo(contact);
        assertThat(rows.value("contact", contact, "parentcustomerid")).isEqualTo(account);
        assertThat(cs.get(4).header("OData-EntityId")).isEqualTo(wire.api("contacts(" + contact + ")"));
    }

    @Test
    void aFailedChangeSetRollsBackEverythingAndAnswersOnlyTheFailingPart() {
        UUID account = UUID.randomUUID();
        UUID contact = UUID.randomUUID();
        String body = crlf("""
                --batch_1
                Content-Type: multipart/mixed; boundary=changeset_1

                --changeset_1
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 1

                POST accounts HTTP/1.1
                Content-Type: application/json

                {"name":"Rolled back","accountid":"%s"}
                --changeset_1
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 2

                POST contacts HTTP/1.1
                Content-Type: application/json

                {"lastname":"Rolled back too","contactid":"%s","parentcustomerid_account@odata.bind":"$1"}
                --changeset_1
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 3

                POST accounts HTTP/1.1
                Content-Type: application/json

                {"name":"Bad","emial":"typo@example.com"}
                --changeset_1--
                --batch_1--
                """.formatted(account, contact));
        int accountsBefore = rows.count("account");
        HttpResponse<String> r = batch("multipart/mixed; boundary=batch_1", body);

        assertThat(r.statusCode()).isEqualTo(400);
        BatchParts parts = new BatchParts(r);
        assertThat(parts.items).hasSize(1);
        assertThat(parts.changeSet(0)).hasSize(1);
        BatchParts.Part failed = parts.changeSet(0).get(0);
        assertThat(failed.mime()).containsEntry("content-id", "3");
        assertThat(failed.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(failed.header("REQ_ID")).matches("[0-9a-f-]{36}");
        assertThat(failed.header("Content-Type")).isEqualTo("application/json; odata.metadata=minimal");
        assertThat(json(failed.body()).at("/error/message").asText()).contains("'emial'");
        assertThat(rows.count("account")).isEqualTo(accountsBefore);
        // the rolled-back rows are gone on the wire too
        assertThat(wire.call("PATCH", "accounts(" + account + ")", "{\"name\":\"x\"}", "If-Match", "*")
                .statusCode()).isEqualTo(404);
        assertThat(wire.call("DELETE", "contacts(" + contact + ")", null).statusCode()).isEqualTo(404);
    }

    @Test
    void withoutContinueOnErrorTheBatchStopsAtTheFirstFailureAndAnswers400() {
        UUID first = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        String body = crlf("""
                --batch_2
                Content-Type: application/http
                Content-Transfer-Encoding: binary

                POST accounts HTTP/1.1
                Content-Type: application/json

                {"name":"First","accountid":"%s"}
                --batch_2
                Content-Type: application/http
                Content-Transfer-Encoding: binary

                PATCH accounts(%s) HTTP/1.1
                Content-Type: application/json
                If-Match: *

                {"name":"Missing"}
                --batch_2
                Content-Type: application/http
                Content-Transfer-Encoding: binary

                POST accounts HTTP/1.1
                Content-Type: application/json

                {"name":"Third","accountid":"%s"}
                --batch_2--
                """.formatted(first, UUID.randomUUID(), third));
        HttpResponse<String> r = batch("multipart/mixed; boundary=\"batch_2\"", body);

        assertThat(r.statusCode()).isEqualTo(400);
        BatchParts parts = new BatchParts(r);
        assertThat(parts.items).hasSize(2);
        assertThat(parts.part(0).status()).isEqualTo(204);
        assertThat(parts.part(1).statusLine()).isEqualTo("HTTP/1.1 404 Not Found");
        assertThat(json(parts.part(1).body()).at("/error/code").asText()).isEqualTo("0x80040217");
        assertThat(rows.exists("account", first)).isTrue();
        assertThat(rows.exists("account", third)).isFalse();
    }

    @Test
    void withContinueOnErrorEveryPartRunsAndTheBatchAnswers200() {
        UUID third = UUID.randomUUID();
        String body = crlf("""
                --batch_3
                Content-Type: application/http
                Content-Transfer-Encoding: binary

                POST accounts HTTP/1.1
                Content-Type: application/json; type=entry

                {"name":"%s"}
                --batch_3
                Content-Type: multipart/mixed; boundary=changeset_3

                --changeset_3
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 1

                POST accounts HTTP/1.1
                Content-Type: application/json

                {"name":"ok"}
                --changeset_3
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 2

                DELETE accounts(%s) HTTP/1.1

                --changeset_3--
                --batch_3
                Content-Type: application/http
                Content-Transfer-Encoding: binary

                POST accounts HTTP/1.1
                Content-Type: application/json; type=entry

                {"name":"Task 3 in batch","accountid":"%s"}
                --batch_3--
                """.formatted("x".repeat(161), UUID.randomUUID(), third));
        HttpResponse<String> r = batch("multipart/mixed; boundary=\"batch_3\"", body,
                "Prefer", "odata.continue-on-error");

        assertThat(r.statusCode()).isEqualTo(200);
        BatchParts parts = new BatchParts(r);
        assertThat(parts.items).hasSize(3);
        assertThat(parts.part(0).status()).isEqualTo(400);
        assertThat(json(parts.part(0).body()).at("/error/message").asText()).contains("name");
        assertThat(parts.changeSet(1)).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(404);
            assertThat(p.mime()).containsEntry("content-id", "2");
        });
        assertThat(parts.part(2).status()).isEqualTo(204);
        assertThat(rows.exists("account", third)).isTrue();
    }

    @Test
    void referencingAContentIdBeforeItIsDeclaredIs400AndRunsNothing() {
        int before = rows.count("account");
        String body = crlf("""
                --batch_AAA123
                Content-Type: multipart/mixed; boundary=changeset_BBB456

                --changeset_BBB456
                Content-Type: application/http
                Content-Transfer-Encoding:binary
                Content-ID: 2

                POST %1$scontacts HTTP/1.1
                Content-Type: application/json;type=entry

                {
                    "lastname":"911",
                    "parentcustomerid_account@odata.bind" : "$1"
                }

                --changeset_BBB456
                Content-Type: application/http
                Content-Transfer-Encoding:binary
                Content-ID: 1

                POST %1$saccounts HTTP/1.1
                Content-Type: application/json;type=entry

                {
                    "name":"QQQQ",
                    "revenue": 1.50
                }

                --changeset_BBB456--
                --batch_AAA123--
                """.formatted(wire.api("")));
        HttpResponse<String> r = batch("multipart/mixed;boundary=batch_AAA123", body);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Wire.json(r).at("/error/message").asText())
                .isEqualTo("Content-ID Reference: '$1' does not exist in the batch context.");
        assertThat(rows.count("account")).isEqualTo(before);
    }

    @Test
    void aReferenceInTheUrlToAnUndeclaredContentIdIs400() {
        String body = crlf("""
                --batch_x
                Content-Type: multipart/mixed; boundary=changeset_x

                --changeset_x
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 1

                PATCH $7 HTTP/1.1
                Content-Type: application/json

                {"name":"x"}
                --changeset_x--
                --batch_x--
                """);
        HttpResponse<String> r = batch("multipart/mixed; boundary=batch_x", body);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Wire.json(r).at("/error/message").asText())
                .isEqualTo("Content-ID Reference: '$7' does not exist in the batch context.");
    }

    @Test
    void anEmptyBatchAnswersAnEmptyMultipartBody() {
        HttpResponse<String> r = batch("multipart/mixed; boundary=batch_e", "--batch_e--\r\n");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).matches("--batchresponse_[0-9a-f-]{36}--\r\n");
    }

    @Test
    void nonAsciiTextInPartUrlsAndBodiesSurvivesAsUtf8() {
        String number = "Ü-" + UUID.randomUUID().toString().substring(0, 6);
        UUID id = UUID.randomUUID();
        String body = """
                --b
                Content-Type: application/http
                Content-Transfer-Encoding: binary

                POST accounts HTTP/1.1
                Content-Type: application/json; charset=utf-8

                {"name":"Müller ☃","accountnumber":"%1$s","accountid":"%2$s"}
                --b
                Content-Type: application/http
                Content-Transfer-Encoding: binary

                PATCH accounts(accountnumber='%1$s') HTTP/1.1
                Content-Type: application/json; charset=utf-8

                {"telephone1":"☎ 1"}
                --b--
                """.formatted(number, id);
        HttpResponse<String> r = batch("multipart/mixed; boundary=b", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        BatchParts.Part p = new BatchParts(r).part(1);
        assertThat(p.status()).isEqualTo(204);
        assertThat(p.header("OData-EntityId")).isEqualTo(wire.api("accounts(accountnumber='" + number + "')"));
        assertThat(rows.value("account", id, "name")).isEqualTo("Müller ☃");
        assertThat(rows.value("account", id, "telephone1")).isEqualTo("☎ 1");
    }
}
