package dev.sluice.core;

/**
 * Dataverse error codes (the hex form sent in {@code error.code}), shared by the client and the
 * emulator. Source: Dataverse web service error codes (fact sheet §B.9 and §E).
 */
public final class DataverseErrorCodes {
    public static final String OBJECT_DOES_NOT_EXIST = "0x80040217";
    public static final String DUPLICATE_RECORD = "0x80040237";
    public static final String DUPLICATE_RECORD_ENTITY_KEY = "0x80060892";
    public static final String RECORD_NOT_FOUND_BY_ENTITY_KEY = "0x80060891";
    public static final String CONCURRENCY_VERSION_MISMATCH = "0x80060882";
    public static final String QUERY_NOT_SUPPORTED = "0x80060888";
    public static final String CRM_HTTP_ERROR = "0x8006088A";
    public static final String CLIENT_PAYLOAD_ERROR = "0x80048d19";
    public static final String VALIDATION = "0x80044331";
    public static final String REQUIRED_FIELD_MISSING = "0x80040200";
    public static final String NOT_SUPPORTED = "0x80040315";
    public static final String REQUEST_NOT_AUTHENTICATED = "0x80044302";
    public static final String INVALID_ARGUMENT = "0x80040203";
    public static final String CHANGE_TRACKING_TOKEN_EXPIRED = "0x80044352";
    public static final String THROTTLE_REQUESTS = "0x80072322";
    public static final String THROTTLE_EXECUTION_TIME = "0x80072321";
    public static final String THROTTLE_CONCURRENCY = "0x80072326";

    private DataverseErrorCodes() {}
}
