package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.GET;

import dev.sluice.dataverse.Row;
import dev.sluice.dataverse.TableInfo;
import dev.sluice.dataverse.TableMetadata;
import dev.sluice.store.GrantLevel;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The table browser: a connection's tables, then a table's columns and pages of its rows with a filter, through the
 * same paged query as {@code GET /api/v1/connections/{c}/tables/{t}/rows} (read grant, audited). Thread-safe.
 */
public final class DataPages {
    /** Columns shown when none are chosen, so a wide table still fits the screen. */
    static final int DEFAULT_COLUMNS = 8;
    /** Rows per page in the browser. */
    static final int PAGE_SIZE = 25;

    private final PageGuard guard;
    private final DataApi data;
    private final DataBrowse browse;
    private final ConnectionService connections;

    public DataPages(Services services, Pages pages) {
        this.guard = new PageGuard(services, pages);
        this.data = new DataApi(services);
        this.browse = new DataBrowse(services);
        this.connections = new ConnectionService(services);
    }

    /** The routes. */
    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(GET, "/connections/{connection}/tables", "public", "Table browser: tables", this::tables),
                new ApiRoute(GET, "/connections/{connection}/tables/{table}", "public", "Table browser: rows",
                        this::rows),
                new ApiRoute(GET, "/connections/{connection}/tables/{table}/rows.csv", "public",
                        "Table browser: the current query as CSV", this::csv));
    }

    private void tables(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            String name = connections.get(c, ctx.pathParam("connection"), GrantLevel.READ).connection().name();
            List<TableInfo> tables = new ArrayList<>(data.tables(c, ctx.pathParam("connection")));
            tables.sort(Comparator.comparing(TableInfo::logicalName));
            guard.render(ctx, c, "tables.jte", Map.of("connection", name, "tables", tables));
        });
    }

    private void rows(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            String ref = ctx.pathParam("connection");
            String name = connections.get(c, ref, GrantLevel.READ).connection().name();
            String table = ctx.pathParam("table");
            TableMetadata meta = data.metadata(c, ref, table);
            String filter = param(ctx, "filter");
            String select = param(ctx, "select");
            String token = param(ctx, "continuation");
            if (!token.isEmpty()) {
                // a later page: its query (filter, columns) is the token's, so the form and the grid show it
                try {
                    PageToken t = PageToken.decode(token, table);
                    filter = t.filter() == null ? "" : t.filter();
                    select = String.join(",", t.select());
                } catch (ApiProblem e) {
                    // reported below, where the token is read for the query
                }
            }
            boolean back = param(ctx, "back").equals("1");
            long offset = offset(param(ctx, "offset"));
            String error = "";
            List<Row> rows = List.of();
            String next = "";
            String previous = "";
            DataBrowse.Count count = null;
            try {
                PageToken page = token.isEmpty()
                        ? new PageToken(table, columns(select), filter.isEmpty() ? null : filter, PAGE_SIZE, null)
                        : PageToken.decode(token, table);
                String pk = meta.primaryIdAttribute();
                boolean earlier;
                if (back && page.after() != null) {
                    DataBrowse.Before before = browse.pageBefore(c, ref, page);
                    rows = before.rows();
                    earlier = before.more();
                    next = rows.isEmpty() ? "" : at(page, rows.get(rows.size() - 1).getUuid(pk));
                    offset = earlier ? Math.max(PAGE_SIZE, offset) : 0;
                } else {
                    DataApi.RowPage result = data.page(c, ref, page);
                    rows = result.rows();
                    earlier = page.after() != null;
                    next = result.continuation() == null ? "" : result.continuation();
                }
                // keyset paging backwards: the page before starts just before this page's first row
                previous = earlier && !rows.isEmpty() ? at(page, rows.get(0).getUuid(pk)) : "";
                count = browse.count(c, ref, table, page.filter());
            } catch (ApiProblem | dev.sluice.core.SluiceException e) {
                error = e.getMessage();
            }
            List<String> shown = shownColumns(meta, columns(select), rows);
            List<List<String>> cells = new ArrayList<>();
            for (Row r : rows) {
                List<String> line = new ArrayList<>();
                for (String col : shown) {
                    line.add(cell(meta, r, col));
                }
                cells.add(line);
            }
            String base = "/connections/" + enc(name) + "/tables/" + enc(table);
            String query = "filter=" + enc(filter) + "&select=" + enc(select);
            Map<String, Object> params = new java.util.HashMap<>(Map.of("connection", name, "table", meta,
                    "filter", filter, "select", select, "shown", shown, "cells", cells, "error", error,
                    "firstPage", offset == 0 && previous.isEmpty(), "firstUrl", base + "?" + query));
            params.put("nextUrl", next.isEmpty() ? "" : base + "?continuation=" + next + "&offset="
                    + (offset + rows.size()));
            params.put("previousUrl", previous.isEmpty() ? "" : base + "?continuation=" + previous + "&back=1&offset="
                    + Math.max(0, offset - PAGE_SIZE));
            params.put("position", position(offset, rows.size(), count));
            params.put("csvUrl", base + "/rows.csv?" + query);
            guard.render(ctx, c, "rows.jte", params);
        });
    }

    /** The current query's rows as CSV: the chosen columns (all when none), choice labels in COLUMN@label. */
    private void csv(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            String ref = ctx.pathParam("connection");
            connections.get(c, ref, GrantLevel.READ);
            String table = ctx.pathParam("table");
            TableMetadata meta = data.metadata(c, ref, table);
            String filter = param(ctx, "filter");
            List<String> select = columns(param(ctx, "select"));
            RowsCsv csv = new RowsCsv(meta, select);
            // streamed: the response starts with the first row, so a query Dataverse refuses (a bad filter) still
            // gets an error page, and any number of rows goes out in constant memory
            java.io.Writer[] out = {null};
            java.util.function.Supplier<java.io.Writer> writer = () -> {
                if (out[0] == null) {
                    ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\""
                            + meta.logicalName() + ".csv\"");
                    out[0] = new java.io.BufferedWriter(new java.io.OutputStreamWriter(ctx.outputStream(),
                            java.nio.charset.StandardCharsets.UTF_8));
                }
                return out[0];
            };
            browse.export(c, ref, table, select, filter.isEmpty() ? null : filter, r -> csv.write(writer.get(), r));
            csv.finish(writer.get());
        });
    }

    /** A continuation token of the same query at another keyset boundary. */
    private static String at(PageToken page, java.util.UUID after) {
        return new PageToken(page.table(), page.select(), page.filter(), page.pageSize(), after).encode();
    }

    /** "Rows 26–50 of 120." (the count when Dataverse tells it; "5,000 or more" past its limit). */
    private static String position(long offset, int shown, DataBrowse.Count count) {
        if (shown == 0) {
            return count != null && count.rows() == 0 ? "No rows." : "No rows on this page.";
        }
        String range = "Rows " + (offset + 1) + "–" + (offset + shown);
        if (count == null) {
            return range + ".";
        }
        return range + " of " + String.format(java.util.Locale.ROOT, "%,d", count.rows())
                + (count.atLeast() ? " or more." : ".");
    }

    private static long offset(String text) {
        try {
            return text.isEmpty() ? 0 : Math.max(0, Long.parseLong(text));
        } catch (NumberFormatException e) {
            // a page number that is not a number shows the first page
            return 0;
        }
    }

    /** A cell as shown: a choice value with its label ({@code 33 (Wholesale)}), else the formatted or plain value. */
    private static String cell(TableMetadata meta, Row r, String col) {
        Object v = r.get(col);
        java.util.Optional<String> label = meta.column(col).flatMap(m -> m.label(v));
        if (label.isPresent()) {
            return v + " (" + label.get() + ")";
        }
        return r.formatted(col).orElse(v == null ? "" : String.valueOf(v));
    }

    private static List<String> columns(String select) {
        List<String> out = new ArrayList<>();
        for (String col : select.split("[\\s,]+")) {
            if (!col.isBlank()) {
                out.add(col);
            }
        }
        return out;
    }

    /** The chosen columns, else the primary name and the first other columns the rows carry. */
    private static List<String> shownColumns(TableMetadata meta, List<String> chosen, List<Row> rows) {
        if (!chosen.isEmpty()) {
            return chosen;
        }
        List<String> out = new ArrayList<>();
        if (meta.primaryNameAttribute() != null) {
            out.add(meta.primaryNameAttribute());
        }
        if (!rows.isEmpty()) {
            for (String col : rows.get(0).values().keySet()) {
                if (out.size() >= DEFAULT_COLUMNS) {
                    break;
                }
                if (!out.contains(col) && !col.contains("@") && !col.equals(meta.primaryIdAttribute())) {
                    out.add(col);
                }
            }
        }
        return out;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null ? "" : v.strip();
    }
}
