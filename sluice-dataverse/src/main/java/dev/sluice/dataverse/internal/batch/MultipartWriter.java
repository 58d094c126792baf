package dev.sluice.dataverse.internal.batch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a {@code $batch} request body (fact sheet §D.1) with CRLF line ends: parts delimited by
 * {@code --batch_<uuid>}, change sets nested as {@code multipart/mixed} under {@code changeset_<uuid>},
 * each part an {@code application/http} message with an absolute URL. Not thread-safe; one per body.
 */
public final class MultipartWriter {
    private static final String CRLF = "\r\n";

    private final String boundary = "batch_" + UUID.randomUUID();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    private String changeSet;

    /** The request's {@code Content-Type}. */
    public String contentType() {
        return "multipart/mixed; boundary=" + boundary;
    }

    /** Opens a change set; the next parts go into it until {@link #endChangeSet()}. */
    public void beginChangeSet() {
        changeSet = "changeset_" + UUID.randomUUID();
        text("--" + boundary + CRLF);
        text("Content-Type: multipart/mixed; boundary=" + changeSet + CRLF + CRLF);
    }

    public void endChangeSet() {
        text("--" + changeSet + "--" + CRLF);
        changeSet = null;
    }

    /**
     * Adds one request part.
     *
     * @param contentId the part's {@code Content-ID}, or null
     * @param headers the part request's headers
     * @param body a JSON body, or null
     */
    public void part(String contentId, String method, String url, Map<String, String> headers, byte[] body) {
        text("--" + (changeSet != null ? changeSet : boundary) + CRLF);
        text("Content-Type: application/http" + CRLF);
        text("Content-Transfer-Encoding: binary" + CRLF);
        if (contentId != null) {
            text("Content-ID: " + contentId + CRLF);
        }
        text(CRLF);
        text(method + " " + url + " HTTP/1.1" + CRLF);
        headers.forEach((n, v) -> text(n + ": " + v + CRLF));
        if (body != null) {
            text("Content-Type: application/json; type=entry" + CRLF + CRLF);
            out.writeBytes(body);
        }
        text(CRLF);
    }

    /** The finished body. */
    public byte[] finish() {
        text("--" + boundary + "--" + CRLF);
        return out.toByteArray();
    }

    private void text(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
