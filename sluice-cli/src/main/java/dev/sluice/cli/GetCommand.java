package dev.sluice.cli;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.RecordKey;
import dev.sluice.dataverse.Row;
import dev.sluice.dataverse.TableMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice get NAME TABLE --id GUID | --key COL=VALUE}: one row. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Read one row by id or alternate key.",
        footer = {"", "Examples:",
            "  sluice get contoso account --key accountnumber=A-1 --select name,revenue",
            "  sluice get contoso contact --id 7f8e1c2d-1111-4a2b-9c3d-123456789abc --format table"})
final class GetCommand implements Callable<Integer> {
    @Mixin
    RowAddress row;

    @Option(names = "--select", split = ",", paramLabel = "COLUMN", description = "Columns (default: all).")
    List<String> select = new ArrayList<>();

    @Option(names = {"-o", "--format"}, defaultValue = "json", paramLabel = "FORMAT",
            description = "json, table, jsonl or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RowFormat f = Options.format(spec, format);
        String keyText = row.keyText(spec);
        try (Engine engine = Engine.of(spec)) {
            if (engine.isBusinessCentral(row.name)) {
                Row bc = BusinessCentralCommands.get(engine, row.name, row.table, keyText, select).orElseThrow(() ->
                        new SluiceException(ErrorKind.NOT_FOUND, "no " + row.table + " row with " + keyText + " in '"
                                + row.name + "'"));
                try (RowSink sink = f == RowFormat.JSON ? new JsonRowSink(spec.commandLine().getOut(), select, false)
                        : f.open(spec.commandLine().getOut(), select, engine.environment())) {
                    sink.write(bc);
                }
                return 0;
            }
            DataverseClient client = engine.client(row.name);
            TableMetadata m = Tables.metadata(client, row.table);
            Tables.requireColumns(m, select);
            RecordKey key = RecordInput.key(client, m, keyText);
            Row found = client.get(m.logicalName(), key, select.toArray(String[]::new))
                    .orElseThrow(() -> new SluiceException(ErrorKind.NOT_FOUND, "no " + m.logicalName() + " row with "
                            + key + " in '" + row.name + "'"));
            try (RowSink sink = f == RowFormat.JSON ? new JsonRowSink(spec.commandLine().getOut(), select, false)
                    : f.open(spec.commandLine().getOut(), select, engine.environment())) {
                sink.write(found);
            }
            return 0;
        }
    }
}
