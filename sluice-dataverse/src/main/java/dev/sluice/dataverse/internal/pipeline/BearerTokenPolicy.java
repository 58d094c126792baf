package dev.sluice.dataverse.internal.pipeline;

import dev.sluice.auth.AccessToken;
import dev.sluice.auth.TokenCredential;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.io.IOException;

/**
 * Puts the identity's access token on each attempt (so a token that expired during a retry wait is
 * replaced), and on a 401 forces one refresh and sends once more. When the identity provider fails in
 * a passing way, the request is not sent and the retry policy tries again after a wait
 * ({@link IdentityUnavailableException}).
 */
public final class BearerTokenPolicy implements HttpPipelinePolicy {
    private final TokenCredential credential;

    public BearerTokenPolicy(TokenCredential credential) {
        this.credential = credential;
    }

    @Override
    public PipelineResponse process(PipelineRequest request, Next next) throws IOException {
        AccessToken token = obtain(() -> credential.token());
        request.header("Authorization", "Bearer " + token.value().reveal());
        PipelineResponse response = next.send(request);
        if (response.status() != 401) {
            return response;
        }
        AccessToken fresh = obtain(() -> credential.refreshAfterRejection(token));
        request.header("Authorization", "Bearer " + fresh.value().reveal());
        return next.send(request);
    }

    private static AccessToken obtain(java.util.function.Supplier<AccessToken> source) throws IOException {
        try {
            return source.get();
        } catch (SluiceException e) {
            if (e.kind() == ErrorKind.TRANSIENT) {
                throw new IdentityUnavailableException("no token: " + e.getMessage(), e);
            }
            throw e;
        }
    }
}
