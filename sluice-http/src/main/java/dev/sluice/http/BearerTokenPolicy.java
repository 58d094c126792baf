package dev.sluice.http;

import dev.sluice.auth.AccessToken;
import dev.sluice.auth.TokenCredential;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.io.IOException;

/**
 * Puts the identity's access token on each attempt (so a token that expired during a retry wait is
 * replaced), and on a 401 forces a refresh and sends once more — again, up to {@link #REFRESHES} times,
 * while each refresh gives a token other than the one just refused (a token can be revoked between its
 * refresh and its use). When the identity provider fails in a passing way, the request is not sent and
 * the retry policy tries again after a wait ({@link IdentityUnavailableException}).
 */
public final class BearerTokenPolicy implements HttpPipelinePolicy {
    /** Refreshes per attempt after 401s: enough for a revocation racing a refresh, bounded for a broken grant. */
    static final int REFRESHES = 3;

    private final TokenCredential credential;

    public BearerTokenPolicy(TokenCredential credential) {
        this.credential = credential;
    }

    @Override
    public PipelineResponse process(PipelineRequest request, Next next) throws IOException {
        AccessToken token = obtain(() -> credential.token());
        request.header("Authorization", "Bearer " + token.value().reveal());
        PipelineResponse response = next.send(request);
        for (int i = 0; i < REFRESHES && response.status() == 401; i++) {
            AccessToken refused = token;
            AccessToken fresh = obtain(() -> credential.refreshAfterRejection(refused));
            if (i > 0 && fresh.value().equals(refused.value())) {
                break; // no other token to be had: the refusal stands
            }
            token = fresh;
            request.header("Authorization", "Bearer " + fresh.value().reveal());
            response = next.send(request);
        }
        return response;
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
