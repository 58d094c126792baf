package dev.sluice.emulator.internal.fetch;

import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.emulator.internal.data.OrgStore;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Preferences;
import dev.sluice.emulator.internal.query.Bodies;
import dev.sluice.emulator.internal.schema.TableDef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Answers {@code GET {set}?fetchXml=…} (fact sheet §C.9; fetchxml/page-results.md, count-rows.md,
 * aggregate-data.md): parses and checks the query, joins, filters and orders rows, and returns one page with the
 * paging cookie and more-records annotations when the request asked for them. Pages continue after the paging
 * cookie's last row when the query supports cookies and the page follows the cookie's; otherwise they are counted
 * from the start ("simple paging"), which may not reach past 50,000 rows. Aggregate queries refuse to aggregate more
 * than 50,000 rows (or the query's {@code aggregatelimit}). Call under the store's read lock. Thread-safe (a new
 * state per request).
 */
public final class FetchHandler {
    /** Dataverse: default and largest page of FetchXML (fetchxml/page-results.md). */
    static final int MAX_PAGE = 5000;
    /** Dataverse: simple paging cannot return more than 50,000 rows (fetchxml/page-results.md). */
    static final int SIMPLE_PAGING_LIMIT = 50_000;
    /** Dataverse: aggregate queries are limited to 50,000 rows (fetchxml/aggregate-data.md, Limitations). */
    static final int AGGREGATE_LIMIT = 50_000;
    /** Dataverse: counts stop at 5000 (fetchxml/count-rows.md). */
    static final int COUNT_CAP = 5000;
    private static final String COOKIE = "Microsoft.Dynamics.CRM.fetchxmlpagingcookie";
    private static final String MORE = "Microsoft.Dynamics.CRM.morerecords";
    private static final String TOTAL = "Microsoft.Dynamics.CRM.totalrecordcount";
    private static final String EXCEEDED = "Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded";

    private final OrgStore store;
    private final Clock clock;

    public FetchHandler(OrgStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Whether a collection GET is a FetchXML query. */
    public static boolean isFetch(Map<String, List<String>> params) {
        return params.containsKey("fetchXml");
    }

    /** Answers a FetchXML query on {@code table}'s entity set. Call under the store's read lock. */
    public ApiResponse get(ApiRequest request, Map<String, List<String>> params, TableDef table) {
        boolean dollarCount = false;
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            String name = p.getKey();
            if (name.equals("fetchXml")) {
                if (p.getValue().size() > 1) {
                    throw ApiException.badRequest(DataverseErrorCodes.QUERY_NOT_SUPPORTED, "Query option 'fetchXml' "
                            + "was specified more than once, but it must be specified at most once.");
                }
            } else if (name.equals("$count")) {
                dollarCount = "true".equals(p.getValue().get(0));
            } else if (name.startsWith("$")) {
                throw ApiException.badRequest(DataverseErrorCodes.QUERY_NOT_SUPPORTED, "The query parameter " + name
                        + " cannot be combined with fetchXml; say it in the FetchXML instead.");
            }
        }
        UUID caller = request.caller() == null ? null : request.caller().userId();
        FetchModel.Fetch fetch = FetchParser.parse(params.get("fetchXml").get(0));
        FetchPlan plan = new FetchCompiler(store.schema(), clock, caller).compile(fetch, table);
        Preferences prefs = Preferences.of(request.headers());
        FetchRunner runner = new FetchRunner(store, plan);
        boolean count = dollarCount || fetch.totalRecordCount();
        if (count && fetch.top() != null) {
            throw FetchErrors.bad(FetchErrors.INVALID_ARGUMENT, "The 'top' attribute of <fetch> cannot be combined "
                    + "with returntotalrecordcount or $count (fetchxml/count-rows.md).");
        }
        int size = fetch.top() != null ? fetch.top() : Math.min(fetch.count() == null ? MAX_PAGE : fetch.count(),
                MAX_PAGE);
        int page = fetch.page() == null ? 1 : fetch.page();
        Result result = fetch.aggregate() ? aggregate(plan, runner, page, size)
                : fetch.distinct() ? distinct(plan, runner, page, size) : plain(plan, runner, page, size);
        boolean more = result.more && fetch.top() == null;
        int total = count ? (fetch.aggregate() ? result.total : fetch.distinct() ? result.total
                : runner.count(COUNT_CAP)) : -1;
        return respond(request, prefs, plan, result, more, total, count);
    }

    /** One page: its joined rows (or aggregate rows), whether more follow, and the cookie for the next page. */
    private record Result(List<Row[]> rows, List<Object[]> aggregates, boolean more, String cookie, int total) {}

    private Result plain(FetchPlan plan, FetchRunner runner, int page, int size) {
        FetchModel.Fetch f = plan.fetch();
        FetchRunner.Keyed after = null;
        if (plan.cookies() && f.pagingCookie() != null && !f.pagingCookie().isBlank()) {
            FetchCookie c = FetchCookie.parse(f.pagingCookie(), plan);
            // Dataverse ignores the cookie when the page does not follow it (fetchxml/page-results.md)
            if (c.page() == page - 1) {
                Row[] frame = new Row[plan.nodes().size()];
                frame[0] = new Row(c.lastId(), 0, new Object[0]);
                after = new FetchRunner.Keyed(frame, c.lastValues());
            }
        }
        long skip = 0;
        if (after == null && page > 1) {
            skip = (long) (page - 1) * size;
            if (skip + size > SIMPLE_PAGING_LIMIT) {
                throw FetchErrors.bad(FetchErrors.OVER_RETRIEVAL, "Over upper limit of records that can be requested "
                        + "without a paging cookie. A paging cookie is required when retrieving a high page number: "
                        + "page " + page + " of " + size + " rows reaches past " + SIMPLE_PAGING_LIMIT + " rows.");
            }
        }
        List<FetchRunner.Keyed> found = runner.select(after, skip, size + 1);
        boolean more = found.size() > size;
        List<FetchRunner.Keyed> shown = more ? found.subList(0, size) : found;
        List<Row[]> rows = new ArrayList<>(shown.size());
        shown.forEach(k -> rows.add(k.frame()));
        String cookie = null;
        if (more && plan.cookies() && !shown.isEmpty()) {
            FetchRunner.Keyed first = shown.get(0);
            FetchRunner.Keyed last = shown.get(shown.size() - 1);
            cookie = FetchCookie.annotation(page, plan, runner.sortValues(first.frame()), first.frame()[0],
                    runner.sortValues(last.frame()), last.frame()[0]);
        }
        return new Result(rows, null, more, cookie, -1);
    }

    private Result distinct(FetchPlan plan, FetchRunner runner, int page, int size) {
        Set<List<Object>> seen = new LinkedHashSet<>();
        List<Row[]> unique = new ArrayList<>();
        for (FetchRunner.Keyed k : runner.all()) {
            List<Object> key = new ArrayList<>(plan.columns().size());
            for (FetchPlan.Column c : plan.columns()) {
                Row r = k.frame()[c.node()];
                Object v = r == null ? null : dev.sluice.emulator.internal.query.Values.normalize(r.get(c.column()));
                key.add(v instanceof String s ? s.toLowerCase(java.util.Locale.ROOT) : v);
            }
            if (seen.add(key)) {
                unique.add(k.frame());
            }
        }
        return slice(unique, null, page, size, unique.size());
    }

    private Result aggregate(FetchPlan plan, FetchRunner runner, int page, int size) {
        FetchModel.Fetch f = plan.fetch();
        int limit = f.aggregateLimit() == null ? AGGREGATE_LIMIT : Math.min(f.aggregateLimit(), AGGREGATE_LIMIT);
        Aggregation agg = new Aggregation(plan.aggregates(), limit);
        for (Row r : store.rows(plan.root().table).values()) {
            runner.joined(r, agg::add);
        }
        List<Object[]> rows = new ArrayList<>(agg.result());
        if (!plan.aggregateOrders().isEmpty()) {
            rows.sort((x, y) -> {
                for (FetchPlan.AliasOrder o : plan.aggregateOrders()) {
                    int c = dev.sluice.emulator.internal.query.Values.compareNullsFirst(
                            dev.sluice.emulator.internal.query.Values.normalize(x[o.aggregate()]),
                            dev.sluice.emulator.internal.query.Values.normalize(y[o.aggregate()]));
                    if (c != 0) {
                        return o.descending() ? -c : c;
                    }
                }
                return 0;
            });
        }
        return slice(null, rows, page, size, rows.size());
    }

    private static Result slice(List<Row[]> rows, List<Object[]> aggregates, int page, int size, int total) {
        int n = rows != null ? rows.size() : aggregates.size();
        long from = (long) (page - 1) * size;
        if (page > 1 && from + size > SIMPLE_PAGING_LIMIT) {
            throw FetchErrors.bad(FetchErrors.OVER_RETRIEVAL, "Over upper limit of records that can be requested "
                    + "without a paging cookie. A paging cookie is required when retrieving a high page number: page "
                    + page + " of " + size + " rows reaches past " + SIMPLE_PAGING_LIMIT + " rows.");
        }
        int start = (int) Math.min(from, n);
        int end = (int) Math.min(from + size, n);
        return new Result(rows == null ? null : rows.subList(start, end),
                aggregates == null ? null : aggregates.subList(start, end), end < n, null, total);
    }

    private ApiResponse respond(ApiRequest request, Preferences prefs, FetchPlan plan, Result result, boolean more,
            int total, boolean count) {
        FetchWriter writer = new FetchWriter(store, prefs);
        String context = request.baseUrl() + "$metadata#" + plan.root().table.entitySetName() + contextList(plan);
        boolean annotations = prefs.includeAnnotations() != null;
        byte[] body = Bodies.json(64 * 1024, g -> {
            g.writeStartObject();
            g.writeStringField("@odata.context", context);
            if (count) {
                g.writeNumberField("@odata.count", Math.min(total, COUNT_CAP));
            }
            if (prefs.wantsAnnotation(TOTAL)) {
                g.writeNumberField("@" + TOTAL, count ? Math.min(total, COUNT_CAP) : -1);
            }
            if (prefs.wantsAnnotation(EXCEEDED)) {
                g.writeBooleanField("@" + EXCEEDED, count && total > COUNT_CAP);
            }
            if (more && result.cookie() != null && prefs.wantsAnnotation(COOKIE)) {
                g.writeStringField("@" + COOKIE, result.cookie());
            }
            if (more && prefs.wantsAnnotation(MORE)) {
                g.writeBooleanField("@" + MORE, true);
            }
            g.writeArrayFieldStart("value");
            if (result.aggregates() != null) {
                for (Object[] a : result.aggregates()) {
                    writer.aggregate(g, a, plan.aggregates());
                }
            } else {
                boolean etag = !plan.fetch().distinct();
                for (Row[] frame : result.rows()) {
                    writer.row(g, frame, plan.columns(), etag);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        });
        ApiResponse r = ApiResponse.json(200, body);
        return Bodies.applied(r, annotations ? List.of(prefs.appliedAnnotations()) : List.of());
    }

    /** {@code (name,revenue,accountid)}: the entity's columns a plain query returns; empty for aggregates. */
    private static String contextList(FetchPlan plan) {
        if (plan.fetch().aggregate()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (FetchPlan.Column c : plan.columns()) {
            if (c.node() == 0) {
                names.add(c.name().getValue());
            }
        }
        return "(" + String.join(",", names) + ")";
    }
}
