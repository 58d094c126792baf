package dev.sluice.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request in the emulator's recent-request log. Secrets are gone before it is recorded: the
 * {@code Authorization} value is replaced ({@code Bearer ***}), cookies are removed, and the values
 * of secret query parameters ({@code client_secret}, {@code code}, {@code refresh_token}…) are
 * {@code ***}. Immutable.
 *
 * @param time when it arrived, on the emulator's clock
 * @param method the HTTP method
 * @param url the raw path and query, e.g. {@code /api/data/v9.2/accounts?$top=1}
 * @param headers the request headers in arrival order, redacted
 * @param status the status answered (also when a drop fault then closed the connection)
 * @param duration how long it took to answer, measured
 * @param identity the identity its service protection limits were counted against, or null when it
 *     did not reach them (identity endpoints, failed authentication, injected faults)
 * @param fault the injected fault it got, or null
 * @param throttledBy the limit that rejected it with 429, or null
 */
public record RecordedRequest(
        Instant time,
        String method,
        String url,
        Map<String, List<String>> headers,
        int status,
        Duration duration,
        String identity,
        FaultKind fault,
        ThrottleReason throttledBy) {

    public RecordedRequest {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}
