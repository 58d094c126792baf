package dev.sluice.cli;

import dev.sluice.core.WriteMode;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.RecordKey;
import dev.sluice.dataverse.TableMetadata;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one way {@code update}, {@code upsert} and {@code delete} write a row: the key from {@link RowAddress}, the
 * record from the argument or standard input (none for a delete), a {@code business-central} connection through its
 * record provider, else the table's metadata checks the columns and the key before the Dataverse write. Stateless.
 */
final class SingleRowWrite {
    /** The Dataverse write of one command; returns the line it prints. */
    @FunctionalInterface
    interface DataverseWrite {
        String write(DataverseClient client, String table, RecordKey key, Map<String, Object> record);
    }

    private SingleRowWrite() {}

    /** Runs the write of {@code mode} on {@code row}; the exit code. */
    static int run(CommandSpec spec, RowAddress row, WriteMode mode, String json, DataverseWrite dataverse) {
        String keyText = row.keyText(spec);
        try (Engine engine = Engine.of(spec)) {
            Map<String, Object> record = mode == WriteMode.DELETE ? Map.of()
                    : RecordInput.read(engine.environment(), json);
            if (engine.isBusinessCentral(row.name)) {
                return BusinessCentralCommands.writeOne(engine, row.name, row.table, mode, keyText, record,
                        spec.commandLine().getOut());
            }
            DataverseClient client = engine.client(row.name);
            TableMetadata m = Tables.metadata(client, row.table);
            RecordInput.checkColumns(m, record);
            RecordKey key = RecordInput.key(client, m, keyText);
            spec.commandLine().getOut().println(dataverse.write(client, m.logicalName(), key, record));
            return 0;
        }
    }
}
