package dev.sluice.emulator.internal.batch;

import dev.sluice.emulator.internal.http.HeaderMap;

/**
 * One request inside a {@code $batch}, as read from its {@code application/http} part. Treat as
 * immutable once read.
 *
 * @param number 1-based position among all operations of the batch, for messages
 * @param method upper-case HTTP method
 * @param url the URL exactly as written in the request line (absolute, server-relative, relative to
 *     the service root, or a {@code $n} Content-ID reference)
 * @param headers the embedded request's headers
 * @param body the embedded request's body; empty when it was blank
 * @param contentId the part's {@code Content-ID}, or null
 */
record BatchOperation(int number, String method, String url, HeaderMap headers, byte[] body, String contentId)
        implements BatchItem {}
