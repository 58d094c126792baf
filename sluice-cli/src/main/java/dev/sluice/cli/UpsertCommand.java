package dev.sluice.cli;

import dev.sluice.core.WriteMode;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.RecordKey;
import dev.sluice.dataverse.TableMetadata;
import dev.sluice.dataverse.UpsertResult;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sluice upsert NAME TABLE --key COL=VALUE [JSON]}: creates or updates by id or alternate key. */
@Command(name = "upsert", mixinStandardHelpOptions = true,
        description = "Create or update a row by id or alternate key; says which happened.",
        footer = {"", "Examples:",
            "  sluice upsert contoso account --key accountnumber=A-1 '{\"name\":\"Contoso\"}'",
            "  cat account.json | sluice upsert contoso account --key accountnumber=A-1"})
final class UpsertCommand implements Callable<Integer> {
    @Mixin
    RowAddress row;

    @Parameters(index = "2", arity = "0..1", paramLabel = "JSON", description = "The values (default: standard input).")
    String json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String keyText = row.keyText(spec);
        try (Engine engine = Engine.of(spec)) {
            Map<String, Object> record = RecordInput.read(engine.environment(), json);
            if (engine.isBusinessCentral(row.name)) {
                return BusinessCentralCommands.writeOne(engine, row.name, row.table, WriteMode.UPSERT, keyText, record,
                        spec.commandLine().getOut());
            }
            DataverseClient client = engine.client(row.name);
            TableMetadata m = Tables.metadata(client, row.table);
            RecordInput.checkColumns(m, record);
            RecordKey key = RecordInput.key(client, m, keyText);
            UpsertResult r = client.upsert(m.logicalName(), key, record);
            spec.commandLine().getOut().println((r.created() ? "Created " : "Updated ") + m.logicalName() + " " + r.id()
                    + ".");
            return 0;
        }
    }
}
