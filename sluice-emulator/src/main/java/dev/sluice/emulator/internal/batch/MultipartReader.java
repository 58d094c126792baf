package dev.sluice.emulator.internal.batch;

import dev.sluice.emulator.internal.http.HeaderMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code multipart/mixed} bodies (RFC 2046) as Dataverse's {@code $batch} endpoint does, but
 * tolerant of bare LF line ends (DynamicsWebApi writes LF only) as well as CRLF. Stateless and
 * thread-safe.
 */
final class MultipartReader {
    /** RFC 2046 §5.1.1: a boundary is 1 to 70 characters. */
    static final int MAX_BOUNDARY = 70;

    private MultipartReader() {}

    /**
     * The boundary of a {@code multipart/mixed} content type, quoted or not; a missing, repeated or
     * over-long boundary is a 400.
     */
    static String boundary(String contentType) {
        String[] params = splitParameters(contentType);
        String boundary = null;
        int found = 0;
        for (int i = 1; i < params.length; i++) {
            String p = params[i];
            int eq = p.indexOf('=');
            if (eq < 0 || !p.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
                continue;
            }
            found++;
            boundary = unquote(p.substring(eq + 1).trim());
        }
        if (found != 1 || boundary.isEmpty()) {
            throw BatchErrors.badRequest("The content type '" + contentType.trim() + "' specifies a batch payload; "
                    + "however, the payload either does not include a batch boundary or includes more than one "
                    + "boundary. In OData, batch payload content types must specify exactly one batch boundary in "
                    + "the 'boundary' parameter of the content type.");
        }
        if (boundary.length() > MAX_BOUNDARY) {
            throw BatchErrors.badRequest("The boundary delimiter of the content type is invalid. A boundary delimiter "
                    + "must be non-null, be non-empty, and have a maximum of " + MAX_BOUNDARY + " characters.");
        }
        return boundary;
    }

    /** Whether a content type's media type is {@code multipart/mixed} (parameters ignored). */
    static boolean isMultipartMixed(String contentType) {
        return contentType != null && mediaType(contentType).equals("multipart/mixed");
    }

    /** The lower-case media type of a content type, without parameters. */
    static String mediaType(String contentType) {
        return splitParameters(contentType)[0].trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Splits a body into its parts. The preamble before the first delimiter and the epilogue after
     * the closing one are ignored; the line break before a delimiter belongs to the delimiter.
     *
     * @param what "batch" or "change set", for messages
     */
    static List<MimePart> split(String body, String boundary, String what) {
        String delimiter = "--" + boundary;
        String closing = delimiter + "--";
        List<MimePart> parts = new ArrayList<>();
        int partStart = -1;
        int pos = 0;
        while (pos < body.length()) {
            int eol = body.indexOf('\n', pos);
            int lineEnd = eol < 0 ? body.length() : eol;
            String line = body.substring(pos, lineEnd).stripTrailing();
            boolean isClosing = line.equals(closing);
            if (isClosing || line.equals(delimiter)) {
                if (partStart >= 0) {
                    parts.add(part(body.substring(partStart, withoutLineBreak(body, partStart, pos))));
                }
                if (isClosing) {
                    return parts;
                }
                partStart = eol < 0 ? body.length() : eol + 1;
            }
            if (eol < 0) {
                break;
            }
            pos = eol + 1;
        }
        if (partStart < 0) {
            throw BatchErrors.badRequest("The " + what + " body has no part: no line '--" + boundary
                    + "' was found. Each part must start with the boundary of the Content-Type header.");
        }
        throw BatchErrors.badRequest("Encountered an unexpected end of input while reading the " + what
                + " payload: the closing delimiter '--" + boundary + "--' is missing.");
    }

    /** Parses headers up to the first blank line; the rest is the content. */
    static MimePart part(String raw) {
        HeaderMap headers = new HeaderMap();
        int pos = 0;
        String last = null;
        while (pos < raw.length()) {
            int eol = raw.indexOf('\n', pos);
            int lineEnd = eol < 0 ? raw.length() : eol;
            String line = raw.substring(pos, lineEnd);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            pos = eol < 0 ? raw.length() : eol + 1;
            if (line.isEmpty()) {
                return new MimePart(headers, raw.substring(pos));
            }
            last = header(headers, line, last);
        }
        return new MimePart(headers, "");
    }

    /** Adds one header line ({@code Name: value}); returns the header's name. */
    static String header(HeaderMap headers, String raw, String previous) {
        String line = utf8(raw);
        if ((line.startsWith(" ") || line.startsWith("\t")) && previous != null) {
            // RFC 5322 folding: a continuation of the previous header
            List<String> values = headers.all(previous);
            String joined = values.get(values.size() - 1) + " " + line.trim();
            headers.remove(previous);
            for (int i = 0; i < values.size() - 1; i++) {
                headers.add(previous, values.get(i));
            }
            headers.add(previous, joined);
            return previous;
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw BatchErrors.badRequest("The message header '" + shorten(line) + "' is invalid. The header value "
                    + "must be of the format '<header name>: <header value>'.");
        }
        String name = line.substring(0, colon).trim();
        headers.add(name, line.substring(colon + 1).trim());
        return name;
    }

    private static int withoutLineBreak(String body, int start, int end) {
        if (end > start && body.charAt(end - 1) == '\n') {
            end--;
            if (end > start && body.charAt(end - 1) == '\r') {
                end--;
            }
        }
        return end;
    }

    private static String[] splitParameters(String contentType) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < contentType.length(); i++) {
            char c = contentType.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                out.add(contentType.substring(start, i));
                start = i + 1;
            }
        }
        out.add(contentType.substring(start));
        return out.toArray(String[]::new);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return v;
    }

    /** Re-reads a line of the ISO-8859-1 view of the body as the UTF-8 it was sent in. */
    static String utf8(String isoLine) {
        return new String(isoLine.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** Keeps messages short when they quote a line of the request. */
    static String shorten(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
