package dev.sluice.cli;

import dev.sluice.core.WriteMode;
import dev.sluice.dataverse.ColumnMetadata;
import dev.sluice.dataverse.TableMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which input columns an import writes, decided once from the header before anything is sent: unknown
 * columns are an error (with a suggestion); columns the mode cannot write (read-only ones such as
 * {@code createdon}, the primary id when rows are matched by an alternate key) are skipped and reported.
 * Immutable.
 *
 * @param columns per input column, the table column it writes, or null when skipped
 * @param skipped the input columns skipped, with why
 * @param deletedMarker index of the {@code sluice_deleted} column of an incremental export, or -1
 */
record ImportPlan(List<ColumnMetadata> columns, Map<String, String> skipped, int deletedMarker) {
    ImportPlan {
        columns = java.util.Collections.unmodifiableList(new ArrayList<>(columns));
        skipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    static ImportPlan of(TableMetadata m, List<String> header, WriteMode mode, List<String> key) {
        Tables.requireColumns(m, header.stream().filter(h -> !h.equals(ExportCommand.DELETED_COLUMN)).toList());
        List<ColumnMetadata> cols = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        int marker = -1;
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (h.equals(ExportCommand.DELETED_COLUMN)) {
                marker = i;
                cols.add(null);
                continue;
            }
            ColumnMetadata c = m.requireColumn(h);
            boolean isKey = key.contains(c.logicalName()) || key.contains(c.wireName());
            boolean isId = c.logicalName().equals(m.primaryIdAttribute());
            String reason = null;
            if (isId && !key.isEmpty()) {
                reason = "the primary id (rows are matched by " + String.join(",", key) + ")";
            } else if (!isKey && !isId && !writable(c, mode)) {
                reason = "read-only";
            }
            if (reason != null) {
                skipped.put(h, reason);
                cols.add(null);
            } else {
                cols.add(c);
            }
        }
        for (String k : key) {
            if (header.stream().noneMatch(h -> h.equals(k) || m.requireColumn(k).wireName().equals(h))) {
                throw new IllegalArgumentException("--key column '" + k + "' is not in the input; its header has "
                        + String.join(", ", header));
            }
        }
        if (key.isEmpty() && mode != WriteMode.CREATE && !header.contains(m.primaryIdAttribute())) {
            throw new IllegalArgumentException("--mode " + mode.name().toLowerCase() + " without --key matches rows by "
                    + "their primary id, but the input has no '" + m.primaryIdAttribute() + "' column; give --key COLUMN");
        }
        return new ImportPlan(cols, skipped, marker);
    }

    private static boolean writable(ColumnMetadata c, WriteMode mode) {
        return switch (mode) {
            case CREATE -> c.validForCreate();
            case UPDATE -> c.validForUpdate();
            default -> c.validForCreate() || c.validForUpdate();
        };
    }
}
