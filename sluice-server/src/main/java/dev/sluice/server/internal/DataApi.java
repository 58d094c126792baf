package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.WriteMode;
import dev.sluice.core.WriteOutcome;
import dev.sluice.dataverse.ColumnMetadata;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.QueryPage;
import dev.sluice.dataverse.RecordKey;
import dev.sluice.dataverse.Row;
import dev.sluice.dataverse.TableInfo;
import dev.sluice.dataverse.TableMetadata;
import dev.sluice.dataverse.UpsertResult;
import dev.sluice.store.AuditAction;
import dev.sluice.store.Connection;
import dev.sluice.store.GrantLevel;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Data endpoints under {@code /api/v1/connections/{c}/tables}: tables and columns, paged row queries, one-row
 * reads and writes. Each is checked against the caller's grant ({@code read} or {@code write}) and audited with who,
 * which connection, which operation and how many rows, never row contents. Thread-safe.
 */
public final class DataApi {
    /** Default rows per API page. */
    static final int DEFAULT_PAGE = 50;
    /** Dataverse: at most 5000 rows per page. */
    static final int MAX_PAGE = 5000;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final Services s;
    private final ApiPages pages;

    public DataApi(Services services) {
        this.s = services;
        this.pages = new ApiPages(services, this);
    }

    /** This API's routes (bulk import is in {@link ImportApi}). */
    public List<ApiRoute> routes() {
        String tables = "/api/v1/connections/{connection}/tables";
        String rows = tables + "/{table}/rows";
        return List.of(
                new ApiRoute(GET, tables, "read grant", "List the tables", this::tables),
                new ApiRoute(GET, tables + "/{table}", "read grant", "A table's columns and keys", this::table),
                new ApiRoute(GET, rows, "read grant", "Query rows, one page at a time (select, filter, pageSize, "
                        + "continuation)", this::query),
                new ApiRoute(POST, rows, "write grant", "Create a row", this::create),
                new ApiRoute(GET, rows + "/{key}", "read grant", "Get a row by GUID or alternate key", this::get),
                new ApiRoute(PATCH, rows + "/{key}", "write grant", "Update a row", this::update),
                new ApiRoute(PUT, rows + "/{key}", "write grant", "Upsert a row", this::upsert),
                new ApiRoute(DELETE, rows + "/{key}", "write grant", "Delete a row", this::delete));
    }

    private Connection connection(Context ctx, GrantLevel level) {
        return s.access().require(Routes.caller(ctx), ctx.pathParam("connection"), level);
    }

    /** The tables of the connection (read). */
    List<TableInfo> tables(Caller caller, String ref) {
        Connection c = s.access().require(caller, ref, GrantLevel.READ);
        if (DataverseClients.isBusinessCentral(c)) {
            return BusinessCentralData.tables(s.clients().businessCentral(c));
        }
        return s.clients().client(c).tables();
    }

    /** A table's columns and keys (read). */
    TableMetadata metadata(Caller caller, String ref, String table) {
        Connection c = s.access().require(caller, ref, GrantLevel.READ);
        if (DataverseClients.isBusinessCentral(c)) {
            return BusinessCentralData.metadata(s.clients().businessCentral(c), table);
        }
        return s.clients().client(c).metadata(table);
    }

    /**
     * One page of rows and the token of the next page (null on the last). Immutable.
     *
     * @param rows the rows
     * @param continuation the next page's token, or null
     */
    record RowPage(List<Row> rows, String continuation) {}

    /**
     * One page of a row query (read), counted and audited, for the table browser. Dataverse pages it: the
     * continuation carries the skip token of its nextLink, so page 200 costs what page 1 does. A token without one
     * (the browser's way back) starts a keyset query {@code primary key gt after}, which then pages the same way.
     */
    RowPage page(Caller caller, String ref, PageToken page) {
        Connection c = s.access().require(caller, ref, GrantLevel.READ);
        if (DataverseClients.isBusinessCentral(c)) {
            RowPage bc = BusinessCentralData.page(s.clients().businessCentral(c), page);
            s.metrics().rowsRead(bc.rows().size());
            audit(caller, c, AuditAction.DATA_QUERIED, "queried table '" + page.table() + "': " + bc.rows().size()
                    + " rows");
            return bc;
        }
        DataverseClient client = s.clients().client(c);
        PageQuery q = PageQuery.of(client, page);
        QueryPage result = client.queryPage(q.query(), page.pageSize(), page.skipToken());
        List<Row> rows = result.rows();
        String next = result.skipToken() != null && !rows.isEmpty() ? q.next(page,
                rows.get(rows.size() - 1).getUuid(q.pk()), result.skipToken()) : null;
        s.metrics().rowsRead(rows.size());
        audit(caller, c, AuditAction.DATA_QUERIED, "queried table '" + page.table() + "': " + rows.size() + " rows");
        return new RowPage(rows, next);
    }

