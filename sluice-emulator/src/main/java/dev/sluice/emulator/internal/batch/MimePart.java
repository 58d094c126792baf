package dev.sluice.emulator.internal.batch;

import dev.sluice.emulator.internal.http.HeaderMap;

/**
 * One MIME part of a multipart body: its headers and its content. The content is kept as an
 * ISO-8859-1 string, so each char is one byte of the original body and UTF-8 payloads survive the
 * round trip through {@link #contentBytes()}. Not thread-safe (the header map is mutable).
 *
 * @param headers the part's MIME headers
 * @param content everything after the blank line that ends the headers
 */
record MimePart(HeaderMap headers, String content) {

    byte[] contentBytes() {
        return content.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
