package dev.sluice.emulator.internal.batch;

import dev.sluice.core.DataverseHeaders;
import dev.sluice.emulator.internal.http.ApiResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a {@code $batch} response as Dataverse does (fact sheet §D.2): parts delimited by
 * {@code --batchresponse_<guid>}, change sets nested under {@code changesetresponse_<guid>} with
 * their Content-IDs echoed, each part an {@code application/http} message with a status line and
 * CRLF line ends. Not thread-safe; one per batch.
 */
final class BatchResponseWriter {
    private static final String CRLF = "\r\n";

    private final String boundary = "batchresponse_" + UUID.randomUUID();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);

    /** Adds a part for a single operation. */
    void operation(PartResult result) {
        delimiter(boundary);
        message(result);
    }

    /** Adds a change set: its parts, or only the failing one when it was rolled back. */
    void changeSet(List<PartResult> results) {
        String inner = "changesetresponse_" + UUID.randomUUID();
        delimiter(boundary);
        text("Content-Type: multipart/mixed; boundary=" + inner + CRLF + CRLF);
        for (PartResult r : results) {
            delimiter(inner);
            message(r);
        }
        text("--" + inner + "--" + CRLF);
    }

    /** The finished response with the outer status. */
    ApiResponse finish(int status) {
        text("--" + boundary + "--" + CRLF);
        return ApiResponse.of(status)
                .header(DataverseHeaders.ODATA_VERSION, "4.0")
                .header("Content-Type", "multipart/mixed; boundary=" + boundary)
                .body(out.toByteArray());
    }

    private void delimiter(String b) {
        text("--" + b + CRLF);
    }

    private void message(PartResult result) {
        ApiResponse r = result.response();
        text("Content-Type: application/http" + CRLF + "Content-Transfer-Encoding: binary" + CRLF);
        if (result.operation().contentId() != null) {
            text("Content-ID: " + result.operation().contentId() + CRLF);
        }
        text(CRLF + "HTTP/1.1 " + r.status() + " " + ReasonPhrases.of(r.status()) + CRLF);
        if (result.failed() && !r.headers().has("REQ_ID")) {
            // failed parts carry their own request id (fact sheet §D.2)
            text("REQ_ID: " + UUID.randomUUID() + CRLF);
        }
        Map<String, List<String>> headers = r.headers().asMap();
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(DataverseHeaders.ODATA_ENTITY_ID) && !r.headers().has("Location")) {
                // Dataverse sends Location beside OData-EntityId in batch parts (fact sheet §D.2)
                h.getValue().forEach(v -> text("Location: " + v + CRLF));
            }
            h.getValue().forEach(v -> text(h.getKey() + ": " + v + CRLF));
        }
        text(CRLF);
        out.writeBytes(r.body());
        text(CRLF);
    }

    private void text(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
