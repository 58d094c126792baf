package dev.sluice.http;

import dev.sluice.auth.TokenCredential;
import dev.sluice.core.Sleeper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The one place the policy order of a Microsoft service client is written; both the Dataverse and the Business
 * Central clients build their pipeline here. Stateless.
 */
public final class ServicePipeline {
    private ServicePipeline() {}

    /**
     * The pipeline of one service client: user agent -> request id -> throttle gate -> retry -> bearer token ->
     * logging (under {@code dev.sluice.SERVICE.http}) -> JDK transport. The gate is outside retry so a 429 pauses
     * every request of the identity; the token is inside retry so each attempt carries a current token.
     */
    public static HttpPipeline build(String service, ThrottleGate gate, RetryOptions retry, TokenCredential credential,
            Clock clock, Sleeper sleeper, HttpClient http, Duration timeout) {
        return new HttpPipeline(List.of(
                new UserAgentPolicy("sluice/0.1 (Java " + Runtime.version().feature() + ")"),
                new RequestIdPolicy(),
                new ThrottleGatePolicy(gate, sleeper),
                new RetryPolicy(retry, gate, clock, sleeper),
                new BearerTokenPolicy(credential),
                new LoggingPolicy(service)), new JdkTransport(http, timeout));
    }
}
