package dev.sluice.flow;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.NearestName;
import dev.sluice.core.SluiceException;
import dev.sluice.flow.internal.DurationText;
import dev.sluice.flow.internal.parse.ConnectionsSection;
import dev.sluice.flow.internal.parse.FlowFileReader;
import dev.sluice.flow.internal.parse.MapSection;
import dev.sluice.flow.internal.parse.SourceSection;
import dev.sluice.flow.internal.parse.TargetSection;
import dev.sluice.flow.internal.yaml.Node;
import dev.sluice.flow.internal.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads a flow file (YAML) into a {@link ParsedFlow}, keeping the line and column of every part. Unknown keys,
 * wrong shapes and missing settings are all reported together, each with its location and, for a misspelt key,
 * the key that was probably meant; then a {@link FlowException} is thrown. Checks needing connections (tables,
 * columns, types, CEL) are {@link FlowValidator}'s. Each section of the file is read by its own class in
 * {@code internal.parse}; this class reads the top-level settings and puts the flow together. Thread-safe.
 */
public final class FlowParser {
    private static final List<String> TOP = List.of("flow", "description", "connections", "source", "map", "target",
            "errors", "schedule");

    private final FlowFileReader reader;

    private FlowParser(String file) {
        this.reader = new FlowFileReader(file);
    }

    /** Reads and parses a flow file. */
    public static ParsedFlow parse(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "cannot read flow file " + path + " ("
                    + e.getClass().getSimpleName() + "); check the path", e);
        }
        return parse(path.toString(), text);
    }

    /** Parses flow YAML; {@code file} names it in messages. */
    public static ParsedFlow parse(String file, String text) {
        Result r = parseAll(file, text);
        if (!r.problems().isEmpty() || r.flow() == null) {
            throw new FlowException(r.problems());
        }
        return r.flow();
    }

    /**
     * What a parse found: the flow as far as it could be read (null when a part it needs is missing or the YAML
     * does not parse) and every problem, in file order. A misspelt key stands for the key it was probably meant to
     * be, so that a flow with problems can still be checked further. Immutable.
     *
     * @param flow the flow, or null
     * @param problems the problems, empty when the flow is fine
     */
    public record Result(ParsedFlow flow, List<FlowProblem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    /** Parses flow YAML without throwing: the flow as far as it goes and every problem. */
    public static Result parseAll(String file, String text) {
        FlowParser p = new FlowParser(file);
        List<FlowProblem> problems = p.reader.problems();
        Node root = YamlReader.read(file, text, problems);
        FlowDefinition def = root == null ? null : p.flow(root);
        problems.sort(FlowProblem.IN_FILE_ORDER);
        return new Result(def == null ? null : new ParsedFlow(file, def, p.reader.locations()), problems);
    }

    private FlowDefinition flow(Node root) {
        Node.MapNode top = reader.map(root, "the flow file", "");
        if (top == null) {
            return null;
        }
        top = reader.keys(top, TOP, "flow file", "");
        String name = name(top);
        Map<String, ConnectionSpec> connections = ConnectionsSection.read(reader, top);
        SourceSpec source = SourceSection.read(reader, top);
        TargetSpec target = TargetSection.read(reader, top);
        List<ColumnMapping> mappings = MapSection.read(reader, top);
        ErrorPolicy errors = errors(top);
        String schedule = schedule(top);
        if (name == null || source == null || target == null) {
            return null;
        }
        if (mappings.isEmpty() && !top.entries().containsKey("map")) {
            source.select().forEach(c -> mappings.add(new ColumnMapping(c, new Mapping.Expression(c))));
        }
        return new FlowDefinition(name, source, mappings, target, errors, schedule, connections);
    }

    /** The flow's name, checked to be usable as an identifier; null when missing. */
    private String name(Node.MapNode top) {
        String name = reader.text(top, "flow", "", true);
        if (name != null && !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            reader.add(top.entries().get("flow").value().location(), "flow name '" + name + "' is not valid: use "
                    + "letters, digits, '.', '_' and '-' (e.g. accounts-to-warehouse)", null);
        }
        return name;
    }

    /** What {@code errors} says; dead letters when absent or bad. */
    private ErrorPolicy errors(Node.MapNode top) {
        String e = reader.text(top, "errors", "", false);
        if (e == null) {
            return ErrorPolicy.DEAD_LETTER;
        }
        switch (e) {
            case "dead-letter" -> {
                return ErrorPolicy.DEAD_LETTER;
            }
            case "fail" -> {
                return ErrorPolicy.FAIL;
            }
            default -> {
                reader.add(top.entries().get("errors").value().location(), "errors must be 'dead-letter' or "
                        + "'fail', not '" + e + "'", NearestName.of(e, List.of("dead-letter", "fail")));
                return ErrorPolicy.DEAD_LETTER;
            }
        }
    }

    /** The {@code schedule} text, checked to be an interval or a cron expression; null when absent. */
    private String schedule(Node.MapNode top) {
        String schedule = reader.text(top, "schedule", "", false);
        if (schedule == null || DurationText.parse(schedule) != null) {
            return schedule;
        }
        Location at = top.entries().get("schedule").value().location();
        if (schedule.strip().startsWith("cron ")) {
            try {
                CronExpression.parse(schedule.strip().substring(5));
            } catch (SluiceException bad) {
                reader.add(at, "schedule '" + schedule + "': " + bad.getMessage(), null);
            }
        } else {
            reader.add(at, "schedule '" + schedule + "' is not understood; write it as 'every 15m' (s, m, h or d) "
                    + "or 'cron 0 6 * * 1-5' (minute hour day-of-month month day-of-week, UTC)", null);
        }
        return schedule;
    }
}
