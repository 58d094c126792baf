package dev.sluice.cli;

import dev.sluice.core.WriteMode;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.RecordKey;
import dev.sluice.dataverse.TableMetadata;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sluice delete NAME TABLE --id|--key …}: deletes one row. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete one row by id or alternate key.",
        footer = {"", "Example:", "  sluice delete contoso account --key accountnumber=A-1"})
final class DeleteCommand implements Callable<Integer> {
    @Mixin
    RowAddress row;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String keyText = row.keyText(spec);
        try (Engine engine = Engine.of(spec)) {
            if (engine.isBusinessCentral(row.name)) {
                return BusinessCentralCommands.writeOne(engine, row.name, row.table, WriteMode.DELETE, keyText,
                        java.util.Map.of(), spec.commandLine().getOut());
            }
            DataverseClient client = engine.client(row.name);
            TableMetadata m = Tables.metadata(client, row.table);
            RecordKey key = RecordInput.key(client, m, keyText);
            client.delete(m.logicalName(), key);
            spec.commandLine().getOut().println("Deleted " + m.logicalName() + " " + key + ".");
            return 0;
        }
    }
}
