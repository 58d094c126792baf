package dev.sluice.emulator.internal.query;

import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.core.DataverseHeaders;
import dev.sluice.emulator.internal.EmulatorContext;
import dev.sluice.emulator.internal.data.KeyResolver;
import dev.sluice.emulator.internal.data.LookupValue;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.fetch.FetchHandler;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Preferences;
import dev.sluice.emulator.internal.http.ResourcePath;
import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.OrgSchema;
import dev.sluice.emulator.internal.schema.RelationshipDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Answers every GET on an entity set path (fact sheet §B.2, §B.3, §C): collections with query
 * options and paging, {@code /$count}, single rows by id or alternate key (with {@code ETag} and
 * conditional GET), properties and their {@code $value}, single- and collection-valued navigation,
 * their {@code $ref} and {@code $count} forms, and change tracking. Each request reads the store
 * under its shared lock. Thread-safe.
 */
public final class ReadHandler {
    private final EmulatorContext ctx;

    public ReadHandler(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    /** GET on a path whose first segment is {@code table}'s entity set. */
    public ApiResponse get(ApiRequest request, ResourcePath path, TableDef table) {
        Preferences prefs = Preferences.of(request.headers());
        return ctx.store().read(() -> route(new Read(scope(request), request, prefs), path, table));
    }

    /** The JSON body of one row for {@code Prefer: return=representation}, honouring {@code $select}. */
    public byte[] representation(ApiRequest request, TableDef table, Row row) {
        Preferences prefs = Preferences.of(request.headers());
        // Dataverse honours $expand with a create's representation but ignores it on update (fact sheet §B.4)
        String query = Bodies.queryKeeping(request.rawQuery(),
                request.method().equals("POST") ? List.of("$select", "$expand") : List.of("$select"));
        return ctx.store().read(() -> {
            Read read = new Read(scope(request), request, prefs);
            Query q = QueryParser.parse(read.scope, table, query, request.baseUrl());
            return entityBody(read, q, row);
        });
    }

    private QueryScope scope(ApiRequest request) {
        UUID caller = request.caller() == null ? null : request.caller().userId();
        return new QueryScope(ctx.store(), ctx.clock(), caller);
    }

    /** One request's reading state. */
    private record Read(QueryScope scope, ApiRequest request, Preferences prefs) {
        Query query(TableDef table) {
            return QueryParser.parse(scope, table, request.rawQuery(), request.baseUrl());
        }
    }

    private ApiResponse route(Read read, ResourcePath path, TableDef table) {
        ResourcePath.Segment first = path.get(0);
        if (!first.hasKey()) {
            if (path.size() == 1) {
                return collection(read, table);
            }
            if (path.size() == 2 && path.get(1).name().equals("$count") && !path.get(1).hasKey()) {
                Query q = read.query(table);
                if (q.deltaToken() != null) {
                    ChangeTracking.parse(q.deltaToken(), ctx.clock().instant(), ctx.store().currentVersion());
                }
                return Bodies.count(Math.min(CollectionReader.countCapped(q, ctx.store().rows(table)),
                        CollectionReader.MAX_PAGE));
            }
            throw segmentNotFound(path.get(1).name());
        }
        Row row = find(table, first.key());
        if (path.size() == 1) {
            return entity(read, read.query(table), row);
        }
        ResourcePath.Segment second = path.get(1);
        OrgSchema schema = ctx.store().schema();
        ColumnDef column = second.hasKey() ? null : table.columnByWireName(second.name());
        RelationshipDef single = schema.singleNavigation(table.logicalName(), second.name());
        RelationshipDef many = schema.collectionNavigation(table.logicalName(), second.name());
        String third = path.size() == 3 && !path.get(2).hasKey() ? path.get(2).name() : null;
        if (path.size() > 3 || (path.size() == 3 && third == null)) {
            throw segmentNotFound(path.get(path.size() - 1).name());
        }
        if (column != null) {
            if (third == null) {
                return PropertyReads.property(read.request(), table, row, column);
            }
            if (third.equals("$value")) {
                return PropertyReads.rawValue(column, row.get(table.indexOf(column.name())));
            }
        } else if (single != null && !second.hasKey()) {
            TableDef target = schema.table(single.referencedTable());
            Row related = read.scope().target(row.get(table.indexOf(single.lookupColumn())), target.logicalName());
            if (third == null) {
                return related == null ? noContent() : entity(read, read.query(target), related);
            }
            if (third.equals("$ref")) {
                return related == null ? noContent()
                        : PropertyReads.reference(read.request(), target, related);
            }
        } else if (many != null) {
            TableDef target = schema.table(many.referencingTable());
            if (second.hasKey()) {
                Row child = find(target, second.key());
                Object lookup = child.get(target.indexOf(many.lookupColumn()));
                if (!(lookup instanceof LookupValue l) || !l.id().equals(row.id()) || third != null) {
                    throw KeyResolver.notFound(target, second.key());
                }
                return entity(read, read.query(target), child);
            }
            NavigableMap<UUID, Row> children = new TreeMap<>();
            read.scope().children(many, row.id()).forEach(r -> children.put(r.id(), r));
            if (third == null) {
                Query q = read.query(target);
                return new CollectionReader(read.scope(), read.request(), read.prefs()).page(q, children, -1);
            }
            if (third.equals("$count")) {
                return Bodies.count(Math.min(CollectionReader.countCapped(read.query(target), children),
                        CollectionReader.MAX_PAGE));
            }
            if (third.equals("$ref")) {
                return PropertyReads.references(read.request(), target, children.values());
            }
        }
        throw segmentNotFound(third != null ? third : second.name());
    }

    private ApiResponse collection(Read read, TableDef table) {
        Map<String, List<String>> params;
        try {
            params = read.request().queryParameters();
        } catch (IllegalArgumentException e) {
            throw QueryErrors.bad("The query string has a malformed percent-encoding.");
        }
        if (FetchHandler.isFetch(params)) {
            return new FetchHandler(ctx.store(), ctx.clock()).get(read.request(), params, table);
        }
        if (params.containsKey("$apply")) {
            return new ApplyHandler(read.scope(), read.request(), read.prefs()).get(params, table);
        }
        Query q = read.query(table);
        if (q.deltaToken() != null) {
            return ChangeTracking.delta(read.scope(), read.request(), read.prefs(), q);
        }
        long tracking = -1;
        if (read.prefs().trackChanges()) {
            ChangeTracking.checkOptions(q);
            tracking = ctx.store().currentVersion();
        }
        return new CollectionReader(read.scope(), read.request(), read.prefs())
                .page(q, q.seek() == null ? ctx.store().rows(table) : q.seek().rows(ctx.store(), table), tracking);
    }

    private Row find(TableDef table, String keyText) {
        KeyResolver.ResolvedKey key = KeyResolver.resolve(ctx.store(), table, keyText);
        Row row = key.id() == null ? null : ctx.store().get(table, key.id());
        if (row != null) {
            return row;
        }
        if (key.byAlternateKey()) {
            throw ApiException.notFound(DataverseErrorCodes.OBJECT_DOES_NOT_EXIST,
                    "A record with the specified key values does not exist in " + table.logicalName() + " entity");
        }
        throw KeyResolver.notFound(table, key.id().toString());
    }

    /** A single row: {@code ETag}, conditional GET (never 304 with $expand or annotations; §B.2). */
    private ApiResponse entity(Read read, Query q, Row row) {
        EntityWriter writer = new EntityWriter(read.scope(), read.request().baseUrl(), read.prefs());
        String ifNoneMatch = read.request().headers().first(DataverseHeaders.IF_NONE_MATCH);
        if (row.etag().equals(ifNoneMatch) && q.projection().expansions.isEmpty() && !writer.annotates()) {
            ApiResponse r = new ApiResponse(304);
            r.header("OData-Version", "4.0");
            r.header(DataverseHeaders.ETAG, row.etag());
            return r;
        }
        ApiResponse r = ApiResponse.json(200, entityBody(read, q, row));
        r.header(DataverseHeaders.ETAG, row.etag());
        return Bodies.applied(r, writer.annotates() ? List.of(read.prefs().appliedAnnotations()) : List.of());
    }

    private static byte[] entityBody(Read read, Query q, Row row) {
        EntityWriter writer = new EntityWriter(read.scope(), read.request().baseUrl(), read.prefs());
        String list = q.projection().contextList();
        String context = read.request().baseUrl() + "$metadata#" + q.table().entitySetName()
                + (list == null ? "" : "(" + list + ")") + "/$entity";
        return Bodies.json(1024, g -> {
            g.writeStartObject();
            g.writeStringField("@odata.context", context);
            writer.writeFields(g, row, q.projection());
            g.writeEndObject();
        });
    }

    private static ApiResponse noContent() {
        ApiResponse r = new ApiResponse(204);
        r.header("OData-Version", "4.0");
        return r;
    }

    private static ApiException segmentNotFound(String segment) {
        return ApiException.notFound("0x0", "Resource not found for the segment '" + segment + "'.");
    }
}
