package dev.sluice.emulator;

/** What an injected fault does to a matching request (see {@link FaultSpec}). Immutable. */
public enum FaultKind {
    /** Answer {@code 429} with {@code Retry-After} and Dataverse's service protection error JSON. */
    THROTTLE("throttle"),
    /** Answer {@code 500}, {@code 502}, {@code 503} or {@code 504} instead of handling the request. */
    STATUS("status"),
    /** Wait, then handle the request normally; on the Web API the wait counts as execution time. */
    DELAY("delay"),
    /** Handle the request, then close the connection before sending any byte of the response. */
    DROP_BEFORE_RESPONSE("drop-before-response"),
    /** Handle the request, send the headers and half of the body, then close the connection. */
    DROP_MID_BODY("drop-mid-body"),
    /** Answer {@code 401} with the {@code WWW-Authenticate: Bearer} challenge instead of handling it. */
    UNAUTHORIZED("unauthorized");

    private final String wireName;

    FaultKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name used by the admin HTTP API, e.g. {@code drop-mid-body}. */
    public String wireName() {
        return wireName;
    }

    /** The kind with this admin API name, or null. */
    public static FaultKind fromWireName(String name) {
        for (FaultKind k : values()) {
            if (k.wireName.equals(name)) {
                return k;
            }
        }
        return null;
    }
}
