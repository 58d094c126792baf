package dev.sluice.emulator.internal.fetch;

import dev.sluice.emulator.internal.http.ApiException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads FetchXML text into a {@link FetchModel.Fetch} with the JDK's DOM parser, hardened: DTDs are refused
 * outright (so no entity, external or internal, is ever expanded), external DTDs and schemas are never fetched,
 * XInclude is off and secure processing limits apply. Elements and attributes are checked against the FetchXML
 * schema: an element with no place where it stands is refused naming it; documented attributes the emulator does
 * not act on (query hints, UI names) are accepted and ignored. Stateless and thread-safe.
 */
final class FetchParser {
    private static final DocumentBuilderFactory FACTORY = factory();
    private static final Map<String, Set<String>> KNOWN = Map.of(
            "fetch", Set.of("version", "count", "page", "paging-cookie", "top", "distinct", "aggregate",
                    "aggregatelimit", "returntotalrecordcount", "mapping", "output-format", "no-lock", "useraworderby",
                    "latematerialize", "options", "datasource", "min-active-row-version"),
            "entity", Set.of("name", "enableprefiltering", "prefilterparametername"),
            "link-entity", Set.of("name", "from", "to", "alias", "link-type", "intersect", "visible",
                    "enableprefiltering", "prefilterparametername"),
            "attribute", Set.of("name", "alias", "aggregate", "groupby", "dategrouping", "distinct", "usertimezone",
                    "build", "addedby"),
            "all-attributes", Set.of(),
            "order", Set.of("attribute", "alias", "descending", "entityname"),
            "filter", Set.of("type", "isquickfindfields", "overridequickfindrecordlimitenabled",
                    "overridequickfindrecordlimitdisabled", "hint"),
            "condition", Set.of("attribute", "operator", "value", "entityname", "valueof", "uiname", "uitype",
                    "uihidden", "column"),
            "value", Set.of("uiname", "uitype"));
    /** Link types that return columns, and those that only test for a related row (fetchxml/reference/link-entity). */
    static final Set<String> LINK_TYPES = Set.of("inner", "outer", "exists", "in", "any", "not-any");
    /** Link types Dataverse knows that the emulator does not evaluate. */
    private static final Set<String> LINK_TYPES_NOT_EMULATED = Set.of("natural", "all", "not-all",
            "matchfirstrowusingcrossapply");

