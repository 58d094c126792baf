package dev.sluice.emulator.internal.http;

import dev.sluice.core.DataverseHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Prefer} header values of a request (comma-separated, possibly over several headers),
 * parsed once. Immutable.
 */
public record Preferences(
        boolean returnRepresentation,
        Integer maxPageSize,
        String includeAnnotations,
        boolean trackChanges,
        boolean continueOnError) {

    public static Preferences of(HeaderMap headers) {
        boolean rep = false;
        Integer page = null;
        String annotations = null;
        boolean track = false;
        boolean continueOnError = false;
        for (String header : headers.all(DataverseHeaders.PREFER)) {
            for (String raw : splitOutsideQuotes(header)) {
                String v = raw.trim();
                String lower = v.toLowerCase(Locale.ROOT);
                if (lower.equals(DataverseHeaders.PREFER_RETURN_REPRESENTATION)) {
                    rep = true;
                } else if (lower.startsWith(DataverseHeaders.PREFER_MAX_PAGE_SIZE + "=")) {
                    try {
                        page = Integer.parseInt(v.substring(v.indexOf('=') + 1).trim());
                    } catch (NumberFormatException e) {
                        throw ApiException.badRequest("0x80060888",
                                "The value of the odata.maxpagesize preference must be a positive integer.");
                    }
                } else if (lower.startsWith(DataverseHeaders.PREFER_INCLUDE_ANNOTATIONS + "=")) {
                    String a = v.substring(v.indexOf('=') + 1).trim();
                    if (a.startsWith("\"") && a.endsWith("\"") && a.length() >= 2) {
                        a = a.substring(1, a.length() - 1);
                    }
                    annotations = a;
                } else if (lower.equals(DataverseHeaders.PREFER_TRACK_CHANGES)) {
                    track = true;
                } else if (lower.equals(DataverseHeaders.PREFER_CONTINUE_ON_ERROR)) {
                    continueOnError = true;
                }
            }
        }
        return new Preferences(rep, page, annotations, track, continueOnError);
    }

    /** Whether an annotation (e.g. {@code OData.Community.Display.V1.FormattedValue}) was asked for. */
    public boolean wantsAnnotation(String name) {
        if (includeAnnotations == null) {
            return false;
        }
        for (String pattern : includeAnnotations.split(",")) {
            String p = pattern.trim();
            if (p.equals("*") || p.equals(name) || (p.endsWith("*") && name.startsWith(p.substring(0, p.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** The quoted form to echo in {@code Preference-Applied}. */
    public String appliedAnnotations() {
        return DataverseHeaders.PREFER_INCLUDE_ANNOTATIONS + "=\"" + includeAnnotations + "\"";
    }

    private static List<String> splitOutsideQuotes(String s) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }
}
