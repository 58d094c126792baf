package dev.sluice.dataverse;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.internal.SafeXml;
import java.util.Objects;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds FetchXML without writing XML by hand: every name and value is escaped by the JDK's XML writer, so a value
 * such as {@code O'Brien & <Sons>} stays a value. For example:
 *
 * <pre>{@code
 * String xml = FetchXmlBuilder.from("account")
 *         .attributes("name", "revenue")
 *         .where(FetchCondition.eq("address1_city", "Redmond"))
 *         .link(FetchLink.outer("contact", "contactid", "primarycontactid").alias("pc").attributes("fullname"))
 *         .orderBy("name")
 *         .build();
 * }</pre>
 *
 * Not thread-safe.
 */
public final class FetchXmlBuilder {
    private final String entity;
    private final FetchNodeSpec spec = new FetchNodeSpec();
    private Integer top;
    private Integer count;
    private boolean distinct;
    private boolean aggregate;

    private FetchXmlBuilder(String entity) {
        this.entity = Objects.requireNonNull(entity, "entity");
        FetchCondition.checkText(entity, "entity");
    }

    /** A query of {@code entity} (a table's logical name). */
    public static FetchXmlBuilder from(String entity) {
        return new FetchXmlBuilder(entity);
    }

    public FetchXmlBuilder attributes(String... names) {
        for (String n : names) {
            spec.attribute(n, null, null, false, null);
        }
        return this;
    }

    /** An attribute returned under another name. */
    public FetchXmlBuilder attribute(String name, String as) {
        spec.attribute(name, as, null, false, null);
        return this;
    }

    public FetchXmlBuilder allAttributes() {
        spec.allAttributes();
        return this;
    }

    /** Conditions and filters on the entity, and-ed. */
    public FetchXmlBuilder where(Object... conditionsOrFilters) {
        for (Object c : conditionsOrFilters) {
            spec.filter(c);
        }
        return this;
    }

    /** Orders: column names ({@code alias.column} for a link's), {@code -} first for descending; aliases when aggregating. */
    public FetchXmlBuilder orderBy(String... columns) {
        for (String c : columns) {
            spec.order(c);
        }
        return this;
    }

    public FetchXmlBuilder link(FetchLink link) {
        spec.link(link);
        return this;
    }

    public FetchXmlBuilder top(int rows) {
        this.top = positive(rows, "top");
        return this;
    }

    /** Rows per page. */
    public FetchXmlBuilder count(int rows) {
        this.count = positive(rows, "count");
        return this;
    }

    public FetchXmlBuilder distinct() {
        this.distinct = true;
        return this;
    }

    /** An aggregate (count, countcolumn, sum, avg, min or max) of a column, under an alias; makes the query aggregate. */
    public FetchXmlBuilder aggregate(String name, String as, String function) {
        aggregate = true;
        spec.attribute(name, Objects.requireNonNull(as, "alias"), function, false, null);
        return this;
    }

    /** A group of an aggregate query. */
    public FetchXmlBuilder groupBy(String name, String as) {
        aggregate = true;
        spec.attribute(name, Objects.requireNonNull(as, "alias"), null, true, null);
        return this;
    }

    /** A group by part of a date: day, week, month, quarter or year. */
    public FetchXmlBuilder groupBy(String name, String as, String dateGrouping) {
        aggregate = true;
        spec.attribute(name, Objects.requireNonNull(as, "alias"), null, true, dateGrouping);
        return this;
    }

    /** The FetchXML text. */
    public String build() {
        if (top != null && count != null) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "a FetchXML query cannot have both top and count "
                    + "(Dataverse refuses top with paging)");
        }
        Document doc = SafeXml.parse("<fetch/>", "FetchXML");
        Element fetch = doc.getDocumentElement();
        if (top != null) {
            fetch.setAttribute("top", top.toString());
        }
        if (count != null) {
            fetch.setAttribute("count", count.toString());
        }
        if (distinct) {
            fetch.setAttribute("distinct", "true");
        }
        if (aggregate) {
            fetch.setAttribute("aggregate", "true");
        }
        Element e = doc.createElement("entity");
        e.setAttribute("name", entity);
        spec.writeInto(e, aggregate);
        fetch.appendChild(e);
        return SafeXml.write(doc);
    }

    private static int positive(int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + n);
        }
        return n;
    }
}
