package dev.sluice.businesscentral;

import dev.sluice.businesscentral.internal.FilterText;
import dev.sluice.businesscentral.internal.ProviderWrites;
import dev.sluice.businesscentral.internal.Values;
import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.RecordProvider;
import dev.sluice.core.SearchRequest;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.core.Where;
import dev.sluice.core.WriteMode;
import dev.sluice.core.WriteOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Business Central's standard API v2.0 entities as a {@link RecordProvider}: tables are entity sets
 * ({@code customers}, {@code salesOrders}…, see {@link StandardEntities}), rows maps of Java values. A connection bound
 * to one company reads and writes that company; one set to every company adds a {@code companyId} column that rows
 * carry and writes must give. Keyed writes (update, upsert, delete) take the key {@code id} or the entity's number;
 * they read the rows by key first, leave unchanged rows alone, send the rest as {@code $batch} requests (100
 * operations each) with each row's {@code @odata.etag} in {@code If-Match}, and report an outcome per record.
 * Read-only columns in a record are ignored. Thread-safe.
 */
public final class BusinessCentralRecordProvider implements RecordProvider {
    /** The column that says which company a row belongs to, when the provider spans every company. */
    public static final String COMPANY_COLUMN = "companyId";

    private final BusinessCentralClient client;
    private final String company;
    private volatile List<Company> companies;

    /**
     * @param company the company's name or id, or null for every company of the environment
     */
    public BusinessCentralRecordProvider(BusinessCentralClient client, String company) {
        this.client = client;
        this.company = company;
    }

    /** The client this provider reads and writes through. */
    public BusinessCentralClient client() {
        return client;
    }

    /** Whether rows carry {@link #COMPANY_COLUMN} (the provider spans every company). */
    public boolean allCompanies() {
        return company == null;
    }

    /** The companies this provider works with (one, or every company of the environment); looked up once. */
    public List<Company> companies() {
        List<Company> c = companies;
        if (c == null) {
            c = company == null ? client.companies() : List.of(client.company(company));
            companies = c;
        }
        return c;
    }

    @Override
    public List<String> tables() {
        return StandardEntities.all().stream().map(StandardEntities.Definition::name).toList();
    }

    @Override
    public TableSchema describe(String table) {
        StandardEntities.Definition def = definition(table);
        TableSchema s = def.schema();
        if (!allCompanies() || def.name().equals("companies")) {
            return s;
        }
        List<ColumnSchema> columns = new ArrayList<>();
        columns.add(new ColumnSchema(COMPANY_COLUMN, ColumnKind.GUID, def.writable(), def.writable(), null, null));
        columns.addAll(s.columns());
        List<List<String>> keys = s.uniqueKeys().stream().map(k -> {
            List<String> withCompany = new ArrayList<>(k);
            withCompany.add(0, COMPANY_COLUMN);
            return withCompany;
        }).toList();
        return new TableSchema(s.name(), columns, s.primaryKey(), keys);
    }

    /** The definition of a table; NOT_FOUND with the nearest name. */
    public StandardEntities.Definition definition(String table) {
        return StandardEntities.get(table).orElseThrow(() -> new SluiceException(ErrorKind.NOT_FOUND, "no table '"
                + table + "' in Business Central's standard API" + FilterText.didYouMean(table, tables())
                + "; the tables are " + String.join(", ", tables())));
    }

    @Override
    public Stream<Map<String, Object>> search(SearchRequest request) {
        return search(request, null);
    }

    /**
     * {@link #search(SearchRequest)} with an OData {@code $filter} as a person typed it (the CLI's {@code --filter}),
     * joined with the request's condition by {@code and}. Business Central checks its syntax.
     */
    public Stream<Map<String, Object>> search(SearchRequest request, String odataFilter) {
        StandardEntities.Definition def = definition(request.table());
        if (request.limit() != null && request.limit() == 0) {
            return Stream.empty();
        }
        if (def.name().equals("companies")) {
            return companyRows(request);
        }
        for (String c : request.select()) {
            if (!c.equals(COMPANY_COLUMN)) {
                FilterText.column(def, c);
            }
        }
        CompanyFilter split = CompanyFilter.split(request.where());
        EntityQuery q = EntityQuery.of(def.name())
                .select(request.select().stream().filter(c -> !c.equals(COMPANY_COLUMN)).toList());
        String filter = split.rest() == null ? null : FilterText.of(split.rest(), def);
        if (odataFilter != null && !odataFilter.isBlank()) {
            filter = filter == null ? odataFilter : "(" + filter + ") and (" + odataFilter + ")";
        }
        if (filter != null) {
            q = q.filter(filter);
        }
        if (!request.orderBy().isEmpty()) {
            q = q.orderBy(request.orderBy().stream().map(o -> o.startsWith("-")
                    ? FilterText.column(def, o.substring(1)).name() + " desc"
                    : FilterText.column(def, o).name() + " asc").toArray(String[]::new));
        }
        if (request.limit() != null) {
            q = q.top(request.limit());
        }
        EntityQuery query = q;
        Stream<Map<String, Object>> rows = companies().stream()
                .filter(c -> split.companyId() == null || c.id().equals(split.companyId()))
                .flatMap(c -> client.stream(c.id(), query).map(e -> record(def, e, c.id())));
        return request.limit() == null ? rows : rows.limit(request.limit());
    }

