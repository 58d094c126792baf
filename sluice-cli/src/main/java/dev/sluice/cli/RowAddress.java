package dev.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The row a single-row command works on: a GUID argument or {@code --key column=value}. Not thread-safe. */
final class RowAddress {
    @Parameters(index = "0", paramLabel = "NAME", description = "The connection.")
    String name;

    @Parameters(index = "1", paramLabel = "TABLE", description = "Logical name (account) or entity set (accounts).")
    String table;

    @Option(names = "--id", paramLabel = "GUID", description = "The row's primary id.")
    String id;

    @Option(names = "--key", paramLabel = "COLUMN=VALUE",
            description = "An alternate key, e.g. accountnumber=A-1 (several: a=1,b=2).")
    String key;

    /** The key text; a ParameterException when neither or both are given. */
    String keyText(CommandLine.Model.CommandSpec spec) {
        if ((id == null) == (key == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "say which row: --id GUID or --key COLUMN=VALUE (e.g. --key accountnumber=A-1)");
        }
        return id != null ? id : key;
    }
}
