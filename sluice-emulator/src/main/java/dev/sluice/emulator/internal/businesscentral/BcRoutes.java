package dev.sluice.emulator.internal.businesscentral;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes a request inside one environment: the service document, {@code companies}, a company's entity sets and
 * entities, and a sales order's {@code salesOrderLines}. Paths may also leave the company out and name it in a
 * {@code Company} header, as Microsoft's transactional {@code $batch} example does. The caller holds the
 * environment's lock. Stateless apart from the writes.
 */
final class BcRoutes {
    private static final Pattern SEGMENT = Pattern.compile("^([A-Za-z]+)(?:\\(([^)]*)\\))?$");

    private final BcWrites writes;

    BcRoutes(BcWrites writes) {
        this.writes = writes;
    }

    ApiResponse route(ApiRequest r, BcEnvironment env) {
        String path = r.path();
        if (path.isEmpty() || path.equals("/")) {
            return serviceDocument(r);
        }
        List<String[]> segments = segments(path);
        BcCompany company;
        int next;
        if (segments.get(0)[0].equals("companies")) {
            if (segments.get(0)[1] == null) {
                onlyGet(r, "companies", segments.size() == 1);
                List<BcRow> rows = new ArrayList<>();
                env.companies().forEach(c -> rows.add(new BcRow(c.id(), c.record(), 1)));
                return page(r, BcReads.collection(r, r.baseUrl(), "companies", BcCatalog.COMPANIES, rows, null));
            }
            UUID id = key(segments.get(0)[1]);
            company = env.company(id).orElseThrow(() -> BcErrors.notFound("The company '" + id + "' does not exist."));
            if (segments.size() == 1) {
                onlyGet(r, "companies", true);
                return BusinessCentralService.json(200, BcReads.entity(r, BcCatalog.COMPANIES,
                        new BcRow(company.id(), company.record(), 1), null, true,
                        r.baseUrl() + "$metadata#companies/$entity"));
            }
            next = 1;
        } else {
            String name = r.headers().first("Company");
            if (name == null) {
                throw BcErrors.of(404, "BadRequest_ResourceNotFound", "Resource not found for the segment '"
                        + segments.get(0)[0] + "'.");
            }
            company = env.companyNamed(name).orElseThrow(() -> BcErrors.notFound("The company '" + name
                    + "' does not exist."));
            next = 0;
        }
        String prefix = "companies(" + company.id() + ")/";
        String[] seg = segments.get(next);
        BcEntitySet set = BcCatalog.companySet(seg[0]).orElseThrow(() -> BcErrors.of(404,
                "BadRequest_ResourceNotFound", "Resource not found for the segment '" + seg[0] + "'."));
        if (segments.size() == next + 1) {
            return seg[1] == null ? collection(r, company, set, prefix + set.name(), company.list(set), null)
                    : entity(r, company, set, key(seg[1]), prefix + set.name());
        }
        if (set == BcCatalog.SALES_ORDERS && seg[1] != null && segments.size() <= next + 3
                && segments.get(next + 1)[0].equals("salesOrderLines")) {
            UUID order = key(seg[1]);
            BcWrites.find(company, BcCatalog.SALES_ORDERS, order);
            String[] lineSeg = segments.get(next + 1);
            String ctx = prefix + "salesOrders(" + order + ")/salesOrderLines";
            if (segments.size() == next + 2) {
                return lineSeg[1] == null ? collection(r, company, BcCatalog.SALES_ORDER_LINES, ctx,
                        BcReads.linesOf(company, order), order)
                        : entity(r, company, BcCatalog.SALES_ORDER_LINES, key(lineSeg[1]), ctx);
            }
        }
        throw BcErrors.of(404, "BadRequest_ResourceNotFound", "Resource not found for the segment '"
                + segments.get(Math.min(segments.size() - 1, next + 1))[0] + "'.");
    }

