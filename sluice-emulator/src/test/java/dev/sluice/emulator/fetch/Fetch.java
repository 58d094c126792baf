package dev.sluice.emulator.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.Wire;
import dev.sluice.emulator.internal.SampleIds;
import dev.sluice.emulator.internal.data.OrgStore;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.data.SystemColumns;
import dev.sluice.emulator.internal.schema.TableDef;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * FetchXML over raw HTTP as Microsoft's documentation tells a client to page it (fetchxml/page-results.md, Web API
 * tab): ask for the paging cookie and more-records annotations, and while more records follow, URL-decode the
 * {@code pagingcookie} attribute twice, set it (XML-escaped by the DOM) as {@code paging-cookie} and raise {@code page}.
 * No Sluice client code.
 */
final class Fetch {
    static final String PAGING = "odata.include-annotations=\"Microsoft.Dynamics.CRM.fetchxmlpagingcookie,"
            + "Microsoft.Dynamics.CRM.morerecords\"";

    private Fetch() {}

    static HttpResponse<String> get(Wire wire, String set, String fetchXml, String... headers) {
        return wire.get(set + "?fetchXml=" + enc(fetchXml), headers);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One page's body and the cookie it carried (null when none). */
    record Page(JsonNode body, String cookie) {}

    /** Every page of a query, following paging cookies (or page numbers when none come back). */
    static List<Page> pages(Wire wire, String set, String fetchXml) throws Exception {
        Document doc = parse(fetchXml);
        Element fetch = doc.getDocumentElement();
        int page = fetch.hasAttribute("page") ? Integer.parseInt(fetch.getAttribute("page")) : 1;
        fetch.setAttribute("page", Integer.toString(page));
        List<Page> out = new ArrayList<>();
        while (true) {
            HttpResponse<String> r = get(wire, set, write(doc), "Prefer", PAGING);
            if (r.statusCode() != 200) {
                throw new AssertionError("page " + page + ": HTTP " + r.statusCode() + " " + r.body());
            }
            JsonNode body = Wire.json(r);
            String cookie = body.path("@Microsoft.Dynamics.CRM.fetchxmlpagingcookie").asText(null);
            out.add(new Page(body, cookie));
            if (!body.path("@Microsoft.Dynamics.CRM.morerecords").asBoolean(false)) {
                return out;
            }
            if (cookie != null) {
                Element outer = parse(cookie).getDocumentElement();
                String inner = URLDecoder.decode(URLDecoder.decode(outer.getAttribute("pagingcookie"),
                        StandardCharsets.UTF_8), StandardCharsets.UTF_8);
                fetch.setAttribute("paging-cookie", inner);
            } else {
                fetch.removeAttribute("paging-cookie");
            }
            fetch.setAttribute("page", Integer.toString(++page));
        }
    }

    /** The rows of every page, in order. */
    static List<JsonNode> rows(List<Page> pages) {
        List<JsonNode> out = new ArrayList<>();
        pages.forEach(p -> p.body().get("value").forEach(out::add));
        return out;
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    static String write(Document doc) throws Exception {
        var t = TransformerFactory.newInstance().newTransformer();
        t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        StringWriter w = new StringWriter();
        t.transform(new DOMSource(doc), new StreamResult(w));
        return w.toString();
    }

    /** Inserts a row with chosen values straight into the store; values by logical name. */
    static UUID insert(Emulator emulator, String table, Map<String, Object> values) {
        return insert(emulator, table, values, emulator.context().clock().instant());
    }

    static UUID insert(Emulator emulator, String table, Map<String, Object> values, Instant createdOn) {
        OrgStore store = emulator.context().store();
        TableDef t = store.schema().table(table);
        UUID id = values.containsKey(t.primaryIdAttribute()) ? (UUID) values.get(t.primaryIdAttribute())
                : UUID.randomUUID();
        return store.write(tx -> {
            Object[] v = new Object[t.columns().size()];
            v[0] = id;
            values.forEach((k, val) -> v[t.indexOf(k)] = val);
            long version = tx.nextVersion();
            SystemColumns.stampCreate(t, v, version, createdOn, SampleIds.DEMO_USER);
            if (values.containsKey("createdon")) {
                v[t.indexOf("createdon")] = values.get("createdon");
            }
            tx.insert(t, new Row(id, version, v));
            return id;
        });
    }
}
