package dev.sluice.dataverse.internal.batch;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code $batch} response body (fact sheet §D.2) into {@link ResponsePart}s, in order: parts
 * delimited by the boundary of the response's {@code Content-Type} (or, failing that, the body's first
 * line), nested change sets, each part's status line, headers and body. Accepts CRLF and bare LF.
 * Stateless.
 */
public final class MultipartReader {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern STATUS = Pattern.compile("^HTTP/?\\s*[\\d.]*\\s+(\\d{3})");

    private MultipartReader() {}

    public static List<ResponsePart> read(String contentType, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replace("\r\n", "\n");
        String boundary = boundary(contentType);
        if (boundary == null) {
            int nl = text.indexOf('\n');
            String first = nl < 0 ? text : text.substring(0, nl);
            if (!first.startsWith("--")) {
                throw malformed("no multipart boundary");
            }
            boundary = first.substring(2).trim();
        }
        List<ResponsePart> parts = new ArrayList<>();
        for (String raw : split(text, boundary)) {
            parts.add(part(raw));
        }
        return parts;
    }

    private static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = BOUNDARY.matcher(contentType);
        return m.find() ? m.group(1).trim() : null;
    }

    /** The raw texts between {@code --boundary} lines, up to {@code --boundary--}. */
    private static List<String> split(String text, String boundary) {
        String delimiter = "--" + boundary;
        List<String> out = new ArrayList<>();
        int at = text.indexOf(delimiter);
        if (at < 0) {
            throw malformed("the boundary never appears");
        }
        while (true) {
            int start = at + delimiter.length();
            if (text.startsWith("--", start)) {
                return out;
            }
            int lineEnd = text.indexOf('\n', start);
            if (lineEnd < 0) {
                throw malformed("a part is cut short");
            }
            int next = text.indexOf("\n" + delimiter, lineEnd);
            if (next < 0) {
                throw malformed("the closing boundary is missing");
            }
            out.add(text.substring(lineEnd + 1, next + 1));
            at = next + 1;
        }
    }

    /** One part: MIME headers, blank line, then an HTTP message or a nested change set. */
    private static ResponsePart part(String raw) {
        int blank = raw.indexOf("\n\n");
        String mimeHead = blank < 0 ? raw : raw.substring(0, blank);
        String rest = blank < 0 ? "" : raw.substring(blank + 2);
        Map<String, String> mime = headers(mimeHead);
        String type = mime.getOrDefault("content-type", "");
        if (type.toLowerCase(Locale.ROOT).startsWith("multipart/mixed")) {
            List<ResponsePart> inner = new ArrayList<>();
            String b = boundary(type);
            if (b == null) {
                throw malformed("a change set has no boundary");
            }
            for (String r : split(rest, b)) {
                inner.add(part(r));
            }
            return new ResponsePart(0, mime, new byte[0], inner);
        }
        int headEnd = rest.indexOf("\n\n");
        String head = headEnd < 0 ? rest.trim() : rest.substring(0, headEnd);
        String body = headEnd < 0 ? "" : rest.substring(headEnd + 2);
        int nl = head.indexOf('\n');
        String statusLine = (nl < 0 ? head : head.substring(0, nl)).trim();
        Matcher m = STATUS.matcher(statusLine);
        if (!m.find()) {
            throw malformed("a part has no HTTP status line");
        }
        Map<String, String> h = headers(nl < 0 ? "" : head.substring(nl + 1));
        if (mime.containsKey("content-id")) {
            h.putIfAbsent("content-id", mime.get("content-id"));
        }
        return new ResponsePart(Integer.parseInt(m.group(1)), h, body.strip().getBytes(StandardCharsets.UTF_8),
                List.of());
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> out = new HashMap<>();
        for (String line : block.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    private static SluiceException malformed(String what) {
        return new SluiceException(ErrorKind.TRANSIENT, "Dataverse sent a $batch response that cannot be read ("
                + what + ")");
    }
}
