package dev.sluice.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.DataverseHeaders;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.internal.Transport;
import dev.sluice.http.PipelineRequest;
import dev.sluice.http.PipelineResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * The requests of one client: reads and writes against its service root, with its impersonation and extra
 * write headers, writes refused on a read-only connection before anything is sent. Immutable and thread-safe.
 */
final class Requests {
    private final Transport transport;
    private final boolean readOnly;
    private final String identity;
    private final List<String[]> extraHeaders;
    private final UUID impersonate;

    Requests(Transport transport, boolean readOnly, String identity, List<String[]> extraHeaders, UUID impersonate) {
        this.transport = transport;
        this.readOnly = readOnly;
        this.identity = identity;
        this.extraHeaders = List.copyOf(extraHeaders);
        this.impersonate = impersonate;
    }

    Transport transport() {
        return transport;
    }

    /** Sends and returns a successful response, or throws a DataverseException. */
    PipelineResponse send(PipelineRequest r) {
        return transport.send(r);
    }

    /** Sends and returns whatever the service answered. */
    PipelineResponse exchange(PipelineRequest r) {
        return transport.exchange(r);
    }

    PipelineRequest read(String pathAndQuery) {
        return readUrl(transport.uri(pathAndQuery));
    }

    /** A GET of an absolute URL the service gave (a nextLink), with this client's request headers. */
    PipelineRequest readUrl(URI url) {
        PipelineRequest r = PipelineRequest.get(url);
        decorate(r);
        return r;
    }

    /** A POST that only reads (a $batch of gets): allowed on read-only connections, safe to resend. */
    PipelineRequest readByPost(String pathAndQuery, byte[] body) {
        PipelineRequest r = new PipelineRequest("POST", transport.uri(pathAndQuery), body, true);
        decorate(r);
        return r;
    }

    PipelineRequest write(String method, String pathAndQuery, byte[] body, boolean retrySafe) {
        requireWritable(method);
        PipelineRequest r = new PipelineRequest(method, transport.uri(pathAndQuery), body, retrySafe);
        decorate(r);
        for (String[] h : extraHeaders) {
            r.header(h[0], h[1]);
        }
        return r;
    }

    /** Refuses writes on a read-only connection before anything is sent. */
    void requireWritable(String operation) {
        if (readOnly) {
            throw new SluiceException(ErrorKind.FORBIDDEN, "'" + identity + "' is read-only: " + operation
                    + " refused before anything was sent; edit the connection to allow writes");
        }
    }

    boolean readOnly() {
        return readOnly;
    }

    /** A response body as a JSON tree. */
    static JsonNode json(PipelineResponse r) {
        try {
            return Transport.JSON.readTree(r.body());
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.TRANSIENT, "Dataverse sent a response that is not valid JSON", e);
        }
    }

    private void decorate(PipelineRequest r) {
        if (impersonate != null) {
            r.header(DataverseHeaders.CALLER_OBJECT_ID, impersonate.toString());
        }
    }
}
