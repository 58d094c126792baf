package dev.sluice.dataverse;

import dev.sluice.core.DataverseHeaders;
import dev.sluice.dataverse.internal.PageReader;
import dev.sluice.dataverse.internal.SafeXml;
import dev.sluice.http.PipelineRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs FetchXML queries the documented way (fetchxml/page-results.md, Web API tab): asks for the paging cookie and
 * more-records annotations, and while more records follow, takes the {@code pagingcookie} attribute of the cookie
 * annotation (parsed as XML, not cut out with a pattern), URL-decodes it twice, sends it back in the
 * {@code paging-cookie} attribute (the XML writer escapes it) and raises {@code page} by one, whatever page number
 * the annotation states. When no cookie comes back (Dataverse gives none for some queries), the next page is asked
 * for by number. Thread-safe.
 */
final class FetchXmlReader {
    private static final Logger LOG = LoggerFactory.getLogger(FetchXmlReader.class);
    private static final String ANNOTATIONS = "Microsoft.Dynamics.CRM.fetchxmlpagingcookie,"
            + "Microsoft.Dynamics.CRM.morerecords";
    private static final String FORMATTED = ",OData.Community.Display.V1.FormattedValue,"
            + "Microsoft.Dynamics.CRM.lookuplogicalname";

    private final DataverseClient client;
    private final int pageSize;

    FetchXmlReader(DataverseClient client, int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
    }

    /** Every row, page by page as the rows are read (two pages in memory at most). */
    RowStream stream(FetchXml query, FetchXmlOptions options) {
        int first = query.page() == null ? 1 : query.page();
        return new RowStream(continuation -> {
            int page = first;
            String cookie = null;
            if (continuation != null) {
                int nl = continuation.indexOf('\n');
                page = Integer.parseInt(continuation.substring(0, nl));
                cookie = nl + 1 == continuation.length() ? null : continuation.substring(nl + 1);
            }
            FetchXmlPage p = page(query, page, cookie, options);
            String next = p.moreRecords() ? (page + 1) + "\n" + (p.pagingCookie() == null ? "" : p.pagingCookie())
                    : null;
            return new PageReader.Page(p.rows(), next, null, p.count());
        });
    }

    /** One page: {@code page} (from 1) after the inner cookie {@code pagingCookie} of the page before, or null. */
    FetchXmlPage page(FetchXml query, int page, String pagingCookie, FetchXmlOptions options) {
        TableInfo t = client.table(query.entity());
        String xml = query.top() != null ? query.text()
                : query.forPage(page, query.count() != null ? null
                        : options.pageSize() != null ? options.pageSize() : pageSize, pagingCookie);
        PipelineRequest r = client.read(t.entitySetName() + "?fetchXml=" + Query.enc(xml));
        r.header(DataverseHeaders.PREFER, DataverseHeaders.PREFER_INCLUDE_ANNOTATIONS + "=\"" + ANNOTATIONS
                + (options.formattedValues() ? FORMATTED : "") + "\"");
        PageReader.FetchPage p = PageReader.fetchPage(client.send(r).body());
        boolean more = p.moreRecords() && query.top() == null;
        String inner = more && p.pagingCookie() != null ? innerCookie(p.pagingCookie()) : null;
        return new FetchXmlPage(p.rows(), page, more, inner, p.count());
    }

    /**
     * The inner cookie of a {@code fetchxmlpagingcookie} annotation: its {@code pagingcookie} attribute URL-decoded
     * twice; null when the annotation cannot be read (the next page is then asked for by number).
     */
    static String innerCookie(String annotation) {
        try {
            String encoded = SafeXml.parse(annotation, "the paging cookie").getDocumentElement()
                    .getAttribute("pagingcookie");
            return encoded.isEmpty() ? null : percentDecode(percentDecode(encoded));
        } catch (RuntimeException e) {
            // a paging cookie that is not the XML Dataverse writes: page without it (by page number)
            LOG.debug("unreadable FetchXML paging cookie", e);
            return null;
        }
    }

    /** Decodes {@code %XX} escapes as UTF-8; a {@code +} stays a plus (these cookies encode spaces as %20). */
    static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad escape at " + i);
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c == '%') {
                throw new IllegalArgumentException("truncated escape at " + i);
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
