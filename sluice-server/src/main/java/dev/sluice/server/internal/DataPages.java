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
    private final ConnectionService connections;

    public DataPages(Services services, Pages pages) {
        this.guard = new PageGuard(services, pages);
        this.data = new DataApi(services);
        this.connections = new ConnectionService(services);
    }

    /** The routes. */
    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(GET, "/connections/{connection}/tables", "public", "Table browser: tables", this::tables),
                new ApiRoute(GET, "/connections/{connection}/tables/{table}", "public", "Table browser: rows",
                        this::rows));
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
            String error = "";
            List<Row> rows = List.of();
            String next = "";
            try {
                PageToken page = token.isEmpty()
                        ? new PageToken(table, columns(select), filter.isEmpty() ? null : filter, PAGE_SIZE, null)
                        : PageToken.decode(token, table);
                DataApi.RowPage result = data.page(c, ref, page);
                rows = result.rows();
                next = result.continuation() == null ? "" : result.continuation();
            } catch (ApiProblem | dev.sluice.core.SluiceException e) {
                error = e.getMessage();
            }
            List<String> shown = shownColumns(meta, columns(select), rows);
            List<List<String>> cells = new ArrayList<>();
            for (Row r : rows) {
                List<String> line = new ArrayList<>();
                for (String col : shown) {
                    Object v = r.get(col);
                    line.add(r.formatted(col).orElse(v == null ? "" : String.valueOf(v)));
                }
                cells.add(line);
            }
            guard.render(ctx, c, "rows.jte", Map.of("connection", name, "table", meta, "filter", filter,
                    "select", select, "shown", shown, "cells", cells, "next", next, "error", error,
                    "firstPage", token.isEmpty(), "firstUrl", "/connections/" + enc(name) + "/tables/" + enc(table)
                            + "?filter=" + enc(filter) + "&select=" + enc(select)));
        });
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
