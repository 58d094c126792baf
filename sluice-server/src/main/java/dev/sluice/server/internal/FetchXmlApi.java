package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.FetchXml;
import dev.sluice.dataverse.FetchXmlOptions;
import dev.sluice.dataverse.FetchXmlPage;
import dev.sluice.dataverse.Row;
import dev.sluice.store.AuditAction;
import dev.sluice.store.Connection;
import dev.sluice.store.GrantLevel;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code /api/v1/connections/{c}/fetchxml}: a FetchXML query, one page at a time, for callers with {@code read} on the
 * connection (checked, counted and audited like the other data calls; the audit names the table and the row count,
 * never the query or rows). GET takes {@code fetchXml}, {@code pageSize} and {@code continuation} as query
 * parameters; POST takes the same in a JSON body, for queries too long for a URL. Both only read. Thread-safe.
 */
public final class FetchXmlApi {
    private final Services s;

    public FetchXmlApi(Services services) {
        this.s = services;
    }

    public List<ApiRoute> routes() {
        String path = "/api/v1/connections/{connection}/fetchxml";
        return List.of(
                new ApiRoute(GET, path, "read grant", "Run a FetchXML query, one page at a time (fetchXml, pageSize, "
                        + "continuation)", ctx -> answer(ctx, ctx.queryParam("fetchXml"), ctx.queryParam("pageSize"),
                        ctx.queryParam("continuation"))),
                new ApiRoute(POST, path, "read grant", "Run a FetchXML query given in a JSON body (reads only)",
                        ctx -> {
                            JsonNode body = JsonBodies.object(ctx);
                            answer(ctx, JsonBodies.optionalText(body, "fetchXml"),
                                    body.hasNonNull("pageSize") ? body.get("pageSize").asText() : null,
                                    JsonBodies.optionalText(body, "continuation"));
                        }));
    }

    /** One page of rows, the columns the query names, and the next page's token (null on the last). */
    record Result(String table, List<String> columns, List<Row> rows, String continuation) {}

    /** One page of a FetchXML query (read grant), counted and audited. */
    Result page(Caller caller, String ref, String fetchXml, int pageSize, String continuation) {
        Connection c = s.access().require(caller, ref, GrantLevel.READ);
        if (fetchXml == null || fetchXml.isBlank()) {
            throw ApiProblem.badRequest("give the query in 'fetchXml'");
        }
        FetchXml q = FetchXml.parse(fetchXml);
        FetchXmlToken token = continuation == null || continuation.isBlank() ? null
                : FetchXmlToken.decode(continuation, fetchXml);
        int size = token == null ? pageSize : token.pageSize();
        DataverseClient client = s.clients().client(c);
        List<String> columns = q.columns(client::metadata);
        FetchXmlPage p = client.fetchXmlPage(fetchXml, token == null ? 1 : token.page(),
                token == null ? null : token.cookie(), FetchXmlOptions.DEFAULTS.withFormattedValues()
                        .withPageSize(size));
        String next = p.moreRecords() ? new FetchXmlToken(p.page() + 1, p.pagingCookie(), size,
                FetchXmlToken.digest(fetchXml)).encode() : null;
        s.metrics().rowsRead(p.rows().size());
        s.store().audit().append(caller.name(), AuditAction.DATA_QUERIED, c.id(), c.name(), "queried table '"
                + q.entity() + "' by FetchXML: " + p.rows().size() + " rows");
        return new Result(q.entity(), columns, p.rows(), next);
    }

    private void answer(Context ctx, String fetchXml, String pageSize, String continuation) {
        int size = DataApi.DEFAULT_PAGE;
        if (pageSize != null && !pageSize.isBlank()) {
            try {
                size = Integer.parseInt(pageSize.trim());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > DataApi.MAX_PAGE) {
                throw ApiProblem.badRequest("pageSize must be 1.." + DataApi.MAX_PAGE + " (Dataverse's largest page), "
                        + "got " + pageSize);
            }
        }
        Result r = page(Routes.caller(ctx), ctx.pathParam("connection"), fetchXml, size, continuation);
        ObjectNode body = JsonBodies.MAPPER.createObjectNode();
        body.put("table", r.table());
        ArrayNode cols = body.putArray("columns");
        r.columns().forEach(cols::add);
        ArrayNode rows = body.putArray("value");
        r.rows().forEach(row -> rows.add(DataApi.row(row)));
        body.put("continuation", r.continuation());
        JsonBodies.write(ctx, 200, body);
    }
}