    private ApiResponse collection(ApiRequest r, BcCompany company, BcEntitySet set, String ctx, List<BcRow> rows,
            UUID parentOrder) {
        switch (r.method()) {
            case "GET" -> {
                return page(r, BcReads.collection(r, r.baseUrl(), ctx, set, rows, company));
            }
            case "POST" -> {
                readWrite(r);
                BcRow row = writes.create(company, set, r.body(), parentOrder);
                return BusinessCentralService.json(201, BcReads.entity(plain(r), set, row, company, true,
                        r.baseUrl() + "$metadata#" + ctx + "/$entity"));
            }
            default -> throw BcErrors.methodNotAllowed(r.method(), set.name());
        }
    }

    private ApiResponse entity(ApiRequest r, BcCompany company, BcEntitySet set, UUID id, String ctx) {
        String context = r.baseUrl() + "$metadata#" + ctx + "/$entity";
        switch (r.method()) {
            case "GET" -> {
                return BusinessCentralService.json(200, BcReads.entity(r, set, BcWrites.find(company, set, id),
                        company, true, context));
            }
            case "PATCH" -> {
                readWrite(r);
                BcRow row = writes.update(company, set, id, r.body(), r.headers().first("If-Match"));
                return BusinessCentralService.json(200, BcReads.entity(plain(r), set, row, company, true, context));
            }
            case "DELETE" -> {
                readWrite(r);
                writes.delete(company, set, id, r.headers().first("If-Match"));
                return ApiResponse.of(204);
            }
            default -> throw BcErrors.methodNotAllowed(r.method(), set.name());
        }
    }

    private static ApiResponse page(ApiRequest r, BcReads.Page page) {
        onlyGet(r, "companies", true);
        ApiResponse response = BusinessCentralService.json(200, page.body());
        if (page.preferenceApplied() != null) {
            response.header("Preference-Applied", page.preferenceApplied());
        }
        return response;
    }

    private static ApiResponse serviceDocument(ApiRequest r) {
        ObjectNode doc = Json.object();
        doc.put("@odata.context", r.baseUrl() + "$metadata");
        ArrayNode value = doc.putArray("value");
        ObjectNode companies = value.addObject();
        companies.put("name", "companies");
        companies.put("kind", "EntitySet");
        companies.put("url", "companies");
        return BusinessCentralService.json(200, doc);
    }

    /** Writes read nothing from the query string: $select and $expand do not shape their answer. */
    private static ApiRequest plain(ApiRequest r) {
        return new ApiRequest(r.method(), r.path(), null, r.headers(), r.body(), r.baseUrl(), r.caller());
    }

    private static void onlyGet(ApiRequest r, String set, boolean applies) {
        if (applies && !r.method().equals("GET")) {
            throw BcErrors.methodNotAllowed(r.method(), set);
        }
    }

    /**
     * A write sent with {@code Data-Access-Intent: ReadOnly} would run on a read-only replica, where Business
     * Central throws on any insert, modify or delete.
     */
    private static void readWrite(ApiRequest r) {
        String intent = r.headers().first("Data-Access-Intent");
        if (intent != null && intent.trim().equalsIgnoreCase("ReadOnly")) {
            throw BcErrors.badRequest("BadRequest", "The request was sent with Data-Access-Intent: ReadOnly and cannot "
                    + "insert, modify or delete records.");
        }
    }

    private static UUID key(String raw) {
        try {
            String k = raw.startsWith("id=") ? raw.substring(3) : raw;
            return UUID.fromString(k.trim());
        } catch (IllegalArgumentException e) {
            throw BcErrors.notFound("'|' or ',' expected at position 3 in '(" + raw + ")'.");
        }
    }

    private static List<String[]> segments(String path) {
        List<String[]> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.isEmpty()) {
                continue;
            }
            Matcher m = SEGMENT.matcher(ApiRequest.decode(s));
            if (!m.matches()) {
                throw BcErrors.of(404, "BadRequest_ResourceNotFound", "Resource not found for the segment '"
                        + (s.length() > 60 ? s.substring(0, 60) : s) + "'.");
            }
            out.add(new String[] {m.group(1), m.group(2)});
        }
        return out;
    }
}
