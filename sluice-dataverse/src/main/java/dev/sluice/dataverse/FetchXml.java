package dev.sluice.dataverse;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.internal.SafeXml;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A FetchXML query, checked on the client: well-formed XML (no DOCTYPE, so no entity is ever expanded), a
 * {@code <fetch>} root holding one {@code <entity name>}. Knows what the rows it returns are called, and makes the
 * variants the client sends: with paging attributes, with an extra condition, with other orders. Immutable and
 * thread-safe (it keeps the text and parses it for each variant).
 */
public final class FetchXml {
    private final String xml;
    private final String entity;
    private final boolean aggregate;
    private final boolean distinct;
    private final Integer top;
    private final Integer count;
    private final Integer page;

    private FetchXml(String xml, Document doc) {
        this.xml = xml;
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("fetch")) {
            throw invalid("the root element is <" + root.getTagName() + ">, not <fetch>");
        }
        List<Element> entities = children(root, "entity");
        if (entities.size() != 1) {
            throw invalid("<fetch> must hold exactly one <entity>, it holds " + entities.size());
        }
        this.entity = entities.get(0).getAttribute("name");
        if (entity.isBlank()) {
            throw invalid("<entity> has no name");
        }
        this.aggregate = flag(root, "aggregate");
        this.distinct = flag(root, "distinct");
        this.top = number(root, "top");
        this.count = number(root, "count");
        this.page = number(root, "page");
    }

    /** Parses and checks FetchXML text; INVALID_INPUT saying what and where otherwise. */
    public static FetchXml parse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw invalid("it is empty");
        }
        return new FetchXml(xml, SafeXml.parse(xml, "the FetchXML"));
    }

    /** The queried table's logical name ({@code <entity name>}). */
    public String entity() {
        return entity;
    }

    public boolean aggregate() {
        return aggregate;
    }

    public boolean distinct() {
        return distinct;
    }

    /** {@code <fetch top>}, or null. */
    public Integer top() {
        return top;
    }

    /** {@code <fetch count>} (rows per page), or null. */
    public Integer count() {
        return count;
    }

    /** {@code <fetch page>}, or null. */
    public Integer page() {
        return page;
    }

    /** The text as given. */
    public String text() {
        return xml;
    }

    /**
     * This query for one page: {@code page} and {@code count} set, and {@code paging-cookie} set to the inner cookie
     * of the previous page (escaped when written) or removed when null.
     */
    public String forPage(int pageNumber, Integer pageSize, String pagingCookie) {
        Document doc = SafeXml.parse(xml, "the FetchXML");
        Element root = doc.getDocumentElement();
        root.setAttribute("page", Integer.toString(pageNumber));
        if (pageSize != null) {
            root.setAttribute("count", Integer.toString(pageSize));
        }
        if (pagingCookie == null) {
            root.removeAttribute("paging-cookie");
        } else {
            root.setAttribute("paging-cookie", pagingCookie);
        }
        return SafeXml.write(doc);
    }

    /**
     * This query with one more condition on the entity, and-ed with its filters. {@code column} is a column of the
     * entity, or {@code alias.column} of a link-entity.
     */
    public FetchXml and(FetchCondition condition) {
        Document doc = SafeXml.parse(xml, "the FetchXML");
        Element entityEl = children(doc.getDocumentElement(), "entity").get(0);
        Element filter = doc.createElement("filter");
        filter.setAttribute("type", "and");
        condition.appendTo(filter);
        entityEl.appendChild(filter);
        return new FetchXml(SafeXml.write(doc), doc);
    }

    /**
     * This query ordered by {@code columns} only (every {@code order} element removed first): a column of the entity
     * or {@code alias.column}, with a leading {@code -} for descending.
     */
    public FetchXml orderedBy(List<String> columns) {
        Document doc = SafeXml.parse(xml, "the FetchXML");
        NodeList orders = doc.getElementsByTagName("order");
        for (int i = orders.getLength() - 1; i >= 0; i--) {
            Node o = orders.item(i);
            o.getParentNode().removeChild(o);
        }
        Element entityEl = children(doc.getDocumentElement(), "entity").get(0);
        for (String c : columns) {
            boolean desc = c.startsWith("-");
            String name = desc ? c.substring(1) : c;
            Element o = doc.createElement("order");
            int dot = name.indexOf('.');
            if (dot > 0) {
                o.setAttribute("entityname", name.substring(0, dot));
                name = name.substring(dot + 1);
            }
            o.setAttribute("attribute", name);
            if (desc) {
                o.setAttribute("descending", "true");
            }
            entityEl.appendChild(o);
        }
        return new FetchXml(SafeXml.write(doc), doc);
    }

    /**
     * The names of the columns the rows carry, in the order written, as {@link Row} names them: the entity's columns
     * by wire name ({@code _x_value} for lookups), a link-entity's as {@code alias.column}, aliased attributes by
     * their alias, and the entity's primary key (returned with every row of a plain query). {@code metadata} gives a
     * table's metadata by logical name (for lookups and {@code all-attributes}).
     */
    public List<String> columns(Function<String, TableMetadata> metadata) {
        Document doc = SafeXml.parse(xml, "the FetchXML");
        Set<String> out = new LinkedHashSet<>();
        Map<String, Integer> aliasCounts = new HashMap<>();
        Element e = children(doc.getDocumentElement(), "entity").get(0);
        TableMetadata root = metadata.apply(entity);
        collect(e, null, root, metadata, out, aliasCounts);
        if (!aggregate && !distinct) {
            out.add(root.primaryIdAttribute());
        }
        return List.copyOf(out);
    }

    private void collect(Element el, String alias, TableMetadata table, Function<String, TableMetadata> metadata,
            Set<String> out, Map<String, Integer> aliasCounts) {
        for (Element c : children(el, null)) {
            switch (c.getTagName()) {
                case "all-attributes" -> {
                    for (ColumnMetadata col : table.columns()) {
                        if (col.attributeOf() == null && col.type() != AttributeType.VIRTUAL) {
                            out.add(alias == null ? col.wireName() : alias + "." + col.logicalName());
                        }
                    }
                }
                case "attribute" -> {
                    String name = c.getAttribute("name");
                    if (c.hasAttribute("alias") && !c.getAttribute("alias").isEmpty()) {
                        out.add(c.getAttribute("alias"));
                    } else if (alias != null) {
                        out.add(alias + "." + name);
                    } else {
                        out.add(table.column(name).map(ColumnMetadata::wireName).orElse(name));
                    }
                }
                case "link-entity" -> {
                    String name = c.getAttribute("name");
                    String type = c.hasAttribute("link-type") ? c.getAttribute("link-type") : "inner";
                    if (!type.equals("inner") && !type.equals("outer")) {
                        continue;
                    }
                    String a = c.hasAttribute("alias") && !c.getAttribute("alias").isEmpty() ? c.getAttribute("alias")
                            : name + aliasCounts.merge(name, 1, Integer::sum);
                    collect(c, a, metadata.apply(name), metadata, out, aliasCounts);
                }
                default -> { }
            }
        }
    }

    private static List<Element> children(Element el, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = el.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element c && (tag == null || c.getTagName().equals(tag))) {
                out.add(c);
            }
        }
        return out;
    }

    private static boolean flag(Element el, String name) {
        String v = el.getAttribute(name);
        return v.equals("true") || v.equals("1");
    }

    private static Integer number(Element el, String name) {
        String v = el.getAttribute(name).trim();
        if (v.isEmpty()) {
            return null;
        }
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw invalid("<fetch " + name + "='" + v + "'> must be a whole number above 0");
    }

    private static SluiceException invalid(String why) {
        return new SluiceException(ErrorKind.INVALID_INPUT, "the FetchXML is not a query: " + why);
    }

    @Override
    public String toString() {
        return "FetchXml[" + entity + "]";
    }
}
