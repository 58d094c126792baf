package dev.sluice.emulator.internal.query;

import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.data.ValueCodec;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.odata.CookieText;
import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code $skiptoken} of a nextLink, shaped like Dataverse's (fact sheet §C.8):
 * {@code <cookie pagenumber="2" pagingcookie="…" istracking="False" />} whose {@code pagingcookie} is
 * the URL-encoded inner cookie {@code <cookie page="1"><name last="…" /><accountid last="{GUID}"
 * first="{GUID}" /></cookie>}. The inner cookie carries the last row's sort values and id, so the next
 * page continues after that row: stable while rows are inserted or deleted between pages. Stateless.
 *
 * @param pageNumber the page the token asks for
 * @param lastId the id of the last row of the previous page
 * @param lastValues the sort values of that row, one per {@code $orderby} key
 * @param version for change tracking's first sync: the store version the sync started at, else -1
 */
record PagingCookie(int pageNumber, UUID lastId, Object[] lastValues, long version) {
    private static final Pattern OUTER = Pattern.compile(
            "<cookie pagenumber=\"(\\d+)\" pagingcookie=\"([^\"]*)\" istracking=\"(True|False)\" />");
    private static final Pattern ELEMENT = Pattern.compile("<(\\w+)(?: last=\"([^\"]*)\")?(?: first=\"[^\"]*\")? />");
    private static final Pattern INNER = Pattern.compile("<cookie page=\"(\\d+)\"(?: version=\"(\\d+)\")?>(.*)</cookie>");

    /** The token for the page after {@code page} (numbered from 1), which ended with {@code last}. */
    static String next(int page, TableDef table, List<SortKey> keys, Row first, Row last, long version) {
        StringBuilder inner = new StringBuilder("<cookie page=\"").append(page).append('"');
        if (version >= 0) {
            inner.append(" version=\"").append(version).append('"');
        }
        inner.append('>');
        for (SortKey k : keys) {
            Object v = k.value(last);
            inner.append('<').append(k.column().wireName());
            if (v != null) {
                inner.append(" last=\"").append(CookieText.xml(CookieText.value(v))).append('"');
            }
            inner.append(" />");
        }
        inner.append('<').append(table.primaryIdAttribute()).append(" last=\"").append(CookieText.braced(last.id()))
                .append("\" first=\"").append(CookieText.braced(first.id())).append("\" /></cookie>");
        return "<cookie pagenumber=\"" + (page + 1) + "\" pagingcookie=\"" + CookieText.encode(inner.toString())
                + "\" istracking=\"" + (version >= 0 ? "True" : "False") + "\" />";
    }

    /** Reads a {@code $skiptoken}; anything that is not one of ours is a 400. */
    static PagingCookie parse(String token, TableDef table, List<SortKey> keys) {
        Matcher outer = OUTER.matcher(token.trim());
        if (!outer.matches()) {
            throw malformed("it is not a paging cookie");
        }
        String innerText;
        try {
            innerText = java.net.URLDecoder.decode(outer.group(2), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed("its pagingcookie is not URL-encoded");
        }
        Matcher inner = INNER.matcher(innerText);
        if (!inner.matches()) {
            throw malformed("its pagingcookie has no <cookie page=…> element");
        }
        Matcher el = ELEMENT.matcher(inner.group(3));
        Object[] values = new Object[keys.size()];
        UUID lastId = null;
        int i = 0;
        int pos = 0;
        while (el.find() && el.start() == pos) {
            pos = el.end();
            String name = el.group(1);
            String last = el.group(2) == null ? null : CookieText.unxml(el.group(2));
            if (i < keys.size()) {
                SortKey k = keys.get(i++);
                if (!k.column().wireName().equals(name)) {
                    throw malformed("it was made for a different $orderby");
                }
                values[i - 1] = last == null ? null : value(k.column(), last);
            } else if (name.equals(table.primaryIdAttribute()) && last != null && last.startsWith("{")
                    && last.endsWith("}")) {
                try {
                    lastId = UUID.fromString(last.substring(1, last.length() - 1));
                } catch (IllegalArgumentException e) {
                    throw malformed("its last id is not a GUID");
                }
            } else {
                throw malformed("it was made for a different query");
            }
        }
        if (lastId == null || pos != inner.group(3).length() || i != keys.size()) {
            throw malformed("it was made for a different query");
        }
        long version = inner.group(2) == null ? -1 : Long.parseLong(inner.group(2));
        return new PagingCookie(Integer.parseInt(outer.group(1)), lastId, values, version);
    }

    private static Object value(ColumnDef col, String text) {
        try {
            return Values.normalize(QueryFunctions.typed(col, text));
        } catch (ApiException e) {
            throw malformed("a sort value does not fit its column");
        }
    }

    private static ApiException malformed(String why) {
        return ApiException.badRequest(DataverseErrorCodes.INVALID_ARGUMENT,
                "The $skiptoken is not a valid paging cookie: " + why + ". Use the @odata.nextLink unchanged.");
    }
}
