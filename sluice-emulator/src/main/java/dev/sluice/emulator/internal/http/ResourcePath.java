package dev.sluice.emulator.internal.http;

import dev.sluice.core.DataverseErrorCodes;
import java.util.ArrayList;
import java.util.List;

/**
 * A Dataverse resource path split into segments, e.g. {@code accounts(accountnumber='A/1')/name} →
 * [{@code accounts} with key text {@code accountnumber='A/1'}, {@code name}]. Each segment's name is
 * percent-decoded; key text is decoded too but keeps its quotes. Slashes inside quoted key values do
 * not split.
 */
public record ResourcePath(List<Segment> segments) {

    /** One path segment: a name and, when it had parentheses, the text between them (else null). */
    public record Segment(String name, String key) {
        public boolean hasKey() {
            return key != null;
        }
    }

    public ResourcePath {
        segments = List.copyOf(segments);
    }

    public int size() {
        return segments.size();
    }

    public Segment get(int i) {
        return segments.get(i);
    }

    public Segment last() {
        return segments.get(segments.size() - 1);
    }

    public boolean isEmpty() {
        return segments.isEmpty();
    }

    /** Parses a raw path; a malformed path (unbalanced quotes or parentheses) is a 400. */
    public static ResourcePath parse(String rawPath) {
        String path;
        try {
            path = ApiRequest.decode(rawPath.replace("+", "%2B"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(DataverseErrorCodes.CRM_HTTP_ERROR,
                    "The request URI is not valid: it has a malformed percent-encoding.");
        }
        List<Segment> out = new ArrayList<>();
        int i = 0;
        int n = path.length();
        while (i < n) {
            if (path.charAt(i) == '/') {
                i++;
                continue;
            }
            int start = i;
            while (i < n && path.charAt(i) != '/' && path.charAt(i) != '(') {
                i++;
            }
            String name = path.substring(start, i);
            String key = null;
            if (i < n && path.charAt(i) == '(') {
                int depth = 0;
                boolean quoted = false;
                int keyStart = i + 1;
                for (; i < n; i++) {
                    char c = path.charAt(i);
                    if (c == '\'') {
                        if (quoted && i + 1 < n && path.charAt(i + 1) == '\'') {
                            i++;
                            continue;
                        }
                        quoted = !quoted;
                    } else if (!quoted && c == '(') {
                        depth++;
                    } else if (!quoted && c == ')') {
                        depth--;
                        if (depth == 0) {
                            break;
                        }
                    }
                }
                if (i >= n) {
                    throw ApiException.badRequest(DataverseErrorCodes.CRM_HTTP_ERROR,
                            "Bad Request - Error in query syntax: unbalanced parentheses or quotes in segment '"
                                    + name + "'.");
                }
                key = path.substring(keyStart, i);
                i++;
                if (i < n && path.charAt(i) != '/') {
                    throw ApiException.badRequest(DataverseErrorCodes.CRM_HTTP_ERROR,
                            "Bad Request - Error in query syntax: unexpected text after the key of segment '"
                                    + name + "'.");
                }
            }
            out.add(new Segment(name, key));
        }
        return new ResourcePath(out);
    }
}
