/**
 * The HTTP policy pipeline both Microsoft clients send through (Dataverse and Business Central): user agent,
 * request id, per-identity throttle gate, retry with {@code Retry-After}, bearer token, logging from an
 * allowlist, JDK transport. The clients fix the order in one place each; this package gives the steps.
 */
package dev.sluice.http;
