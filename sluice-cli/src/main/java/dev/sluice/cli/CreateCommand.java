package dev.sluice.cli;

import dev.sluice.core.WriteMode;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.TableMetadata;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sluice create NAME TABLE [JSON]}: creates one row from JSON (argument or stdin); prints its id. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create a row from a JSON object (argument, or standard input); prints its id.",
        footer = {"", "Examples:",
            "  sluice create contoso account '{\"name\":\"Contoso\",\"accountnumber\":\"A-1\"}'",
            "  echo '{\"lastname\":\"Smith\"}' | sluice create contoso contact",
            "  sluice create contoso contact '{\"lastname\":\"Lee\",\"parentcustomerid_account@odata.bind\":\"accounts(accountnumber='A-1')\"}'"})
final class CreateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The connection.")
    String name;

    @Parameters(index = "1", paramLabel = "TABLE", description = "Logical name (account) or entity set (accounts).")
    String table;

    @Parameters(index = "2", arity = "0..1", paramLabel = "JSON", description = "The record (default: standard input).")
    String json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Engine engine = Engine.of(spec)) {
            Map<String, Object> record = RecordInput.read(engine.environment(), json);
            if (engine.isBusinessCentral(name)) {
                return BusinessCentralCommands.writeOne(engine, name, table, WriteMode.CREATE, null, record,
                        spec.commandLine().getOut());
            }
            DataverseClient client = engine.client(name);
            TableMetadata m = Tables.metadata(client, table);
            RecordInput.checkColumns(m, record);
            UUID id = client.create(m.logicalName(), record);
            spec.commandLine().getOut().println(id);
            return 0;
        }
    }
}
