package dev.sluice.server.internal;

import dev.sluice.businesscentral.BusinessCentralRecordProvider;
import dev.sluice.businesscentral.Entity;
import dev.sluice.businesscentral.EntityQuery;
import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SearchRequest;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.core.Where;
import dev.sluice.core.WriteMode;
import dev.sluice.core.WriteOutcome;
import dev.sluice.dataverse.AlternateKey;
import dev.sluice.dataverse.AttributeType;
import dev.sluice.dataverse.ColumnMetadata;
import dev.sluice.dataverse.RequiredLevel;
import dev.sluice.dataverse.Row;
import dev.sluice.dataverse.TableInfo;
import dev.sluice.dataverse.TableMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The data API's and pages' answers for {@code business-central} connections, through the Business Central record
 * provider, in the shapes the Dataverse path gives ({@link TableInfo}, {@link TableMetadata}, {@link Row}), so the
 * endpoints and pages stay one. A row key is a GUID ({@code id}) or {@code number=VALUE}. Stateless.
 */
final class BusinessCentralData {
    private BusinessCentralData() {}

    static List<TableInfo> tables(BusinessCentralRecordProvider p) {
        return p.tables().stream().map(t -> new TableInfo(t, t, "id", primaryName(p.describe(t)))).toList();
    }

    static TableMetadata metadata(BusinessCentralRecordProvider p, String table) {
        TableSchema s = p.describe(table);
        List<ColumnMetadata> columns = new ArrayList<>();
        for (ColumnSchema c : s.columns()) {
            columns.add(new ColumnMetadata(c.name(), type(c.kind()), c.required() ? RequiredLevel.APPLICATION_REQUIRED
                    : RequiredLevel.NONE, null, List.of(), Map.of(), c.writable(), c.writable(), null, Map.of()));
        }
        List<AlternateKey> keys = s.uniqueKeys().stream().map(k -> new AlternateKey(String.join("_", k) + "_key", k))
                .toList();
        return new TableMetadata(s.name(), s.name(), "id", primaryName(s), false, columns, keys);
    }

    /**
     * The {@code page.pageSize()} rows just before id {@code page.after()}, ascending, and whether more come before
     * them (keyset paging backwards: newest first, one more than a page).
     */
    static DataBrowse.Before pageBefore(BusinessCentralRecordProvider p, PageToken page) {
        String keyset = "id lt " + page.after();
        String filter = page.filter() == null ? keyset : "(" + page.filter() + ") and " + keyset;
        List<String> select = new ArrayList<>(page.select());
        if (!select.isEmpty() && !select.contains("id")) {
            select.add("id");
        }
        List<Row> rows = new ArrayList<>(p.search(new SearchRequest(page.table(), select, null, List.of("-id"),
                page.pageSize() + 1), filter).map(BusinessCentralData::row).toList());
        boolean more = rows.size() > page.pageSize();
        if (more) {
            rows = new ArrayList<>(rows.subList(0, page.pageSize()));
        }
        java.util.Collections.reverse(rows);
        return new DataBrowse.Before(List.copyOf(rows), more);
    }

    /** One page, keyset-paged on {@code id}: one more row than the page says whether another follows. */
    static DataApi.RowPage page(BusinessCentralRecordProvider p, PageToken page) {
        String filter = page.filter();
        if (page.after() != null) {
            String keyset = "id gt " + page.after();
            filter = filter == null ? keyset : "(" + filter + ") and " + keyset;
        }
        List<String> select = new ArrayList<>(page.select());
        if (!select.isEmpty() && !select.contains("id")) {
            select.add("id");
        }
        List<Row> rows = p.search(new SearchRequest(page.table(), select, null, List.of("id"), page.pageSize() + 1),
                filter).map(BusinessCentralData::row).toList();
        boolean more = rows.size() > page.pageSize();
        if (more) {
            rows = rows.subList(0, page.pageSize());
        }
        String next = more ? new PageToken(page.table(), page.select(), page.filter(), page.pageSize(),
                UUID.fromString(rows.get(rows.size() - 1).getString("id"))).encode() : null;
        return new DataApi.RowPage(List.copyOf(rows), next);
    }

    static Optional<Row> get(BusinessCentralRecordProvider p, String table, String key, List<String> select) {
        Map.Entry<String, Object> k = key(p.describe(table), key);
        return p.search(new SearchRequest(table, select, Where.eq(k.getKey(), k.getValue()), List.of(), 1))
                .findFirst().map(BusinessCentralData::row);
    }

    /** Writes one row by key (null key: create) and returns its outcome; a failure as the error it is. */
    static WriteOutcome write(BusinessCentralRecordProvider p, String table, WriteMode mode, String key,
            Map<String, Object> values) {
        Map<String, Object> record = new LinkedHashMap<>(values);
        List<String> keyColumns = List.of();
        if (key != null) {
            Map.Entry<String, Object> k = key(p.describe(table), key);
            record.put(k.getKey(), k.getValue());
            keyColumns = List.of(k.getKey());
        }
        WriteOutcome o = p.write(table, mode, keyColumns, List.of(record)).get(0);
        if (o.failed()) {
            throw new SluiceException(o.errorKind(), o.message().replaceFirst("^record 0: ", ""));
        }
        return o;
    }

    /** An update that must find the row unchanged since the caller read it: its {@code @odata.etag} in If-Match. */
    static void updateIfMatch(BusinessCentralRecordProvider p, String table, String key, Map<String, Object> values,
            String etag) {
        Map.Entry<String, Object> k = key(p.describe(table), key);
        UUID company = p.companies().get(0).id();
        Entity e = p.client().stream(company, EntityQuery.of(table).filter(k.getKey() + " eq "
                + EntityQuery.literal(k.getValue()))).findFirst().orElseThrow(() -> new SluiceException(
                ErrorKind.NOT_FOUND, "no row " + key + " in table '" + table + "'"));
        p.client().update(company, table, e.id(), values, etag);
    }

    private static Map.Entry<String, Object> key(TableSchema s, String key) {
        int eq = key.indexOf('=');
        if (eq < 0) {
            try {
                return Map.entry("id", UUID.fromString(key));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("row key '" + key + "' is neither a GUID nor number=VALUE");
            }
        }
        String column = key.substring(0, eq).strip();
        if (!s.isUniqueKey(List.of(column))) {
            throw ApiProblem.badRequest("table '" + s.name() + "' is keyed by id or its number, not by '" + column + "'");
        }
        return Map.entry(column, key.substring(eq + 1));
    }

    private static Row row(Map<String, Object> m) {
        Map<String, Object> values = new LinkedHashMap<>();
        m.forEach((k, v) -> values.put(k, v instanceof UUID || v instanceof java.time.Instant ? v.toString() : v));
        return new Row(values, Map.of());
    }

    private static String primaryName(TableSchema s) {
        return s.column("displayName").isPresent() ? "displayName" : s.column("name").isPresent() ? "name" : null;
    }

    private static AttributeType type(ColumnKind kind) {
        return switch (kind) {
            case GUID -> AttributeType.UNIQUEIDENTIFIER;
            case DECIMAL -> AttributeType.DECIMAL;
            case INTEGER -> AttributeType.INTEGER;
            case BOOLEAN -> AttributeType.BOOLEAN;
            case DATETIME -> AttributeType.DATETIME;
            case STRING -> AttributeType.STRING;
            default -> AttributeType.OTHER;
        };
    }
}
