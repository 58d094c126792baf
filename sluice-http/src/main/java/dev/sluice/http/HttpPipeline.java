package dev.sluice.http;

import java.io.IOException;
import java.util.List;

/** An ordered list of policies ending in a transport. Immutable and thread-safe. */
public final class HttpPipeline {
    private final List<HttpPipelinePolicy> policies;
    private final HttpPipelinePolicy.Next transport;

    public HttpPipeline(List<HttpPipelinePolicy> policies, HttpPipelinePolicy.Next transport) {
        this.policies = List.copyOf(policies);
        this.transport = transport;
    }

    public PipelineResponse send(PipelineRequest request) throws IOException {
        return step(0, request);
    }

    private PipelineResponse step(int index, PipelineRequest request) throws IOException {
        if (index == policies.size()) {
            return transport.send(request);
        }
        return policies.get(index).process(request, r -> step(index + 1, r));
    }
}
