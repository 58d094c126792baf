package dev.sluice.businesscentral.internal;

import dev.sluice.businesscentral.BatchOperation;
import dev.sluice.businesscentral.BatchResponse;
import dev.sluice.businesscentral.BusinessCentralClient;
import dev.sluice.businesscentral.BusinessCentralRecordProvider;
import dev.sluice.businesscentral.Company;
import dev.sluice.businesscentral.Entity;
import dev.sluice.businesscentral.EntityQuery;
import dev.sluice.businesscentral.StandardEntities;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.core.WriteMode;
import dev.sluice.core.WriteOutcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One keyed write of the record provider: checks and converts each record (a bad one fails alone), reads the rows
 * its keys name (20 keys per request), leaves unchanged rows alone, and sends creates, updates (with the etag just
 * read) and deletes as {@code $batch} requests; an outcome per record, in input order. Not thread-safe; one per call.
 */
public final class ProviderWrites {
    /** Keys per lookup request: keeps the URL short (a few hundred characters of filter). */
    private static final int LOOKUP_CHUNK = 20;

    private final BusinessCentralClient client;
    private final StandardEntities.Definition def;
    private final BusinessCentralRecordProvider provider;

    public ProviderWrites(BusinessCentralClient client, StandardEntities.Definition def,
            BusinessCentralRecordProvider provider) {
        this.client = client;
        this.def = def;
        this.provider = provider;
    }

    private record Prepared(int index, UUID company, Object key, Map<String, Object> values) {}

