package dev.sluice.dataverse;

import java.util.List;
import org.w3c.dom.Element;

/**
 * A FetchXML {@code filter}: conditions and nested filters joined by {@code and} or {@code or}. Immutable.
 *
 * @param or whether any part suffices ({@code type='or'}) rather than all
 * @param parts {@link FetchCondition}s and {@link FetchFilter}s
 */
public record FetchFilter(boolean or, List<Object> parts) {
    public FetchFilter {
        parts = List.copyOf(parts);
        for (Object p : parts) {
            if (!(p instanceof FetchCondition) && !(p instanceof FetchFilter)) {
                throw new IllegalArgumentException("a filter holds conditions and filters, not " + p);
            }
        }
    }

    public static FetchFilter and(Object... parts) {
        return new FetchFilter(false, List.of(parts));
    }

    public static FetchFilter or(Object... parts) {
        return new FetchFilter(true, List.of(parts));
    }

    /** Adds this filter as a {@code filter} element to {@code parent}. */
    void appendTo(Element parent) {
        Element f = parent.getOwnerDocument().createElement("filter");
        f.setAttribute("type", or ? "or" : "and");
        for (Object p : parts) {
            if (p instanceof FetchCondition c) {
                c.appendTo(f);
            } else {
                ((FetchFilter) p).appendTo(f);
            }
        }
        parent.appendChild(f);
    }
}
