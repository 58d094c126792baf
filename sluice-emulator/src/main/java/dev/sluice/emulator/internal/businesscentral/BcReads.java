package dev.sluice.emulator.internal.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Reads: collections with {@code $filter $orderby $top $skip $select $expand}, server-driven paging (at most
 * {@value #MAX_PAGE_SIZE} entities a page, fewer with {@code Prefer: odata.maxpagesize}, the rest behind
 * {@code @odata.nextLink} with a {@code $skiptoken}), and single entities. Stateless.
 */
final class BcReads {
    /** Microsoft's operational limits: at most 20,000 entities per page. */
    static final int MAX_PAGE_SIZE = 20000;

    private BcReads() {}

    /** One page of a collection and the {@code Preference-Applied} value, if a page size was honoured. */
    record Page(ObjectNode body, String preferenceApplied) {}

    static Page collection(ApiRequest request, String base, String contextPath, BcEntitySet set, List<BcRow> all,
            BcCompany company) {
        Map<String, List<String>> q = request.queryParameters();
        List<BcRow> rows = new ArrayList<>(all);
        String filter = first(q, "$filter");
        if (filter != null) {
            Predicate<ObjectNode> p = BcFilter.compile(set, filter);
            rows.removeIf(r -> !p.test(r.values()));
        }
        String orderBy = first(q, "$orderby");
        if (orderBy != null) {
            rows.sort(order(set, orderBy));
        }
        int skip = number(q, "$skip", 0);
        Integer top = q.containsKey("$top") ? number(q, "$top", 0) : null;
        int from = Math.min(rows.size(), skip);
        int to = top == null ? rows.size() : Math.min(rows.size(), from + top);
        rows = rows.subList(from, to);
        int pageSize = MAX_PAGE_SIZE;
        String applied = null;
        Integer asked = maxPageSize(request.headers().first("Prefer"));
        if (asked != null && asked > 0) {
            pageSize = Math.min(asked, MAX_PAGE_SIZE);
            applied = "odata.maxpagesize=" + pageSize;
        }
        int offset = 0;
        String token = first(q, "$skiptoken");
        if (token != null) {
            try {
                offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw BcErrors.badRequest("BadRequest", "The skip token '" + token + "' is not valid.");
            }
        }
        int end = Math.min(rows.size(), offset + pageSize);
        ObjectNode body = Json.object();
        body.put("@odata.context", base + "$metadata#" + contextPath);
        ArrayNode value = body.putArray("value");
        for (BcRow r : rows.subList(Math.min(offset, end), end)) {
            value.add(entity(request, set, r, company, false, null));
        }
        if (end < rows.size()) {
            body.put("@odata.nextLink", nextLink(request, base, end));
        }
        return new Page(body, applied);
    }

    /** An entity as the API writes it: {@code @odata.etag}, then the selected properties and expansions. */
    static ObjectNode entity(ApiRequest request, BcEntitySet set, BcRow row, BcCompany company, boolean withContext,
            String context) {
        Map<String, List<String>> q = request.queryParameters();
        ObjectNode out = Json.object();
        if (withContext) {
            out.put("@odata.context", context);
        }
        out.put("@odata.etag", row.etag());
        String select = first(q, "$select");
        List<String> names = select == null ? null : List.of(select.split(","));
        if (names != null) {
            for (String n : names) {
                set.field(n.trim()).orElseThrow(() -> unknown(set, n.trim()));
            }
        }
        for (BcField f : set.fields()) {
            if (names == null || names.stream().anyMatch(n -> n.trim().equals(f.name()))) {
                out.set(f.name(), row.values().get(f.name()));
            }
        }
        String expand = first(q, "$expand");
        if (expand != null) {
            for (String e : expand.split(",")) {
                String nav = e.trim();
                if (set == BcCatalog.SALES_ORDERS && nav.equals("salesOrderLines") && company != null) {
                    ArrayNode lines = out.putArray("salesOrderLines");
                    linesOf(company, row.id()).forEach(l -> lines.add(plain(BcCatalog.SALES_ORDER_LINES, l)));
                } else if (set == BcCatalog.SALES_ORDER_LINES && nav.equals("salesOrder") && company != null) {
                    BcRow order = company.rows(BcCatalog.SALES_ORDERS).get(
                            UUID.fromString(row.values().get("documentId").asText()));
                    out.set("salesOrder", order == null ? null : plain(BcCatalog.SALES_ORDERS, order));
                } else {
                    throw BcErrors.badRequest("BadRequest", "Could not find a property named '" + nav
                            + "' on type 'Microsoft.NAV." + set.entityType() + "'.");
                }
            }
        }
        return out;
    }

    static List<BcRow> linesOf(BcCompany company, UUID orderId) {
        String id = orderId.toString();
        List<BcRow> lines = new ArrayList<>(company.list(BcCatalog.SALES_ORDER_LINES));
        lines.removeIf(l -> !l.values().get("documentId").asText().equals(id));
        lines.sort(Comparator.comparingInt(l -> l.values().get("sequence").asInt()));
        return lines;
    }

    private static ObjectNode plain(BcEntitySet set, BcRow row) {
        ObjectNode out = Json.object();
        out.put("@odata.etag", row.etag());
        out.setAll(row.values());
        return out;
    }

    private static Comparator<BcRow> order(BcEntitySet set, String orderBy) {
        Comparator<BcRow> c = null;
        for (String part : orderBy.split(",")) {
            String[] words = part.trim().split("\\s+");
            BcField f = set.field(words[0]).orElseThrow(() -> unknown(set, words[0]));
            boolean desc = words.length > 1 && words[1].equalsIgnoreCase("desc");
            Comparator<BcRow> one = (a, b) -> compareValues(BcFilter.value(a.values(), f), BcFilter.value(b.values(), f));
            one = desc ? one.reversed() : one;
            c = c == null ? one : c.thenComparing(one);
        }
        return c;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof String sa && b instanceof String sb) {
            return sa.compareToIgnoreCase(sb);
        }
        return ((Comparable) a).compareTo(b);
    }

    private static String nextLink(ApiRequest request, String base, int offset) {
        StringBuilder sb = new StringBuilder(base).append(request.path()).append('?');
        boolean firstParam = true;
        for (Map.Entry<String, List<String>> e : request.queryParameters().entrySet()) {
            if (e.getKey().equals("$skiptoken")) {
                continue;
            }
            for (String v : e.getValue()) {
                sb.append(firstParam ? "" : "&").append(enc(e.getKey())).append('=').append(enc(v));
                firstParam = false;
            }
        }
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(
                Integer.toString(offset).getBytes(StandardCharsets.UTF_8));
        return sb.append(firstParam ? "" : "&").append("$skiptoken=").append(token).toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$")
                .replace("%2C", ",");
    }

    static Integer maxPageSize(String prefer) {
        if (prefer == null) {
            return null;
        }
        for (String p : prefer.split(",")) {
            String[] kv = p.trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("odata.maxpagesize")) {
                try {
                    return Integer.parseInt(kv[1].trim());
                } catch (NumberFormatException e) {
                    // a page size that is not a number is ignored, as Business Central ignores it
                    return null;
                }
            }
        }
        return null;
    }

    private static int number(Map<String, List<String>> q, String name, int dflt) {
        String v = first(q, name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw BcErrors.badRequest("BadRequest", "Invalid value '" + v + "' for " + name
                    + ": a non-negative integer is expected.");
        }
    }

    static String first(Map<String, List<String>> q, String name) {
        List<String> v = q.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    static RuntimeException unknown(BcEntitySet set, String name) {
        return BcErrors.badRequest("BadRequest", "Could not find a property named '" + name + "' on type "
                + "'Microsoft.NAV." + set.entityType() + "'.");
    }

    static JsonNode nothing() {
        return null;
    }
}