    private void tables(Context ctx) {
        ArrayNode out = JsonBodies.MAPPER.createArrayNode();
        for (TableInfo t : tables(Routes.caller(ctx), ctx.pathParam("connection"))) {
            ObjectNode n = out.addObject();
            n.put("logicalName", t.logicalName());
            n.put("entitySetName", t.entitySetName());
            n.put("primaryIdAttribute", t.primaryIdAttribute());
            n.put("primaryNameAttribute", t.primaryNameAttribute());
        }
        JsonBodies.write(ctx, 200, Map.of("value", out));
    }

    private void table(Context ctx) {
        TableMetadata t = metadata(Routes.caller(ctx), ctx.pathParam("connection"), ctx.pathParam("table"));
        ObjectNode n = JsonBodies.MAPPER.createObjectNode();
        n.put("logicalName", t.logicalName());
        n.put("entitySetName", t.entitySetName());
        n.put("primaryIdAttribute", t.primaryIdAttribute());
        n.put("primaryNameAttribute", t.primaryNameAttribute());
        ArrayNode cols = n.putArray("columns");
        for (ColumnMetadata col : t.columns()) {
            ObjectNode cn = cols.addObject();
            cn.put("logicalName", col.logicalName());
            cn.put("type", col.type().name());
            cn.put("required", col.required());
            cn.put("validForCreate", col.validForCreate());
            cn.put("validForUpdate", col.validForUpdate());
        }
        JsonBodies.write(ctx, 200, n);
    }

    private void query(Context ctx) {
        Caller caller = Routes.caller(ctx);
        String ref = ctx.pathParam("connection");
        connection(ctx, GrantLevel.READ);
        String table = ctx.pathParam("table");
        String token = ctx.queryParam("continuation");
        PageToken first = token != null && !token.isBlank() ? PageToken.decode(token, table) : firstPage(ctx, table);
        byte[] page;
        try {
            page = pages.answer(caller, ref, first);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the page as JSON", e);
        }
        ctx.status(200).contentType("application/json").result(page);
    }