    private Stream<Map<String, Object>> companyRows(SearchRequest request) {
        StandardEntities.Definition def = definition("companies");
        Stream<Map<String, Object>> rows = companies().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("name", c.name());
            m.put("displayName", c.displayName());
            return m;
        });
        if (request.where() != null) {
            FilterText.of(request.where(), def); // the same checks as a query: known columns, convertible values
            rows = rows.filter(m -> matches(request.where(), m));
        }
        return request.limit() == null ? rows : rows.limit(request.limit());
    }

    /** The few companies are filtered here, by text value. */
    private static boolean matches(Where w, Map<String, Object> row) {
        if (w instanceof Where.And and) {
            return and.parts().stream().allMatch(p -> matches(p, row));
        }
        if (w instanceof Where.Or or) {
            return or.parts().stream().anyMatch(p -> matches(p, row));
        }
        if (w instanceof Where.Not not) {
            return !matches(not.part(), row);
        }
        if (w instanceof Where.IsNull n) {
            return (row.get(n.column()) == null) != n.negated();
        }
        if (w instanceof Where.In in) {
            return in.values().stream().anyMatch(v -> String.valueOf(v).equalsIgnoreCase(String.valueOf(row.get(in.column()))));
        }
        Where.Compare c = (Where.Compare) w;
        String a = String.valueOf(row.get(c.column())).toLowerCase(java.util.Locale.ROOT);
        String b = String.valueOf(c.value()).toLowerCase(java.util.Locale.ROOT);
        return switch (c.op()) {
            case EQ -> a.equals(b);
            case NE -> !a.equals(b);
            case GT -> a.compareTo(b) > 0;
            case GE -> a.compareTo(b) >= 0;
            case LT -> a.compareTo(b) < 0;
            case LE -> a.compareTo(b) <= 0;
            case CONTAINS -> a.contains(b);
            case STARTS_WITH -> a.startsWith(b);
            case ENDS_WITH -> a.endsWith(b);
        };
    }

    private Map<String, Object> record(StandardEntities.Definition def, Entity e, UUID companyId) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (allCompanies()) {
            m.put(COMPANY_COLUMN, companyId);
        }
        for (Map.Entry<String, Object> v : e.values().entrySet()) {
            def.column(v.getKey()).ifPresent(c -> m.put(c.name(), Values.read(c, v.getValue())));
        }
        return m;
    }

    @Override
    public List<WriteOutcome> write(String table, WriteMode mode, List<String> key, List<Map<String, Object>> records) {
        StandardEntities.Definition def = definition(table);
        if (!def.writable()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "table '" + table + "' is read-only in Business "
                    + "Central's API; it can be read, not written");
        }
        return new ProviderWrites(client, def, this).write(mode, key == null ? List.of() : key, records);
    }

    /** A top-level {@code companyId eq X} taken out of a condition, and the rest. */
    record CompanyFilter(UUID companyId, Where rest) {
        static CompanyFilter split(Where where) {
            if (where instanceof Where.Compare c && c.column().equals(COMPANY_COLUMN)) {
                return new CompanyFilter(companyEq(c), null);
            }
            if (where instanceof Where.And and) {
                UUID id = null;
                List<Where> rest = new ArrayList<>();
                for (Where p : and.parts()) {
                    if (p instanceof Where.Compare c && c.column().equals(COMPANY_COLUMN)) {
                        id = companyEq(c);
                    } else {
                        rest.add(p);
                    }
                }
                return new CompanyFilter(id, rest.isEmpty() ? null : new Where.And(rest));
            }
            return new CompanyFilter(null, where);
        }

        private static UUID companyEq(Where.Compare c) {
            if (c.op() != Where.Op.EQ || c.value() == null) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "column '" + COMPANY_COLUMN + "' can only be "
                        + "compared with eq, at the top of a condition");
            }
            return c.value() instanceof UUID u ? u : UUID.fromString(c.value().toString());
        }
    }
}
