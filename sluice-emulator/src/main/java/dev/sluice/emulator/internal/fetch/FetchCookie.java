package dev.sluice.emulator.internal.fetch;

import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.odata.CookieText;
import dev.sluice.emulator.internal.query.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * FetchXML paging cookies as the Web API returns them (fetchxml/page-results.md): the annotation
 * {@code @Microsoft.Dynamics.CRM.fetchxmlpagingcookie} holds {@code <cookie pagenumber="2" pagingcookie="…"
 * istracking="False" />} whose {@code pagingcookie} is the inner cookie URL-encoded twice; the inner cookie,
 * {@code <cookie page="1"><fullname last="…" first="…" /><contactid last="{GUID}" first="{GUID}" /></cookie>}, names
 * the page it ends and the sort values and primary key of that page's first and last rows. The client sends the inner
 * cookie back (XML-escaped) in {@code <fetch paging-cookie>} with {@code page} one higher, and the next page starts
 * after the last row. Stateless.
 *
 * @param page the page the cookie ends
 * @param lastValues the last row's sort values (as compared), one per sort key
 * @param lastId the last row's primary key
 */
record FetchCookie(int page, Object[] lastValues, UUID lastId) {

    /** The annotation's value for the page {@code page} that ended with {@code last} and began with {@code first}. */
    static String annotation(int page, FetchPlan plan, Object[] firstValues, Row first, Object[] lastValues, Row last) {
        StringBuilder inner = new StringBuilder("<cookie page=\"").append(page).append("\">");
        for (int i = 0; i < plan.orders().size(); i++) {
            inner.append('<').append(plan.orders().get(i).def().name());
            if (lastValues[i] != null) {
                inner.append(" last=\"").append(CookieText.xml(text(lastValues[i]))).append('"');
            }
            if (firstValues[i] != null) {
                inner.append(" first=\"").append(CookieText.xml(text(firstValues[i]))).append('"');
            }
            inner.append(" />");
        }
        inner.append('<').append(plan.root().table.primaryIdAttribute()).append(" last=\"")
                .append(CookieText.braced(last.id())).append("\" first=\"").append(CookieText.braced(first.id()))
                .append("\" /></cookie>");
        return "<cookie pagenumber=\"" + (page + 1) + "\" pagingcookie=\""
                + CookieText.encode(CookieText.encode(inner.toString())) + "\" istracking=\"False\" />";
    }

    /** Reads the inner cookie a client sent; one that does not fit the query's order is refused. */
    static FetchCookie parse(String text, FetchPlan plan) {
        Element root;
        try {
            root = FetchParser.element(text);
        } catch (ApiException e) {
            throw FetchErrors.bad(FetchErrors.INVALID_XML, "Invalid XML. The paging-cookie attribute of <fetch> is not "
                    + "a paging cookie; send back the inner cookie of the previous page's "
                    + "@Microsoft.Dynamics.CRM.fetchxmlpagingcookie, URL-decoded twice.");
        }
        int page;
        try {
            page = Integer.parseInt(root.getAttribute("page"));
        } catch (NumberFormatException e) {
            // not a number: -1 is refused below as the service refuses a malformed cookie
            page = -1;
        }
        if (!root.getTagName().equals("cookie") || page < 1) {
            throw FetchErrors.bad("0x8004112A", "Invalid page number in paging cookie: the paging-cookie of <fetch> "
                    + "must be <cookie page=\"N\">…</cookie>.");
        }
        List<Element> parts = new ArrayList<>();
        NodeList nodes = root.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                parts.add((Element) nodes.item(i));
            }
        }
        List<FetchPlan.Sort> orders = plan.orders();
        String pk = plan.root().table.primaryIdAttribute();
        if (parts.size() != orders.size() + 1 || !parts.get(orders.size()).getTagName().equals(pk)) {
            throw mismatch();
        }
        Object[] values = new Object[orders.size()];
        for (int i = 0; i < orders.size(); i++) {
            Element e = parts.get(i);
            FetchPlan.Sort s = orders.get(i);
            if (!e.getTagName().equals(s.def().name())) {
                throw mismatch();
            }
            values[i] = e.hasAttribute("last") ? value(s, e.getAttribute("last")) : null;
        }
        UUID id;
        try {
            id = Conditions.guid(parts.get(orders.size()).getAttribute("last"));
        } catch (RuntimeException e) {
            throw mismatch();
        }
        return new FetchCookie(page, values, id);
    }

    private static Object value(FetchPlan.Sort s, String text) {
        if (FetchRunner.sortsAsText(s)) {
            return text;
        }
        try {
            return Values.normalize(Conditions.parse(s.def(), text));
        } catch (RuntimeException e) {
            throw mismatch();
        }
    }

    private static String text(Object v) {
        return v instanceof UUID u ? CookieText.braced(u) : CookieText.value(v);
    }

    private static ApiException mismatch() {
        return FetchErrors.bad("0x80041129", "Order by columns do not match those in paging cookie: the paging-cookie "
                + "of <fetch> was made for a query with other <order> elements.");
    }
}
