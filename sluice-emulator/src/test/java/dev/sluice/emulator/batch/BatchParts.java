package dev.sluice.emulator.batch;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test's own reading of a {@code $batch} response (independent of the emulator's code): top-level
 * items in order, each a single part or a change set's parts. Strict about CRLF, as Dataverse writes.
 */
final class BatchParts {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=([^;\\s]+)");

    /** One {@code application/http} part. */
    record Part(Map<String, String> mime, int status, String statusLine, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A top-level item: a single part (changeSet null) or the parts of a change set. */
    record Item(Part part, List<Part> changeSet) {}

    final String boundary;
    final List<Item> items = new ArrayList<>();

    BatchParts(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElseThrow();
        boundary = boundaryOf(type);
        for (String raw : split(response.body(), boundary)) {
            int blank = raw.indexOf("\r\n\r\n");
            String mime = raw.substring(0, blank);
            String content = raw.substring(blank + 4);
            String partType = headers(mime).get("content-type");
            if (partType.startsWith("multipart/mixed")) {
                List<Part> parts = new ArrayList<>();
                for (String inner : split(content + "\r\n", boundaryOf(partType))) {
                    parts.add(part(inner));
                }
                items.add(new Item(null, parts));
            } else {
                items.add(new Item(part(raw), null));
            }
        }
    }

    Part part(int i) {
        return items.get(i).part();
    }

    List<Part> changeSet(int i) {
        return items.get(i).changeSet();
    }

    private static String boundaryOf(String contentType) {
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw new AssertionError("no boundary in " + contentType);
        }
        return m.group(1);
    }

    private static List<String> split(String body, String boundary) {
        String delimiter = "--" + boundary + "\r\n";
        String closing = "--" + boundary + "--\r\n";
        if (!body.startsWith(delimiter) || !body.contains(closing)) {
            throw new AssertionError("not a multipart body with boundary " + boundary + ":\n" + body);
        }
        // the CRLF before each delimiter belongs to the delimiter
        String inside = body.substring(delimiter.length(), body.indexOf("\r\n" + closing));
        return List.of(inside.split("\r\n--" + Pattern.quote(boundary) + "\r\n", -1));
    }

    private static Part part(String raw) {
        int blank = raw.indexOf("\r\n\r\n");
        Map<String, String> mime = headers(raw.substring(0, blank));
        String http = raw.substring(blank + 4);
        int end = http.indexOf("\r\n\r\n");
        String head = http.substring(0, end);
        String statusLine = head.split("\r\n", 2)[0];
        Map<String, String> headers = headers(head.contains("\r\n") ? head.substring(head.indexOf("\r\n") + 2) : "");
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        return new Part(mime, status, statusLine, headers, http.substring(end + 4));
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : block.split("\r\n")) {
            if (!line.isEmpty()) {
                int colon = line.indexOf(':');
                out.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return out;
    }
}
