package dev.sluice.http;

import java.io.IOException;
import java.net.URI;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A service's root and the pipeline to it: resolves paths against the root and sends, turning a request that got
 * no answer into the service's own TRANSIENT exception. Shared by the Dataverse and Business Central transports,
 * which add their own reading of failed answers. Immutable and thread-safe.
 */
public final class ServiceEndpoint {
    private final HttpPipeline pipeline;
    private final URI serviceRoot;
    private final String serviceName;
    private final Function<String, RuntimeException> unanswered;

    /**
     * @param serviceName the service as a person knows it, e.g. {@code Dataverse}
     * @param unanswered makes the service's TRANSIENT exception (no status) from a message
     */
    public ServiceEndpoint(HttpPipeline pipeline, URI serviceRoot, String serviceName,
            Function<String, RuntimeException> unanswered) {
        this.pipeline = pipeline;
        this.serviceRoot = serviceRoot;
        this.serviceName = serviceName;
        this.unanswered = unanswered;
    }

    public URI serviceRoot() {
        return serviceRoot;
    }

    /** Resolves a path (and raw query) against the service root. */
    public URI uri(String pathAndQuery) {
        return serviceRoot.resolve(pathAndQuery);
    }

    /**
     * Sends and returns whatever the service answered (after the pipeline's retries); throws the service's
     * exception only when no answer came back. {@code what} names the request in that message
     * ({@code GET accounts}); it is asked for only then.
     */
    public PipelineResponse exchange(PipelineRequest request, Supplier<String> what) {
        try {
            return pipeline.send(request);
        } catch (IdentityUnavailableException e) {
            throw unanswered.apply(what.get() + ": not sent, " + e.getMessage()
                    + "; try again when the identity provider answers");
        } catch (IOException e) {
            throw unanswered.apply(what.get() + ": no answer from " + serviceName + " at " + serviceRoot.getHost() + " ("
                    + e.getClass().getSimpleName() + "); check the network and try again");
        }
    }
}
