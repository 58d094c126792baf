package dev.sluice.cli;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.TableInfo;
import dev.sluice.dataverse.TableMetadata;
import java.util.List;

/** Looks tables and columns up with errors that suggest the name meant. Stateless. */
final class Tables {
    private Tables() {}

    /** A table's metadata; NOT_FOUND that suggests a close table name. */
    static TableMetadata metadata(DataverseClient client, String table) {
        try {
            return client.metadata(table);
        } catch (SluiceException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                throw e;
            }
            List<TableInfo> all = client.tables();
            List<String> names = all.stream().map(TableInfo::logicalName).toList();
            List<String> sets = all.stream().map(TableInfo::entitySetName).toList();
            String hint = Suggestions.closest(table, names).or(() -> Suggestions.closest(table, sets))
                    .map(s -> "did you mean '" + s + "'?").orElse("list them with: sluice tables CONNECTION");
            throw new SluiceException(ErrorKind.NOT_FOUND, "no table '" + table + "'; " + hint);
        }
    }

    /** Checks that each column exists; INVALID_INPUT naming the first unknown one with a suggestion. */
    static void requireColumns(TableMetadata m, List<String> columns) {
        for (String c : columns) {
            if (m.column(c).isEmpty()) {
                List<String> names = m.columns().stream().map(x -> x.wireName()).toList();
                throw new SluiceException(ErrorKind.INVALID_INPUT, "unknown column '" + c + "' on table '"
                        + m.logicalName() + "'" + Suggestions.didYouMean(c, names)
                        + "; see the columns with: sluice describe CONNECTION " + m.logicalName());
            }
        }
    }
}
