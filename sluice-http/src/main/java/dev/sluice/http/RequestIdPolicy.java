package dev.sluice.http;

import dev.sluice.core.DataverseHeaders;
import java.io.IOException;
import java.util.UUID;

/**
 * Gives each logical request an {@code x-ms-client-request-id} (kept across its retries) so that it
 * can be found in service-side traces.
 */
public final class RequestIdPolicy implements HttpPipelinePolicy {
    @Override
    public PipelineResponse process(PipelineRequest request, Next next) throws IOException {
        request.headers().putIfAbsent(DataverseHeaders.CLIENT_REQUEST_ID, UUID.randomUUID().toString());
        return next.send(request);
    }
}
