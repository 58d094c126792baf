package dev.sluice.http;

import java.io.IOException;

/** One step of the HTTP pipeline. Implementations are thread-safe. */
@FunctionalInterface
public interface HttpPipelinePolicy {
    /** Handles the request, usually by changing it and calling {@code next.send}. */
    PipelineResponse process(PipelineRequest request, Next next) throws IOException;

    /** The rest of the pipeline after this policy. */
    @FunctionalInterface
    interface Next {
        PipelineResponse send(PipelineRequest request) throws IOException;
    }
}
