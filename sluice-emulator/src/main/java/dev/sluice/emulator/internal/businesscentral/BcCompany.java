package dev.sluice.emulator.internal.businesscentral;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One company of an environment: its own record ({@code companies} entity) and its entity sets' rows in insertion
 * order. Not thread-safe: the environment's lock guards it.
 */
final class BcCompany {
    private final UUID id;
    private final String name;
    private final ObjectNode record;
    private Map<String, Map<UUID, BcRow>> sets = new LinkedHashMap<>();
    private final Map<String, Long> numbers = new LinkedHashMap<>();

    BcCompany(UUID id, String name, ObjectNode record) {
        this.id = id;
        this.name = name;
        this.record = record;
        BcCatalog.COMPANY_SETS.forEach(s -> sets.put(s.name(), new LinkedHashMap<>()));
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    ObjectNode record() {
        return record;
    }

    Map<UUID, BcRow> rows(BcEntitySet set) {
        return sets.get(set.name());
    }

    List<BcRow> list(BcEntitySet set) {
        return new ArrayList<>(rows(set).values());
    }

    /** The next number Business Central's number series would give, e.g. {@code C00021}. */
    String nextNumber(BcEntitySet set) {
        long n = numbers.merge(set.name(), 1L, Long::sum);
        return set.numberPrefix() + String.format("%05d", 10 + n);
    }

    /** A deep copy of every row, to restore when an isolated {@code $batch} fails. */
    Map<String, Map<UUID, BcRow>> snapshot() {
        Map<String, Map<UUID, BcRow>> copy = new LinkedHashMap<>();
        sets.forEach((k, v) -> {
            Map<UUID, BcRow> rows = new LinkedHashMap<>();
            v.forEach((id, row) -> rows.put(id, row.copy()));
            copy.put(k, rows);
        });
        return copy;
    }

    void restore(Map<String, Map<UUID, BcRow>> snapshot) {
        this.sets = snapshot;
    }
}
