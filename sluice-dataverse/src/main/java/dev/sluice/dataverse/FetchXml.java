package dev.sluice.dataverse;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.internal.SafeXml;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        List<Element> all = children(root, null);
        if (entities.size() != 1 || all.size() != 1) {
            List<String> held = all.stream().map(e -> "<" + e.getTagName() + ">").toList();
            throw invalid("<fetch> must hold exactly one <entity>; it holds " + (held.isEmpty() ? "nothing"
                    : String.join(", ", held)));
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
     * This query with one more {@link FetchCondition} or {@link FetchFilter} on the entity, and-ed with its filters
     * (a condition's column is a column of the entity, or {@code alias.column} of a link-entity).
     */
    public FetchXml and(Object conditionOrFilter) {
        Document doc = SafeXml.parse(xml, "the FetchXML");
        Element entityEl = children(doc.getDocumentElement(), "entity").get(0);
        FetchFilter.and(conditionOrFilter).appendTo(entityEl);
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
     * A column the rows carry.
     *
     * @param name its name in {@link Row}s: the entity's columns by wire name ({@code _x_value} for lookups), a
     *     link-entity's as {@code alias.column}, aliased attributes by their alias
     * @param alias the link-entity's alias, or null for the entity's columns
     * @param table the logical name of the table the column is on
     * @param column the column's metadata
     * @param aggregate the aggregate function (count, countcolumn, sum, avg, min, max), or null
     * @param dateGrouping the date part of a date group, or null
     */
    public record Column(String name, String alias, String table, ColumnMetadata column, String aggregate,
            String dateGrouping) {}

    /**
     * The names of the columns the rows carry, in the order written (see {@link Column#name()}), with the entity's
     * primary key last for plain queries (Dataverse returns it with every row). {@code metadata} gives a table's
     * metadata by logical name (for lookups and {@code all-attributes}).
     */
    public List<String> columns(Function<String, TableMetadata> metadata) {
        return resultColumns(metadata).stream().map(Column::name).toList();
    }

    /** The columns the rows carry, described (see {@link #columns}); unknown columns are INVALID_INPUT. */
    public List<Column> resultColumns(Function<String, TableMetadata> metadata) {
        Document doc = SafeXml.parse(xml, "the FetchXML");
        Map<String, Column> out = new LinkedHashMap<>();
        Map<String, Integer> aliasCounts = new HashMap<>();
        Element e = children(doc.getDocumentElement(), "entity").get(0);
        TableMetadata root = metadata.apply(entity);
        collect(e, null, root, metadata, out, aliasCounts);
        if (!aggregate && !distinct) {
            out.putIfAbsent(root.primaryIdAttribute(), new Column(root.primaryIdAttribute(), null, entity,
                    root.requireColumn(root.primaryIdAttribute()), null, null));
        }
        return List.copyOf(out.values());
    }

    /**
     * This query with the primary key of every link-entity that may match several rows per row (its {@code from} is
     * not its table's primary key) among the link's attributes, so that each joined row can be told apart.
     */
    public FetchXml withLinkKeys(Function<String, TableMetadata> metadata) {
        Document doc = SafeXml.parse(xml, "the FetchXML");
        boolean changed = false;
        NodeList links = doc.getElementsByTagName("link-entity");
        for (int i = 0; i < links.getLength(); i++) {
            Element l = (Element) links.item(i);
            String type = l.hasAttribute("link-type") ? l.getAttribute("link-type") : "inner";
            if (!type.equals("inner") && !type.equals("outer")) {
                continue;
            }
            String pk = metadata.apply(l.getAttribute("name")).primaryIdAttribute();
            boolean has = children(l, "all-attributes").size() > 0 || children(l, "attribute").stream()
                    .anyMatch(a -> a.getAttribute("name").equals(pk) && a.getAttribute("alias").isEmpty());
            if (!l.getAttribute("from").equals(pk) && !has) {
                Element a = doc.createElement("attribute");
                a.setAttribute("name", pk);
                l.insertBefore(a, l.getFirstChild());
                changed = true;
            }
        }
        return changed ? new FetchXml(SafeXml.write(doc), doc) : this;
    }

    private void collect(Element el, String alias, TableMetadata table, Function<String, TableMetadata> metadata,
            Map<String, Column> out, Map<String, Integer> aliasCounts) {
        for (Element c : children(el, null)) {
            switch (c.getTagName()) {
                case "all-attributes" -> {
                    for (ColumnMetadata col : table.columns()) {
                        if (col.attributeOf() == null && col.type() != AttributeType.VIRTUAL) {
                            String name = alias == null ? col.wireName() : alias + "." + col.logicalName();
                            out.putIfAbsent(name, new Column(name, alias, table.logicalName(), col, null, null));
                        }
                    }
                }
                case "attribute" -> {
                    ColumnMetadata col = table.requireColumn(c.getAttribute("name"));
                    String as = c.getAttribute("alias");
                    String name = !as.isEmpty() ? as : alias != null ? alias + "." + col.logicalName() : col.wireName();
                    out.putIfAbsent(name, new Column(name, alias, table.logicalName(), col,
                            c.getAttribute("aggregate").isEmpty() ? null : c.getAttribute("aggregate"),
                            c.getAttribute("dategrouping").isEmpty() ? null : c.getAttribute("dategrouping")));
                }
                case "link-entity" -> {
                    String name = c.getAttribute("name");
                    String type = c.hasAttribute("link-type") ? c.getAttribute("link-type") : "inner";
                    String a = c.hasAttribute("alias") && !c.getAttribute("alias").isEmpty() ? c.getAttribute("alias")
                            : name + aliasCounts.merge(name, 1, Integer::sum);
                    if (!type.equals("inner") && !type.equals("outer")) {
                        continue;
                    }
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
