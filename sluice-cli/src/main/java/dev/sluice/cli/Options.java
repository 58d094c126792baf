package dev.sluice.cli;

import dev.sluice.dataverse.Query;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** Option values shared by the data commands, checked with errors that name the option. Stateless. */
final class Options {
    private Options() {}

    static RowFormat format(CommandLine.Model.CommandSpec spec, String text) {
        try {
            return RowFormat.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> known = Arrays.stream(RowFormat.values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown --format '" + text + "'"
                    + Suggestions.didYouMean(text, known) + "; use one of " + String.join(", ", known));
        }
    }

    /** A query from the common options; a malformed select or order-by is a ParameterException. */
    static Query query(CommandLine.Model.CommandSpec spec, String table, List<String> select, String filter,
            List<String> orderBy) {
        try {
            Query q = Query.table(table).select(select);
            if (filter != null && !filter.isBlank()) {
                q = q.whereRaw(filter);
            }
            return orderBy.isEmpty() ? q : q.orderBy(orderBy.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static String joined(List<String> values) {
        return values.stream().collect(Collectors.joining(","));
    }
}
