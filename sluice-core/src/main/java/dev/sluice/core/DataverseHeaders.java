package dev.sluice.core;

/**
 * Header names and {@code Prefer} values of the Dataverse Web API, shared by the client and the
 * emulator (constants only; see {@code shared/reference/dataverse-protocol.md} §A.2).
 */
public final class DataverseHeaders {
    public static final String ODATA_VERSION = "OData-Version";
    public static final String ODATA_MAX_VERSION = "OData-MaxVersion";
    public static final String ODATA_ENTITY_ID = "OData-EntityId";
    public static final String PREFER = "Prefer";
    public static final String PREFERENCE_APPLIED = "Preference-Applied";
    public static final String IF_MATCH = "If-Match";
    public static final String IF_NONE_MATCH = "If-None-Match";
    public static final String ETAG = "ETag";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String CALLER_OBJECT_ID = "CallerObjectId";
    public static final String MSCRM_CALLER_ID = "MSCRMCallerID";
    public static final String SERVICE_REQUEST_ID = "x-ms-service-request-id";
    public static final String CLIENT_REQUEST_ID = "x-ms-client-request-id";
    public static final String DOP_HINT = "x-ms-dop-hint";
    public static final String BURST_REMAINING = "x-ms-ratelimit-burst-remaining-xrm-requests";
    public static final String TIME_REMAINING = "x-ms-ratelimit-time-remaining-xrm-requests";
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    public static final String BYPASS_CUSTOM_PLUGINS = "MSCRM.BypassCustomPluginExecution";
    public static final String BYPASS_BUSINESS_LOGIC = "MSCRM.BypassBusinessLogicExecution";
    public static final String SUPPRESS_DUPLICATE_DETECTION = "MSCRM.SuppressDuplicateDetection";

    public static final String PREFER_RETURN_REPRESENTATION = "return=representation";
    public static final String PREFER_MAX_PAGE_SIZE = "odata.maxpagesize";
    public static final String PREFER_INCLUDE_ANNOTATIONS = "odata.include-annotations";
    public static final String PREFER_TRACK_CHANGES = "odata.track-changes";
    public static final String PREFER_CONTINUE_ON_ERROR = "odata.continue-on-error";

    /** Dataverse: default and maximum rows per page. */
    public static final int MAX_PAGE_SIZE = 5000;
    /** Dataverse: at most 1000 requests in one {@code $batch}. */
    public static final int MAX_BATCH_REQUESTS = 1000;
    /** Dataverse: concurrency limit per user and server, and so the highest useful parallelism. */
    public static final int MAX_CONCURRENCY = 52;

    private DataverseHeaders() {}
}
