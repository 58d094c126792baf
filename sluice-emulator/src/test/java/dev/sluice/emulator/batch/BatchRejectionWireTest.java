package dev.sluice.emulator.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.Wire;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Malformed batches: a 400 with Dataverse's error JSON, a message naming the problem, nothing applied. */
class BatchRejectionWireTest {
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

    /** A create that must not happen, then {@code rest}, in a batch with boundary {@code b}. */
    static String createThen(UUID id, String rest) {
        return """
                --b
                Content-Type: application/http
                Content-Transfer-Encoding: binary

                POST accounts HTTP/1.1
                Content-Type: application/json

                {"name":"must not exist","accountid":"%s"}
                """.formatted(id) + rest;
    }

    /** Sends the batch and checks: 400, error JSON with a message containing {@code expected}, id not created. */
    static JsonNode rejected(String contentType, String body, UUID id, String expected) {
        HttpResponse<String> r = wire.call("POST", "$batch", body, "Content-Type", contentType);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; odata.metadata=minimal");
        JsonNode json = Wire.json(r);
        assertThat(json.at("/error/code").asText()).isEqualTo("0x8006088A");
        assertThat(json.at("/error/message").asText()).contains(expected);
        if (id != null) {
            assertThat(rows.exists("account", id)).isFalse();
        }
        return json;
    }

    @Test
    void aContentTypeWithoutBoundaryIsRejected() {
        rejected("multipart/mixed", "--b\n--b--\n", null, "'boundary' parameter");
    }

    @Test
    void aJsonContentTypeIsRejected() {
        rejected("application/json", "{}", null, "must have the Content-Type 'multipart/mixed");
    }

    @Test
    void aMissingClosingDelimiterRejectsTheWholeBatch() {
        UUID id = UUID.randomUUID();
        rejected("multipart/mixed; boundary=b", createThen(id, ""), id, "closing delimiter '--b--' is missing");
    }

    @Test
    void aBodyWithoutAnyDelimiterIsRejected() {
        rejected("multipart/mixed; boundary=b", "POST accounts HTTP/1.1\n\n{}", null, "no line '--b'");
    }

    @Test
    void aBadRequestLineIsRejectedAndNothingBeforeItRuns() {
        UUID id = UUID.randomUUID();
        String body = createThen(id, """
                --b
                Content-Type: application/http
                Content-Transfer-Encoding: binary

                POST accounts
                Content-Type: application/json

                {"name":"x"}
                --b--
                """);
        rejected("multipart/mixed; boundary=b", body, id, "The request line 'POST accounts' of batch operation 2 is invalid");
    }

    @Test
    void anUnknownMethodIsRejected() {
        UUID id = UUID.randomUUID();
        String body = createThen(id, """
                --b
                Content-Type: application/http
                Content-Transfer-Encoding: binary

                FETCH accounts HTTP/1.1

                --b--
                """);
        rejected("multipart/mixed; boundary=b", body, id, "The HTTP method 'FETCH' of batch operation 2 is invalid");
    }

    @Test
    void anInvalidHttpVersionIsRejected() {
        UUID id = UUID.randomUUID();
        String body = createThen(id, """
                --b
                Content-Type: application/http
                Content-Transfer-Encoding: binary

                GET WhoAmI HTTP/2

                --b--
                """);
        rejected("multipart/mixed; boundary=b", body, id, "The HTTP version 'HTTP/2' used in batch operation 2 is not valid");
    }

    @Test
    void aGetInsideAChangeSetIsRejected() {
        UUID id = UUID.randomUUID();
        String body = createThen(id, """
                --b
                Content-Type: multipart/mixed; boundary=cs

                --cs
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 1

                GET accounts HTTP/1.1

                --cs--
                --b--
                """);
        rejected("multipart/mixed; boundary=b", body, id, "An invalid HTTP method 'GET' was detected for a request in a change set");
    }

    @Test
    void aNestedChangeSetIsRejected() {
        String body = """
                --b
                Content-Type: multipart/mixed; boundary=cs

                --cs
                Content-Type: multipart/mixed; boundary=inner

                --inner--
                --cs--
                --b--
                """;
        rejected("multipart/mixed; boundary=b", body, null, "Nested change sets in a batch payload are not supported.");
    }

    @Test
    void aNestedBatchIsRejected() {
        UUID id = UUID.randomUUID();
        String body = createThen(id, """
                --b
                Content-Type: application/http
                Content-Transfer-Encoding: binary

                POST /api/data/v9.2/$batch HTTP/1.1
                Content-Type: multipart/mixed; boundary=x

                --x--
                --b--
                """);
        rejected("multipart/mixed; boundary=b", body, id, "can't contain other batch requests");
    }

