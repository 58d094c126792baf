package dev.sluice.http;

import dev.sluice.auth.AccessToken;
import dev.sluice.auth.TokenCredential;
import java.io.IOException;

/**
 * Puts the identity's access token on each attempt (so a token that expired during a retry wait is
 * replaced), and on a 401 forces one refresh and sends once more.
 */
public final class BearerTokenPolicy implements HttpPipelinePolicy {
    private final TokenCredential credential;

    public BearerTokenPolicy(TokenCredential credential) {
        this.credential = credential;
    }

    @Override
    public PipelineResponse process(PipelineRequest request, Next next) throws IOException {
        AccessToken token = credential.token();
        request.header("Authorization", "Bearer " + token.value().reveal());
        PipelineResponse response = next.send(request);
        if (response.status() != 401) {
            return response;
        }
        AccessToken fresh = credential.refreshAfterRejection(token);
        request.header("Authorization", "Bearer " + fresh.value().reveal());
        return next.send(request);
    }
}
