package dev.sluice.dataverse;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * What an {@code entity} or {@code link-entity} of a built FetchXML query holds: attributes (with aliases, aggregates
 * and groups), filters, orders and nested links, written in that order. Not thread-safe; owned by one builder.
 */
final class FetchNodeSpec {
    private final List<String[]> attributes = new ArrayList<>();
    private boolean allAttributes;
    private final List<Object> filters = new ArrayList<>();
    private final List<String> orders = new ArrayList<>();
    private final List<FetchLink> links = new ArrayList<>();

    /** name, alias, aggregate, groupby, dategrouping (nulls where absent). */
    void attribute(String name, String alias, String aggregate, boolean groupBy, String dateGrouping) {
        FetchCondition.checkText(name, "attribute name");
        if (alias != null) {
            FetchCondition.checkText(alias, "alias");
        }
        attributes.add(new String[] {name, alias, aggregate, groupBy ? "true" : null, dateGrouping});
    }

    void allAttributes() {
        allAttributes = true;
    }

    void filter(Object conditionOrFilter) {
        filters.add(conditionOrFilter);
    }

    void order(String order) {
        FetchCondition.checkText(order, "order");
        orders.add(order);
    }

    void link(FetchLink link) {
        links.add(link);
    }

    /** Writes the children into {@code el}; orders name aliases when {@code byAlias} (aggregate queries). */
    void writeInto(Element el, boolean byAlias) {
        if (allAttributes) {
            el.appendChild(el.getOwnerDocument().createElement("all-attributes"));
        }
        String[] names = {"name", "alias", "aggregate", "groupby", "dategrouping"};
        for (String[] a : attributes) {
            Element e = el.getOwnerDocument().createElement("attribute");
            for (int i = 0; i < names.length; i++) {
                if (a[i] != null) {
                    e.setAttribute(names[i], a[i]);
                }
            }
            el.appendChild(e);
        }
        if (!filters.isEmpty()) {
            FetchFilter.and(filters.toArray()).appendTo(el);
        }
        for (String o : orders) {
            boolean desc = o.startsWith("-");
            String name = desc ? o.substring(1) : o;
            Element e = el.getOwnerDocument().createElement("order");
            int dot = name.indexOf('.');
            if (byAlias) {
                e.setAttribute("alias", name);
            } else {
                if (dot > 0) {
                    e.setAttribute("entityname", name.substring(0, dot));
                    name = name.substring(dot + 1);
                }
                e.setAttribute("attribute", name);
            }
            if (desc) {
                e.setAttribute("descending", "true");
            }
            el.appendChild(e);
        }
        for (FetchLink l : links) {
            l.writeInto(el, byAlias);
        }
    }
}
