package dev.sluice.http;

import java.io.IOException;

/** Sets {@code User-Agent} and the OData version headers every request to Dataverse or Business Central carries. */
public final class UserAgentPolicy implements HttpPipelinePolicy {
    private final String userAgent;

    public UserAgentPolicy(String userAgent) {
        this.userAgent = userAgent;
    }

    @Override
    public PipelineResponse process(PipelineRequest request, Next next) throws IOException {
        request.header("User-Agent", userAgent);
        request.headers().putIfAbsent("Accept", "application/json");
        request.headers().putIfAbsent("OData-MaxVersion", "4.0");
        request.headers().putIfAbsent("OData-Version", "4.0");
        if (request.body() != null) {
            request.headers().putIfAbsent("Content-Type", "application/json; charset=utf-8");
        }
        return next.send(request);
    }
}
