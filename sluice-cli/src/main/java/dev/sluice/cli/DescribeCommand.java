package dev.sluice.cli;

import dev.sluice.dataverse.AlternateKey;
import dev.sluice.dataverse.ColumnMetadata;
import dev.sluice.dataverse.TableMetadata;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sluice describe NAME TABLE}: columns with types, requirement, keys and choice labels. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Describe a table: columns with types, keys and every choice label.",
        footer = {"", "Example:", "  sluice describe contoso account"})
final class DescribeCommand implements Callable<Integer> {
    /** Choice labels this long or shorter fit in the table; longer lists are printed whole below it. */
    private static final int SHORT_CHOICES = 40;

    @Mixin
    ConnectionArgument connection;

    @Parameters(index = "1", paramLabel = "TABLE", description = "Logical name (account) or entity set (accounts).")
    String table;

    @Override
    public Integer call() {
        String name = connection.name;
        return connection.run((engine, out) -> {
            if (engine.isBusinessCentral(name)) {
                return BusinessCentralCommands.describe(engine, name, table, out);
            }
            TableMetadata m = Tables.metadata(engine.client(name), table);
            out.println("Table " + m.logicalName() + " (entity set " + m.entitySetName() + ", primary id "
                    + m.primaryIdAttribute() + (m.primaryNameAttribute() == null ? "" : ", primary name "
                    + m.primaryNameAttribute()) + ", change tracking " + (m.changeTrackingEnabled() ? "on" : "off") + ")");
            List<List<String>> rows = new ArrayList<>();
            List<ColumnMetadata> longChoices = new ArrayList<>();
            for (ColumnMetadata c : m.columns()) {
                if (c.attributeOf() != null) {
                    continue;
                }
                String details = details(c);
                if (details.length() > SHORT_CHOICES) {
                    longChoices.add(c);
                    details = c.options().size() + " labels, listed below";
                }
                rows.add(List.of(c.wireName(), c.type().wireName() + (c.maxLength() == null ? "" : "(" + c.maxLength()
                        + ")"), c.required() ? "required" : "", access(c), details));
            }
            TextTable.print(out, List.of("COLUMN", "TYPE", "REQUIRED", "WRITE", "TARGETS / CHOICES"), rows,
                    Math.max(engine.environment().width(), 100), engine.environment().colour());
            for (AlternateKey k : m.keys()) {
                out.println("Alternate key " + k.schemaName() + ": " + String.join(", ", k.columns()));
            }
            if (m.keys().isEmpty()) {
                out.println("No alternate keys.");
            }
            for (ColumnMetadata c : longChoices) {
                // every label, whole: one per line, values aligned
                out.println();
                out.println("Labels of " + c.wireName() + ":");
                int w = c.options().keySet().stream().mapToInt(k -> String.valueOf(k).length()).max().orElse(1);
                c.options().forEach((value, label) -> out.println("  " + " ".repeat(w - String.valueOf(value).length())
                        + value + "  " + label));
            }
            return 0;
        });
    }

    private static String access(ColumnMetadata c) {
        return c.validForCreate() && c.validForUpdate() ? "create, update"
                : c.validForCreate() ? "create" : c.validForUpdate() ? "update" : "read-only";
    }

    private static String details(ColumnMetadata c) {
        if (!c.targets().isEmpty()) {
            return "-> " + String.join(", ", c.targets());
        }
        return c.options().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