    static PageToken firstPage(Context ctx, String table) {
        String select = ctx.queryParam("select");
        String filter = ctx.queryParam("filter");
        int size = DEFAULT_PAGE;
        String n = ctx.queryParam("pageSize");
        n = n == null || n.isBlank() ? null : n;
        if (n != null) {
            try {
                size = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_PAGE) {
                throw ApiProblem.badRequest("pageSize must be 1.." + MAX_PAGE + " (Dataverse's largest page), got " + n);
            }
        }
        List<String> columns = select == null || select.isBlank() ? List.of()
                : Arrays.stream(select.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
        return new PageToken(table, columns, filter == null || filter.isBlank() ? null : filter, size, null);
    }

    private void get(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Connection c = connection(ctx, GrantLevel.READ);
        String table = ctx.pathParam("table");
        String select = ctx.queryParam("select");
        String[] columns = select == null || select.isBlank() ? new String[0] : select.split(",");
        String keyText = ctx.pathParam("key");
        Row r = DataverseClients.isBusinessCentral(c)
                ? BusinessCentralData.get(s.clients().businessCentral(c), table, keyText, List.of(columns))
                        .orElseThrow(() -> ApiProblem.notFound("no row " + keyText + " in table '" + table + "'"))
                : getDataverse(c, table, RowKeys.parse(keyText), columns);
        s.metrics().rowsRead(1);
        audit(caller, c, AuditAction.DATA_READ, "read 1 row of table '" + table + "'");
        JsonBodies.write(ctx, 200, row(r));
    }

    private Row getDataverse(Connection c, String table, RecordKey key, String[] columns) {
        return s.clients().client(c).get(table, key, columns)
                .orElseThrow(() -> ApiProblem.notFound("no row " + key + " in table '" + table + "'"));
    }

    private void create(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Connection c = connection(ctx, GrantLevel.WRITE);
        String table = ctx.pathParam("table");
        UUID id = DataverseClients.isBusinessCentral(c) ? UUID.fromString(BusinessCentralData.write(
                s.clients().businessCentral(c), table, WriteMode.CREATE, null, values(ctx)).id())
                : s.clients().client(c).create(table, values(ctx));
        s.metrics().rowsWritten(1);
        audit(caller, c, AuditAction.DATA_CREATED, "created 1 row in table '" + table + "'");
        ctx.header("Location", ctx.path() + "/" + id);
        JsonBodies.write(ctx, 201, Map.of("id", id.toString()));
    }

    private void update(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Connection c = connection(ctx, GrantLevel.WRITE);
        String table = ctx.pathParam("table");
        String etag = ctx.header("If-Match");
        if (DataverseClients.isBusinessCentral(c)) {
            if (etag != null) {
                BusinessCentralData.updateIfMatch(s.clients().businessCentral(c), table, ctx.pathParam("key"),
                        values(ctx), etag);
            } else {
                BusinessCentralData.write(s.clients().businessCentral(c), table, WriteMode.UPDATE, ctx.pathParam("key"),
                        values(ctx));
            }
            s.metrics().rowsWritten(1);
            audit(caller, c, AuditAction.DATA_UPDATED, "updated 1 row of table '" + table + "'");
            ctx.status(204);
            return;
        }
        RecordKey key = RowKeys.parse(ctx.pathParam("key"));
        if (etag != null) {
            s.clients().client(c).update(table, key, values(ctx), etag);
        } else {
            s.clients().client(c).update(table, key, values(ctx));
        }
        s.metrics().rowsWritten(1);
        audit(caller, c, AuditAction.DATA_UPDATED, "updated 1 row of table '" + table + "'");
        ctx.status(204);
    }

    private void upsert(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Connection c = connection(ctx, GrantLevel.WRITE);
        String table = ctx.pathParam("table");
        if (DataverseClients.isBusinessCentral(c)) {
            WriteOutcome o = BusinessCentralData.write(s.clients().businessCentral(c), table, WriteMode.UPSERT,
                    ctx.pathParam("key"), values(ctx));
            boolean created = o.status() == WriteOutcome.Status.CREATED;
            s.metrics().rowsWritten(1);
            audit(caller, c, AuditAction.DATA_UPSERTED, "upserted 1 row of table '" + table + "' ("
                    + (created ? "created" : "updated") + ")");
            JsonBodies.write(ctx, created ? 201 : 200, Map.of("id", String.valueOf(o.id()), "created", created));
            return;
        }
        UpsertResult r = s.clients().client(c).upsert(table, RowKeys.parse(ctx.pathParam("key")), values(ctx));
        s.metrics().rowsWritten(1);
        audit(caller, c, AuditAction.DATA_UPSERTED, "upserted 1 row of table '" + table + "' ("
                + (r.created() ? "created" : "updated") + ")");
        JsonBodies.write(ctx, r.created() ? 201 : 200, Map.of("id", String.valueOf(r.id()), "created", r.created()));
    }

    private void delete(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Connection c = connection(ctx, GrantLevel.WRITE);
        String table = ctx.pathParam("table");
        if (DataverseClients.isBusinessCentral(c)) {
            BusinessCentralData.write(s.clients().businessCentral(c), table, WriteMode.DELETE, ctx.pathParam("key"),
                    Map.of());
        } else {
            s.clients().client(c).delete(table, RowKeys.parse(ctx.pathParam("key")));
        }
        s.metrics().rowsWritten(1);
        audit(caller, c, AuditAction.DATA_DELETED, "deleted 1 row of table '" + table + "'");
        ctx.status(204);
    }

    private static Map<String, Object> values(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        return JsonBodies.MAPPER.convertValue(body, MAP);
    }

    static ObjectNode row(Row r) {
        ObjectNode n = JsonBodies.MAPPER.valueToTree(r.values());
        r.annotations().forEach(n::put);
        return n;
    }

    private void audit(Caller caller, Connection c, AuditAction action, String detail) {
        s.store().audit().append(caller.name(), action, c.id(), c.name(), detail);
    }
}
