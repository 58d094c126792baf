package dev.sluice.dataverse;

import java.util.Objects;
import org.w3c.dom.Element;

/**
 * A {@code link-entity} for {@link FetchXmlBuilder}: the related table, how it joins ({@code from} its column,
 * {@code to} the parent's), inner or outer, with its own attributes, filters, orders and nested links. Its columns
 * come back as {@code alias.column}. Not thread-safe.
 */
public final class FetchLink {
    private final String table;
    private final String from;
    private final String to;
    private final String type;
    private String alias;
    private final FetchNodeSpec spec = new FetchNodeSpec();

    private FetchLink(String table, String from, String to, String type) {
        this.table = Objects.requireNonNull(table, "table");
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        this.type = type;
        FetchCondition.checkText(table + from + to, "link-entity");
    }

    /** Rows without a related row are dropped. */
    public static FetchLink inner(String table, String from, String to) {
        return new FetchLink(table, from, to, "inner");
    }

    /** Rows without a related row are kept, with the link's columns empty. */
    public static FetchLink outer(String table, String from, String to) {
        return new FetchLink(table, from, to, "outer");
    }

    public FetchLink alias(String alias) {
        FetchCondition.checkText(alias, "alias");
        this.alias = alias;
        return this;
    }

    public FetchLink attributes(String... names) {
        for (String n : names) {
            spec.attribute(n, null, null, false, null);
        }
        return this;
    }

    /** An attribute under its own name, instead of {@code alias.column}. */
    public FetchLink attribute(String name, String as) {
        spec.attribute(name, as, null, false, null);
        return this;
    }

    /** An aggregate of an aggregate query: {@code function} is count, countcolumn, sum, avg, min or max. */
    public FetchLink aggregate(String name, String as, String function) {
        spec.attribute(name, as, function, false, null);
        return this;
    }

    /** Conditions and filters on the link's rows, and-ed. */
    public FetchLink where(Object... conditionsOrFilters) {
        for (Object c : conditionsOrFilters) {
            spec.filter(c);
        }
        return this;
    }

    public FetchLink orderBy(String... columns) {
        for (String c : columns) {
            spec.order(c);
        }
        return this;
    }

    public FetchLink link(FetchLink nested) {
        spec.link(nested);
        return this;
    }

    void writeInto(Element parent, boolean byAlias) {
        Element e = parent.getOwnerDocument().createElement("link-entity");
        e.setAttribute("name", table);
        e.setAttribute("from", from);
        e.setAttribute("to", to);
        e.setAttribute("link-type", type);
        if (alias != null) {
            e.setAttribute("alias", alias);
        }
        spec.writeInto(e, byAlias);
        parent.appendChild(e);
    }
}