    private FetchParser() {}

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            // no DTD at all: this alone stops XXE and entity expansion ("billion laughs")
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser cannot be hardened", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        return f;
    }

    /** Parses and checks the structure; names are resolved later ({@link FetchCompiler}). */
    static FetchModel.Fetch parse(String text) {
        if (text == null || text.isBlank()) {
            throw FetchErrors.bad(FetchErrors.INVALID_XML, "Invalid XML. The fetchXml parameter is empty.");
        }
        Element root = document(text).getDocumentElement();
        if (!root.getTagName().equals("fetch")) {
            throw invalidNode(root, "the root element must be <fetch>");
        }
        check(root);
        List<Element> children = elements(root);
        Element entity = null;
        for (Element c : children) {
            if (!c.getTagName().equals("entity") || entity != null) {
                throw invalidNode(c, "<fetch> holds exactly one <entity>");
            }
            entity = c;
        }
        if (entity == null) {
            throw FetchErrors.bad(FetchErrors.REQUIRED_ELEMENT, "A required element was not specified: <fetch> has no "
                    + "<entity> element.");
        }
        Integer top = positive(root, "top");
        Integer count = positive(root, "count");
        Integer page = positive(root, "page");
        String cookie = root.hasAttribute("paging-cookie") ? root.getAttribute("paging-cookie") : null;
        boolean distinct = bool(root, "distinct", "0x80041115");
        boolean aggregate = bool(root, "aggregate", FetchErrors.INVALID_AGGREGATE);
        Integer aggregateLimit = positive(root, "aggregatelimit");
        boolean total = bool(root, "returntotalrecordcount", FetchErrors.INVALID_VALUE);
        boolean raw = bool(root, "useraworderby", "0x800410fd");
        if (root.hasAttribute("mapping") && !Set.of("logical", "internal").contains(root.getAttribute("mapping"))) {
            throw FetchErrors.bad("0x80041116", "The only valid values for mapping are 'logical' or 'internal' which "
                    + "is deprecated. <fetch mapping='" + root.getAttribute("mapping") + "'> is neither.");
        }
        Map<String, Integer> aliasCounts = new HashMap<>();
        FetchModel.Node e = node(entity, aliasCounts);
        return new FetchModel.Fetch(top, count, page, cookie, distinct, aggregate, aggregateLimit, total, raw, e);
    }

    /** The root element of a small XML text (a paging cookie), parsed with the same hardened parser. */
    static Element element(String text) {
        return document(text).getDocumentElement();
    }

    private static Document document(String text) {
        try {
            DocumentBuilder b = FACTORY.newDocumentBuilder();
            b.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                    // nothing to warn about
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            b.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            return b.parse(new InputSource(new StringReader(text)));
        } catch (SAXParseException e) {
            String why = e.getMessage() == null ? "it is not well-formed" : e.getMessage();
            if (why.contains("DOCTYPE")) {
                why = "a DOCTYPE declaration is not allowed in FetchXML";
            }
            throw FetchErrors.bad(FetchErrors.INVALID_XML, "Invalid XML. " + why + " (line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ").");
        } catch (SAXException | IOException e) {
            throw FetchErrors.bad(FetchErrors.INVALID_XML, "Invalid XML. " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FetchModel.Node node(Element el, Map<String, Integer> aliasCounts) {
        check(el);
        boolean link = el.getTagName().equals("link-entity");
        String name = required(el, "name");
        String alias = null;
        String from = null;
        String to = null;
        String type = null;
        if (link) {
            from = required(el, "from");
            to = required(el, "to");
            type = el.hasAttribute("link-type") ? el.getAttribute("link-type").toLowerCase(Locale.ROOT) : "inner";
            if (LINK_TYPES_NOT_EMULATED.contains(type)) {
                throw FetchErrors.bad(FetchErrors.INVALID_LINK_TYPE, "<link-entity name='" + name + "' link-type='"
                        + type + "'> is valid in Dataverse but not evaluated by the Sluice emulator; it supports "
                        + String.join(", ", LINK_TYPES.stream().sorted().toList()) + ".");
            }
            if (!LINK_TYPES.contains(type)) {
                throw FetchErrors.bad(FetchErrors.INVALID_LINK_TYPE, "The only valid values for link-type attribute "
                        + "are 'natural', 'inner','in','exists','matchfirstrowusingcrossapply' and 'outer'. <link-entity "
                        + "name='" + name + "'> has link-type='" + el.getAttribute("link-type") + "'.");
            }
            alias = el.hasAttribute("alias") && !el.getAttribute("alias").isBlank() ? el.getAttribute("alias")
                    : name + aliasCounts.merge(name, 1, Integer::sum);
        }
        boolean all = false;
        List<FetchModel.Attribute> attributes = new ArrayList<>();
        List<FetchModel.Order> orders = new ArrayList<>();
        List<FetchModel.Filter> filters = new ArrayList<>();
        List<FetchModel.Node> links = new ArrayList<>();
        for (Element c : elements(el)) {
            switch (c.getTagName()) {
                case "all-attributes" -> {
                    check(c);
                    all = true;
                }
                case "attribute" -> attributes.add(attribute(c));
                case "order" -> orders.add(order(c));
                case "filter" -> filters.add(filter(c));
                case "link-entity" -> links.add(node(c, aliasCounts));
                default -> throw invalidNode(c, "<" + el.getTagName() + "> may hold <attribute>, <all-attributes>, "
                        + "<order>, <filter> and <link-entity>");
            }
        }
        return new FetchModel.Node(el.getTagName(), name, alias, from, to, type, all, attributes, orders, filters,
                links);
    }

    private static FetchModel.Attribute attribute(Element el) {
        check(el);
        noChildren(el);
        String name = required(el, "name");
        String aggregate = el.hasAttribute("aggregate") ? el.getAttribute("aggregate").toLowerCase(Locale.ROOT) : null;
        return new FetchModel.Attribute(name, attr(el, "alias"), aggregate, bool(el, "groupby", "0x8004112E"),
                attr(el, "dategrouping"), bool(el, "distinct", "0x80041115"));
    }

    private static FetchModel.Order order(Element el) {
        check(el);
        noChildren(el);
        String attribute = attr(el, "attribute");
        String alias = attr(el, "alias");
        if (attribute == null && alias == null) {
            throw FetchErrors.bad(FetchErrors.REQUIRED_ATTRIBUTE, "A required attribute was not specified: <order> "
                    + "needs 'attribute' (or 'alias' in an aggregate query).");
        }
        return new FetchModel.Order(attribute, alias, attr(el, "entityname"), bool(el, "descending", "0x80041119"));
    }

    private static FetchModel.Filter filter(Element el) {
        check(el);
        String type = el.hasAttribute("type") ? el.getAttribute("type").toLowerCase(Locale.ROOT) : "and";
        if (!type.equals("and") && !type.equals("or")) {
            throw FetchErrors.bad(FetchErrors.INVALID_FILTER_TYPE, "Unsupported filter type. Valid values are 'and', "
                    + "or 'or'. <filter type='" + el.getAttribute("type") + "'> is neither.");
        }
        List<Object> items = new ArrayList<>();
        for (Element c : elements(el)) {
            switch (c.getTagName()) {
                case "condition" -> items.add(condition(c));
                case "filter" -> items.add(filter(c));
                default -> throw invalidNode(c, "<filter> may hold <condition> and <filter>");
            }
        }
        return new FetchModel.Filter(type.equals("or"), items);
    }

    private static FetchModel.Condition condition(Element el) {
        check(el);
        String attribute = attr(el, "attribute");
        if (attribute == null) {
            attribute = attr(el, "column");
        }
        if (attribute == null) {
            throw FetchErrors.bad(FetchErrors.REQUIRED_ATTRIBUTE, "A required attribute was not specified: "
                    + "<condition> needs 'attribute'.");
        }
        String op = required(el, "operator");
        List<String> values = new ArrayList<>();
        for (Element c : elements(el)) {
            if (!c.getTagName().equals("value")) {
                throw invalidNode(c, "<condition> may hold only <value>");
            }
            check(c);
            noChildren(c);
            values.add(c.getTextContent());
        }
        return new FetchModel.Condition(attribute, attr(el, "entityname"), op.toLowerCase(Locale.ROOT),
                el.hasAttribute("value") ? el.getAttribute("value") : null, values, attr(el, "valueof"));
    }

    /** Refuses attributes the element does not have in FetchXML's schema. */
    private static void check(Element el) {
        Set<String> known = KNOWN.get(el.getTagName());
        if (known == null) {
            throw invalidNode(el, "FetchXML has no such element");
        }
        NamedNodeMap attrs = el.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            String a = attrs.item(i).getNodeName();
            if (!known.contains(a)) {
                throw FetchErrors.bad(FetchErrors.INVALID_NODE, "The element node encountered is invalid: <"
                        + el.getTagName() + "> has no attribute '" + a + "'.");
            }
        }
    }

    private static void noChildren(Element el) {
        for (Element c : elements(el)) {
            throw invalidNode(c, "<" + el.getTagName() + "> holds no elements");
        }
    }

    private static List<Element> elements(Element el) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = el.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e) {
                out.add(e);
            } else if (n.getNodeType() == Node.TEXT_NODE && !n.getNodeValue().isBlank()
                    && !el.getTagName().equals("value")) {
                throw FetchErrors.bad(FetchErrors.INVALID_NODE, "The element node encountered is invalid: <"
                        + el.getTagName() + "> holds text '" + abbreviate(n.getNodeValue().strip()) + "'.");
            }
        }
        return out;
    }

    private static ApiException invalidNode(Element el, String why) {
        return FetchErrors.bad(FetchErrors.INVALID_NODE, "The element node encountered is invalid: <" + el.getTagName()
                + "> (" + why + ").");
    }

    private static String required(Element el, String name) {
        String v = attr(el, name);
        if (v == null) {
            throw FetchErrors.bad(FetchErrors.REQUIRED_ATTRIBUTE, "A required attribute was not specified: <"
                    + el.getTagName() + "> needs '" + name + "'.");
        }
        return v;
    }

    private static String attr(Element el, String name) {
        return el.hasAttribute(name) && !el.getAttribute(name).isEmpty() ? el.getAttribute(name) : null;
    }

    private static boolean bool(Element el, String name, String code) {
        String v = attr(el, name);
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw FetchErrors.bad(code, "The only valid values for " + name + " attribute are 'true', "
                    + "'false', '1', and '0'. <" + el.getTagName() + " " + name + "='" + v + "'> is none of them.");
        };
    }

    private static Integer positive(Element el, String name) {
        String v = attr(el, name);
        if (v == null) {
            return null;
        }
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw FetchErrors.bad(FetchErrors.INVALID_VALUE, "Invalid value specified for type. <" + el.getTagName()
                    + " " + name + "='" + abbreviate(v) + "'> must be a whole number.");
        }
        if (n <= 0) {
            throw FetchErrors.bad(FetchErrors.GREATER_THAN_ZERO, "A value greater than zero must be specified. <"
                    + el.getTagName() + " " + name + "='" + v + "'>.");
        }
        return n;
    }

    static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
