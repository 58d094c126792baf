package dev.sluice.emulator.internal.http;

import java.nio.charset.StandardCharsets;

/**
 * A response produced by a handler: status, headers and body. Mutable while it is being built; not
 * thread-safe.
 */
public final class ApiResponse {
    public static final String JSON = "application/json; odata.metadata=minimal";
    public static final String JSON_STREAMING = "application/json; odata.metadata=minimal; odata.streaming=true";

    private final int status;
    private final HeaderMap headers = new HeaderMap();
    private byte[] body = new byte[0];
    private Fault fault = Fault.NONE;

    /** How the server should misbehave when sending this response (fault injection). */
    public enum Fault {
        NONE,
        /** Close the connection without sending anything. */
        DROP_BEFORE_RESPONSE,
        /** Send the headers and half of the body, then close the connection. */
        DROP_MID_BODY
    }

    public ApiResponse(int status) {
        this.status = status;
    }

    public static ApiResponse of(int status) {
        return new ApiResponse(status);
    }

    /** A JSON response with {@code OData-Version: 4.0}. */
    public static ApiResponse json(int status, byte[] body) {
        ApiResponse r = new ApiResponse(status);
        r.header("OData-Version", "4.0");
        r.header("Content-Type", JSON);
        r.body = body;
        return r;
    }

    public static ApiResponse text(int status, String contentType, String text) {
        ApiResponse r = new ApiResponse(status);
        r.header("Content-Type", contentType);
        r.body = text.getBytes(StandardCharsets.UTF_8);
        return r;
    }

    public int status() {
        return status;
    }

    public HeaderMap headers() {
        return headers;
    }

    public ApiResponse header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    public byte[] body() {
        return body;
    }

    public ApiResponse body(byte[] body) {
        this.body = body;
        return this;
    }

    public Fault fault() {
        return fault;
    }

    public ApiResponse fault(Fault fault) {
        this.fault = fault;
        return this;
    }
}
