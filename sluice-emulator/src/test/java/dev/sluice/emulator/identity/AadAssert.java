package dev.sluice.emulator.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;

/** Asserts the identity platform's error JSON shape (fact sheet §F.3). */
final class AadAssert {
    private AadAssert() {}

    /** The response is {@code status} with {@code error}, and a description beginning {@code AADSTS<code>: }. */
    static JsonNode assertAadError(HttpResponse<String> r, int status, String error, int code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store, no-cache");
        assertThat(r.headers().firstValue("Pragma")).hasValue("no-cache");
        JsonNode b = IdWire.json(r);
        assertThat(b.get("error").asText()).isEqualTo(error);
        String d = b.get("error_description").asText();
        assertThat(d).startsWith("AADSTS" + code + ": ");
        assertThat(d).endsWith("\r\nTrace ID: " + b.get("trace_id").asText() + "\r\nCorrelation ID: "
                + b.get("correlation_id").asText() + "\r\nTimestamp: " + b.get("timestamp").asText());
        assertThat(b.get("error_codes").size()).isEqualTo(1);
        assertThat(b.get("error_codes").get(0).asInt()).isEqualTo(code);
        assertThat(b.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ");
        assertThat(b.get("trace_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(b.get("correlation_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(b.get("error_uri").asText()).isEqualTo("https://login.microsoftonline.com/error?code=" + code);
        return b;
    }
}
