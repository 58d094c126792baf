package dev.sluice.flow;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.NearestName;
import dev.sluice.core.RecordProvider;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.dataverse.DataverseRecordProvider;
import dev.sluice.dataverse.FetchXmlRecordProvider;
import dev.sluice.flow.internal.ColumnRule;
import dev.sluice.flow.internal.DeclaredConnections;
import dev.sluice.flow.internal.Expression;
import dev.sluice.flow.internal.ExpressionCompiler;
import dev.sluice.flow.internal.RecordMapper;
import dev.sluice.flow.internal.WherePlan;
import dev.sluice.flow.internal.check.FlowCheck;
import dev.sluice.flow.internal.check.MapCheck;
import dev.sluice.flow.internal.check.OnDeleteCheck;
import dev.sluice.flow.internal.check.Sides;
import dev.sluice.flow.internal.check.SourceColumnsCheck;
import dev.sluice.flow.internal.check.TargetKeyCheck;
import dev.sluice.flow.internal.check.WhereCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a parsed flow against the real systems before it may run: connections exist, tables and columns
 * exist (through the providers' {@code describe}), values fit their target columns' types, CEL expressions
 * compile with the source columns as typed variables, and write keys are unique keys of the target. Every
 * problem names the file, line and column, with a suggestion where one is close. The checks are small named
 * rules in {@code internal.check}, run in a fixed order (see {@code Run.check}); all their problems are reported
 * together. Thread-safe.
 */
public final class FlowValidator {
    private final ConnectionResolver resolver;
    private final Map<String, String> environment;

    /** Resolves connections the flow file does not declare through {@code resolver}. */
    public FlowValidator(ConnectionResolver resolver) {
        this(resolver, System.getenv());
    }

    /** As above, reading declared connections' passwords and tokens from {@code environment}. */
    public FlowValidator(ConnectionResolver resolver, Map<String, String> environment) {
        this.resolver = resolver;
        this.environment = Map.copyOf(environment);
    }

    /** Parses, then checks, a flow file; see {@link #check(String, String)}. */
    public CheckedFlow check(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "cannot read flow file " + file + " ("
                    + e.getClass().getSimpleName() + "); check the path", e);
        }
        return check(file.toString(), text);
    }

    /**
     * Parses and checks flow YAML, reporting every problem at once: those of the file itself and, as far as the
     * file can be read, those the connections, tables, columns and expressions show. {@code file} names it in
     * messages.
     */
    public CheckedFlow check(String file, String text) {
        FlowParser.Result parsed = FlowParser.parseAll(file, text);
        if (parsed.problems().isEmpty()) {
            return check(parsed.flow());
        }
        List<FlowProblem> all = new ArrayList<>(parsed.problems());
        if (parsed.flow() != null) {
            try (CheckedFlow checked = check(parsed.flow())) {
                // the rest of the flow is fine; the file's own problems stand
            } catch (FlowException e) {
                e.problems().stream().filter(p -> !all.contains(p)).forEach(all::add);
            }
        }
        all.sort(FlowProblem.IN_FILE_ORDER);
        throw new FlowException(all);
    }

    /** The checked flow, ready to run; a {@link FlowException} with every problem otherwise. */
    public CheckedFlow check(ParsedFlow flow) {
        return new Run(flow).check();
    }

    /** The state of one check: the providers it opened, to close them when the flow does not pass. */
    private final class Run {
        private final ParsedFlow flow;
        private final FlowDefinition def;
        private final FlowCheck checking;
        private final List<RecordProvider> opened = new ArrayList<>();

        Run(ParsedFlow flow) {
            this.flow = flow;
            this.def = flow.definition();
            this.checking = new FlowCheck(flow);
        }

        CheckedFlow check() {
            try {
                Sides sides = sides();
                if (sides == null) {
                    throw new FlowException(checking.problems());
                }
                return check(sides);
            } catch (RuntimeException e) {
                opened.forEach(RecordProvider::close);
                throw e;
            }
        }

        /** The source and target, opened and described; null when either cannot be (the problems are recorded). */
        private Sides sides() {
            ConnectionResolver all = new DeclaredConnections(def.connections(), environment).orElse(resolver);
            RecordProvider source = open(all, def.source().connection(), "source.connection");
            if (source != null && def.source().fetchXml() != null) {
                source = fetchXmlSource(source);
            }
            RecordProvider target = open(all, def.target().connection(), "target.connection");
            TableSchema s = source == null ? null : checking.describe(source, def.source().table(), "source.table");
            boolean fileTarget = target != null && SharedProvider.unwrap(target) instanceof FileRecordProvider;
            TableSchema t = target == null ? null
                    : fileTarget && !((FileRecordProvider) SharedProvider.unwrap(target)).exists(def.target().table())
                    ? new TableSchema(def.target().table(), List.of(), List.of(), List.of())
                    : checking.describe(target, def.target().table(), "target.table");
            if (s == null || t == null) {
                return null;
            }
            return new Sides(source, SharedProvider.unwrap(source), s, target, SharedProvider.unwrap(target), t);
        }

        /** The rules that need both tables, in the order they run; every problem, or the checked flow. */
        private CheckedFlow check(Sides sides) {
            List<String> read = SourceColumnsCheck.check(checking, sides);
            ExpressionCompiler cel = new ExpressionCompiler(sides.sourceTable(), read);
            Expression where = WhereCheck.check(checking, cel);
            List<ColumnRule> rules = MapCheck.check(checking, cel, sides);
            List<String> key = TargetKeyCheck.check(checking, sides);
            OnDeleteCheck.Deletes deletes = OnDeleteCheck.check(checking, cel, sides, read);
            if (!checking.problems().isEmpty()) {
                checking.problems().sort(FlowProblem.IN_FILE_ORDER);
                throw new FlowException(checking.problems());
            }
            WherePlan plan = WhereCheck.plan(checking, where, sides, cel);
            RecordMapper keyMapper = new RecordMapper(rules.stream().filter(r -> key.contains(r.writeName()))
                    .toList());
            return new CheckedFlow(flow, sides.source(), sides.target(), sides.sourceTable(), sides.targetTable(),
                    read, where, new RecordMapper(rules), key, plan, keyMapper, deletes.markColumn(),
                    deletes.remembersKeys());
        }

        /** The FetchXML query of a Dataverse connection as the source provider; null (and a problem) otherwise. */
        private RecordProvider fetchXmlSource(RecordProvider connection) {
            if (!(SharedProvider.unwrap(connection) instanceof DataverseRecordProvider d)) {
                checking.add("source.fetchxml", "a fetchxml source needs a Dataverse connection; '"
                        + def.source().connection() + "' is not one", null);
                return null;
            }
            try {
                return new FetchXmlSource(new FetchXmlRecordProvider(d.client(), def.source().table(),
                        def.source().fetchXml()), connection);
            } catch (SluiceException e) {
                checking.add("source.fetchxml", "the fetchxml cannot be used: " + e.getMessage(), null);
                return null;
            }
        }

        private RecordProvider open(ConnectionResolver all, String name, String path) {
            Optional<RecordProvider> p;
            try {
                p = all.open(name);
            } catch (SluiceException e) {
                checking.add(path, "connection '" + name + "' cannot be opened: " + e.getMessage(), null);
                return null;
            }
            if (p.isEmpty()) {
                checking.add(path, "unknown connection '" + name + "'; declare it under 'connections:' or create it "
                        + "in the engine store", NearestName.of(name, all.names()));
                return null;
            }
            opened.add(p.get());
            return p.get();
        }
    }
}
