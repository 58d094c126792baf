package dev.sluice.cli;

import dev.sluice.core.WriteMode;
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
        return SingleRowWrite.run(spec, row, WriteMode.DELETE, null, (client, table, key, record) -> {
            client.delete(table, key);
            return "Deleted " + table + " " + key + ".";
        });
    }
}
