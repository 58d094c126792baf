package dev.sluice.cli;

import dev.sluice.core.WriteMode;
import dev.sluice.dataverse.UpsertResult;
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
        return SingleRowWrite.run(spec, row, WriteMode.UPSERT, json, (client, table, key, record) -> {
            UpsertResult r = client.upsert(table, key, record);
            return (r.created() ? "Created " : "Updated ") + table + " " + r.id() + ".";
        });
    }
}