    @Test
    void aPartWithoutContentTransferEncodingIsRejected() {
        UUID id = UUID.randomUUID();
        String body = createThen(id, """
                --b
                Content-Type: application/http

                GET WhoAmI HTTP/1.1

                --b--
                """);
        rejected("multipart/mixed; boundary=b", body, id, "'Content-Transfer-Encoding' header");
    }

    @Test
    void aPartWithAnotherContentTypeIsRejected() {
        String body = """
                --b
                Content-Type: application/json

                {}
                --b--
                """;
        rejected("multipart/mixed; boundary=b", body, null, "otherwise it must be 'application/http'");
    }

    @Test
    void aPartWithoutContentTypeIsRejected() {
        String body = """
                --b
                Content-Transfer-Encoding: binary

                GET WhoAmI HTTP/1.1

                --b--
                """;
        rejected("multipart/mixed; boundary=b", body, null, "The 'Content-Type' header is missing");
    }

    @Test
    void aDuplicateContentIdInAChangeSetIsRejected() {
        String part = """
                --cs
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 1

                POST accounts HTTP/1.1
                Content-Type: application/json

                {"name":"dup"}
                """;
        String body = "--b\nContent-Type: multipart/mixed; boundary=cs\n\n" + part + part + "--cs--\n--b--\n";
        int before = rows.count("account");
        rejected("multipart/mixed; boundary=b", body, null, "The content ID '1' was found more than once");
        assertThat(rows.count("account")).isEqualTo(before);
    }

    @Test
    void aPartUrlOutsideTheServiceRootIsRejected() {
        UUID id = UUID.randomUUID();
        String body = createThen(id, """
                --b
                Content-Type: application/http
                Content-Transfer-Encoding: binary

                GET /somewhere/else HTTP/1.1

                --b--
                """);
        rejected("multipart/mixed; boundary=b", body, id, "The URL of batch operation 2 is not under the service root");
    }

    @Test
    void aMalformedHeaderLineIsRejected() {
        String body = """
                --b
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                this is not a header

                GET WhoAmI HTTP/1.1

                --b--
                """;
        rejected("multipart/mixed; boundary=b", body, null, "The message header 'this is not a header' is invalid");
    }

    @Test
    void moreThanAThousandOperationsAreRejected() {
        StringBuilder body = new StringBuilder();
        UUID id = UUID.randomUUID();
        body.append(createThen(id, ""));
        for (int i = 0; i < 1000; i++) {
            body.append("--b\nContent-Type: application/http\nContent-Transfer-Encoding: binary\n\nGET WhoAmI HTTP/1.1\n\n");
        }
        body.append("--b--\n");
        rejected("multipart/mixed; boundary=b", body.toString(), id, "The current batch message contains too many "
                + "parts. Only batch messages with a maximum number of '1000' query operations, including changeset "
                + "operations, are allowed.");
    }

    @Test
    void aThousandOperationsIncludingChangeSetOperationsAreAccepted() {
        StringBuilder body = new StringBuilder("--b\nContent-Type: multipart/mixed; boundary=cs\n\n");
        for (int i = 0; i < 10; i++) {
            body.append("--cs\nContent-Type: application/http\nContent-Transfer-Encoding: binary\nContent-ID: ")
                    .append(i).append("\n\nPOST accounts HTTP/1.1\nContent-Type: application/json\n\n{\"name\":\"n")
                    .append(i).append("\"}\n");
        }
        body.append("--cs--\n");
        for (int i = 0; i < 990; i++) {
            body.append("--b\nContent-Type: application/http\nContent-Transfer-Encoding: binary\n\nGET WhoAmI HTTP/1.1\n\n");
        }
        body.append("--b--\n");
        HttpResponse<String> r = wire.call("POST", "$batch", body.toString(), "Content-Type",
                "multipart/mixed; boundary=b");
        assertThat(r.statusCode()).isEqualTo(200);
        BatchParts parts = new BatchParts(r);
        assertThat(parts.items).hasSize(991);
        assertThat(parts.changeSet(0)).hasSize(10);
    }

    @Test
    void batchOnlyAcceptsPost() {
        HttpResponse<String> r = wire.call("GET", "$batch", null);
        assertThat(r.statusCode()).isEqualTo(405);
    }
}