    public List<WriteOutcome> write(WriteMode mode, List<String> keyColumns, List<Map<String, Object>> records) {
        String key = keyColumn(mode, keyColumns);
        WriteOutcome[] out = new WriteOutcome[records.size()];
        Map<UUID, List<Prepared>> byCompany = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            try {
                Prepared p = prepare(i, mode, key, records.get(i));
                byCompany.computeIfAbsent(p.company(), k -> new ArrayList<>()).add(p);
            } catch (SluiceException | IllegalArgumentException e) {
                ErrorKind kind = e instanceof SluiceException s ? s.kind() : ErrorKind.INVALID_INPUT;
                out[i] = WriteOutcome.failed(i, kind, "record " + i + ": " + e.getMessage());
            }
        }
        for (Map.Entry<UUID, List<Prepared>> e : byCompany.entrySet()) {
            writeCompany(mode, key, e.getKey(), e.getValue(), out);
        }
        return Arrays.asList(out);
    }

    private String keyColumn(WriteMode mode, List<String> keyColumns) {
        List<String> k = keyColumns.stream().filter(c -> !c.equals(BusinessCentralRecordProvider.COMPANY_COLUMN))
                .toList();
        if (mode == WriteMode.CREATE) {
            return null;
        }
        if (k.isEmpty() || k.equals(List.of("id"))) {
            return "id";
        }
        if (def.numberKey() != null && k.equals(List.of(def.numberKey()))) {
            return def.numberKey();
        }
        throw new SluiceException(ErrorKind.INVALID_INPUT, "table '" + def.name() + "' is keyed by id"
                + (def.numberKey() == null ? "" : " or " + def.numberKey()) + ", not by " + keyColumns);
    }

    private Prepared prepare(int index, WriteMode mode, String key, Map<String, Object> record) {
        UUID company = company(record);
        Map<String, Object> values = new LinkedHashMap<>();
        Object keyValue = null;
        for (Map.Entry<String, Object> e : record.entrySet()) {
            if (e.getKey().equals(BusinessCentralRecordProvider.COMPANY_COLUMN)) {
                continue;
            }
            ColumnSchema c = FilterText.column(def, e.getKey());
            Object v = Values.write(def.name(), c, e.getValue());
            if (c.name().equals(key) && e.getValue() != null && !e.getValue().toString().isBlank()) {
                keyValue = v;
            }
            if (c.writable() && mode != WriteMode.DELETE) {
                values.put(c.name(), v);
            }
        }
        if (key != null && keyValue == null) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "no value for the key column '" + key + "'");
        }
        return new Prepared(index, company, keyValue, values);
    }

    private UUID company(Map<String, Object> record) {
        List<Company> companies = provider.companies();
        Object given = record.get(BusinessCentralRecordProvider.COMPANY_COLUMN);
        if (!provider.allCompanies()) {
            UUID only = companies.get(0).id();
            if (given != null && !given.toString().equalsIgnoreCase(only.toString())) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "companyId " + given + " is not this "
                        + "connection's company (" + companies.get(0).name() + ")");
            }
            return only;
        }
        if (given == null || given.toString().isBlank()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "the connection spans every company, so each record "
                    + "needs a companyId");
        }
        UUID id = UUID.fromString(given.toString().trim());
        if (companies.stream().noneMatch(c -> c.id().equals(id))) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "no company with id " + id + " in this environment");
        }
        return id;
    }

    private void writeCompany(WriteMode mode, String key, UUID company, List<Prepared> prepared, WriteOutcome[] out) {
        Map<String, Entity> existing = mode == WriteMode.CREATE ? Map.of() : lookup(company, key, prepared);
        List<BatchOperation> ops = new ArrayList<>();
        List<Prepared> sent = new ArrayList<>();
        for (Prepared p : prepared) {
            Entity e = mode == WriteMode.CREATE ? null : existing.get(text(p.key()));
            if (mode == WriteMode.CREATE || (mode == WriteMode.UPSERT && e == null)) {
                if (mode == WriteMode.UPSERT && key.equals("id")) {
                    out[p.index()] = WriteOutcome.failed(p.index(), ErrorKind.NOT_FOUND, "record " + p.index()
                            + ": no " + def.name() + " row with id " + p.key() + "; Business Central assigns ids, so "
                            + "an upsert that may create must be keyed by " + def.numberKey());
                    continue;
                }
                Map<String, Object> values = new LinkedHashMap<>(p.values());
                if (key != null && !key.equals("id")) {
                    values.put(key, p.key());
                }
                ops.add(BatchOperation.create(company, def.name(), values));
            } else if (e == null) {
                out[p.index()] = WriteOutcome.failed(p.index(), ErrorKind.NOT_FOUND, "record " + p.index() + ": no "
                        + def.name() + " row with " + key + " '" + p.key() + "'");
                continue;
            } else if (mode == WriteMode.DELETE) {
                ops.add(BatchOperation.delete(company, def.name(), e.id(), e.etag()));
            } else {
                Map<String, Object> changed = new LinkedHashMap<>();
                p.values().forEach((k, v) -> {
                    if (!k.equals("id") && !Values.same(def.column(k).orElseThrow(), v, e.get(k))) {
                        changed.put(k, v);
                    }
                });
                if (changed.isEmpty()) {
                    out[p.index()] = WriteOutcome.ok(p.index(), WriteOutcome.Status.UNCHANGED, e.id().toString());
                    continue;
                }
                ops.add(BatchOperation.update(company, def.name(), e.id(), changed, e.etag() == null ? "*" : e.etag()));
            }
            sent.add(p);
        }
        List<BatchResponse> answers = client.batch(ops, false);
        for (int i = 0; i < answers.size(); i++) {
            int index = sent.get(i).index();
            BatchResponse a = answers.get(i);
            if (a.failed() || a.status() == 0) {
                out[index] = WriteOutcome.failed(index, a.status() == 0 ? ErrorKind.TRANSIENT : a.errorKind(),
                        "record " + index + ": " + ops.get(i).method() + " " + def.name() + " failed with HTTP "
                        + a.status() + (a.errorCode() == null ? "" : " (" + a.errorCode() + ")") + ": "
                        + (a.errorMessage() == null ? "no error details" : BcTransport.excerpt(a.errorMessage())));
            } else {
                String id = a.entity() != null && a.entity().get("id") != null ? a.entity().getString("id")
                        : ops.get(i).id() == null ? null : ops.get(i).id().toString();
                WriteOutcome.Status status = switch (ops.get(i).method()) {
                    case "POST" -> WriteOutcome.Status.CREATED;
                    case "DELETE" -> WriteOutcome.Status.DELETED;
                    default -> WriteOutcome.Status.UPDATED;
                };
                out[index] = WriteOutcome.ok(index, status, id);
            }
        }
    }

    /** The rows the records' keys name, by key text (numbers compared without regard to case, as BC does). */
    private Map<String, Entity> lookup(UUID company, String key, List<Prepared> prepared) {
        Set<Object> keys = new LinkedHashSet<>();
        prepared.forEach(p -> keys.add(p.key()));
        List<Object> all = new ArrayList<>(keys);
        Map<String, Entity> found = new HashMap<>();
        for (int from = 0; from < all.size(); from += LOOKUP_CHUNK) {
            String filter = all.subList(from, Math.min(all.size(), from + LOOKUP_CHUNK)).stream()
                    .map(k -> key + " eq " + EntityQuery.literal(k)).collect(Collectors.joining(" or "));
            client.stream(company, EntityQuery.of(def.name()).filter(filter))
                    .forEach(e -> found.put(text(e.get(key)), e));
        }
        return found;
    }

    private static String text(Object key) {
        return key == null ? "" : key.toString().toLowerCase(Locale.ROOT);
    }
}
