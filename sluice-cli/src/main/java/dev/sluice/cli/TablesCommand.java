package dev.sluice.cli;

import dev.sluice.dataverse.TableInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sluice tables NAME}: the tables of a connection's environment. */
@Command(name = "tables", mixinStandardHelpOptions = true, description = "List the tables of an environment.",
        footer = {"", "Example:", "  sluice tables contoso"})
final class TablesCommand implements Callable<Integer> {
    @Mixin
    ConnectionArgument connection;

    @Override
    public Integer call() {
        String name = connection.name;
        return connection.run((engine, out) -> {
            if (engine.isBusinessCentral(name)) {
                return BusinessCentralCommands.tables(engine, name, out);
            }
            List<TableInfo> tables = new ArrayList<>(engine.client(name).tables());
            tables.sort(Comparator.comparing(TableInfo::logicalName));
            List<List<String>> rows = new ArrayList<>();
            for (TableInfo t : tables) {
                rows.add(List.of(t.logicalName(), t.entitySetName(), t.primaryIdAttribute(),
                        t.primaryNameAttribute() == null ? "" : t.primaryNameAttribute()));
            }
            TextTable.print(out, List.of("TABLE", "ENTITY SET", "PRIMARY ID", "PRIMARY NAME"), rows,
                    engine.environment().width(), engine.environment().colour());
            out.println("(" + tables.size() + " tables; see one with: sluice describe " + name + " TABLE)");
            return 0;
        });
    }
}
