package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.GET;

import dev.sluice.dataverse.Row;
import dev.sluice.store.GrantLevel;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The table browser's FetchXML page: paste a query, see its rows a page at a time (formatted values where Dataverse
 * gives them, link-entity columns as {@code alias.column}), through the same read-granted, audited call as
 * {@code GET /api/v1/connections/{c}/fetchxml}. Thread-safe.
 */
public final class FetchXmlPages {
    /** Rows per page in the browser. */
    static final int PAGE_SIZE = 25;

    private final PageGuard guard;
    private final FetchXmlApi api;
    private final ConnectionService connections;

    public FetchXmlPages(Services services, Pages pages) {
        this.guard = new PageGuard(services, pages);
        this.api = new FetchXmlApi(services);
        this.connections = new ConnectionService(services);
    }

    public List<ApiRoute> routes() {
        return List.of(new ApiRoute(GET, "/connections/{connection}/fetchxml", "public",
                "Table browser: FetchXML query", this::page));
    }

    private void page(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            String ref = ctx.pathParam("connection");
            String name = connections.get(c, ref, GrantLevel.READ).connection().name();
            String xml = param(ctx, "fetchXml");
            String token = param(ctx, "continuation");
            String error = "";
            String table = "";
            List<String> shown = List.of();
            List<List<String>> cells = new ArrayList<>();
            String nextUrl = "";
            if (!xml.isBlank()) {
                try {
                    FetchXmlApi.Result r = api.page(c, ref, xml, PAGE_SIZE, token);
                    table = r.table();
                    shown = r.columns();
                    for (Row row : r.rows()) {
                        List<String> line = new ArrayList<>();
                        for (String col : shown) {
                            Object v = row.get(col);
                            line.add(row.formatted(col).orElse(v == null ? "" : String.valueOf(v)));
                        }
                        cells.add(line);
                    }
                    if (r.continuation() != null) {
                        nextUrl = "/connections/" + enc(name) + "/fetchxml?fetchXml=" + enc(xml) + "&continuation="
                                + enc(r.continuation());
                    }
                } catch (ApiProblem | dev.sluice.core.SluiceException e) {
                    if (e instanceof ApiProblem p && p.status() == 403) {
                        throw p;
                    }
                    error = e.getMessage();
                }
            }
            guard.render(ctx, c, "fetchxml.jte", Map.of("connection", name, "fetchXml", xml, "table", table,
                    "shown", shown, "cells", cells, "nextUrl", nextUrl, "error", error, "ran", !xml.isBlank()));
        });
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null ? "" : v;
    }
}
