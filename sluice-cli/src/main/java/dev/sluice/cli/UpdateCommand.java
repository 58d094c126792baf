package dev.sluice.cli;

import dev.sluice.core.WriteMode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sluice update NAME TABLE --id|--key … [JSON]}: updates an existing row only. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = "Update an existing row (never creates one) from a JSON object (argument, or standard input).",
        footer = {"", "Examples:",
            "  sluice update contoso account --key accountnumber=A-1 '{\"telephone1\":\"+1 555 0100\"}'",
            "  echo '{\"jobtitle\":\"CTO\"}' | sluice update contoso contact --id 7f8e1c2d-1111-4a2b-9c3d-123456789abc"})
final class UpdateCommand implements Callable<Integer> {
    @Mixin
    RowAddress row;

    @Parameters(index = "2", arity = "0..1", paramLabel = "JSON", description = "The changes (default: standard input).")
    String json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return SingleRowWrite.run(spec, row, WriteMode.UPDATE, json, (client, table, key, record) -> {
            client.update(table, key, record);
            return "Updated " + table + " " + key + ".";
        });
    }
}
