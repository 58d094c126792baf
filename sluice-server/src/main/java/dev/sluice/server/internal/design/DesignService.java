package dev.sluice.server.internal.design;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.flow.CheckedFlow;
import dev.sluice.flow.FlowDefinition;
import dev.sluice.flow.FlowException;
import dev.sluice.flow.FlowParser;
import dev.sluice.flow.FlowPreview;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.FlowValidator;
import dev.sluice.flow.FlowYaml;
import dev.sluice.flow.JdbcRecordProvider;
import dev.sluice.flow.Location;
import dev.sluice.flow.ParsedFlow;
import dev.sluice.flow.StoreConnections;
import dev.sluice.server.internal.ApiProblem;
import dev.sluice.server.internal.Caller;
import dev.sluice.server.internal.FlowService;
import dev.sluice.server.internal.ServerFlow;
import dev.sluice.server.internal.Services;
import dev.sluice.store.AuditAction;
import dev.sluice.store.FlowVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The designer's work: the page for a design, opening a saved flow, the form's actions (filter rows, a new table on a
 * database target), a preview through the same validator and mapper as runs, the flow file, and saving it as the
 * flow's next version through {@link FlowService} (the same checks, grants and audit as an upload, recorded as a
 * designer save). Grants: the source needs {@code read}, the target {@code write}, a new table {@code manage} on its
 * database. Thread-safe.
 */
public final class DesignService {
    private static final Logger LOG = LoggerFactory.getLogger(DesignService.class);
    /** Source records a preview shows. */
    public static final int PREVIEW_ROWS = 10;

    private final Services s;
    private final FlowService flows;
    private final Endpoints endpoints;
    private final FlowValidator validator;

    public DesignService(Services services, FlowService flows) {
        this.s = services;
        this.flows = flows;
        this.endpoints = new Endpoints(services);
        this.validator = new FlowValidator(new StoreConnections(services.credentials()));
    }

    /** What the page shows for a design, with a notice and problems from what was just done. */
    public DesignerView view(Caller caller, Design design, String notice, List<FieldProblem> problems,
            DesignerView.PreviewView preview, boolean showYaml) {
        try (Resolved r = new Resolved(endpoints, caller, design)) {
            return view(caller, design, r, notice, problems, preview, showYaml, List.of());
        }
    }

    private DesignerView view(Caller caller, Design design, Resolved r, String notice, List<FieldProblem> given,
            DesignerView.PreviewView preview, boolean showYaml, List<String> readOnly) {
        List<FieldProblem> problems = new ArrayList<>(r.problems);
        problems.addAll(given);
        Design d = design;
        if (d.target().newTable() && d.target().newColumns().isEmpty() && r.sourceSchema != null) {
            d = d.withTarget(new Design.Target(d.target().connection(), d.target().table(), d.target().search(), true,
                    d.target().newName().isEmpty() ? DesignerViews.sqlName(d.source().table()) : d.target().newName(),
                    DesignerViews.proposeColumns(r.sourceSchema), d.target().write(), d.target().key()));
        }
        List<DesignerView.Option> keys = DesignerViews.keys(r.targetSchema, d.target().key());
        if (!d.target().write().equals("create") && !keys.isEmpty() && keys.stream().noneMatch(DesignerView.Option::selected)) {
            d = d.withTarget(new Design.Target(d.target().connection(), d.target().table(), d.target().search(),
                    d.target().newTable(), d.target().newName(), d.target().newColumns(), d.target().write(),
                    keys.get(0).value()));
            keys = DesignerViews.keys(r.targetSchema, d.target().key());
        }
        List<DesignerView.GridRow> grid = List.of();
        if (r.targetSchema != null) {
            d = d.withColumns(DesignerViews.normalise(d, r.sourceSchema, r.targetSchema),
                    d.target().connection() + "/" + d.target().table());
            boolean dataverse = r.targetEndpoint != null && r.targetEndpoint.kind().equals("dataverse");
            Map<String, TableSchema> lookups = new HashMap<>();
            grid = DesignerViews.grid(d, r.sourceSchema, r.targetSchema, dataverse, t -> lookups.computeIfAbsent(t,
                    x -> describeQuietly(r, x)));
        }
        DesignerView.FilterView filter = DesignerViews.filter(d, r, new ArrayList<>());
        String yaml = null;
        List<LineDiff.Line> diff = List.of();
        if (showYaml) {
            List<FieldProblem> compileProblems = new ArrayList<>();
            FlowDefinition def = DesignCompiler.compile(d, r.sourceSchema, r.targetSchema, compileProblems);
            problems.addAll(compileProblems);
            if (def != null) {
                yaml = FlowYaml.write(def);
                diff = diffAgainstBase(d, yaml);
            }
        }
        return new DesignerView(d, readOnly, endpoints.list(caller, dev.sluice.store.GrantLevel.READ),
                endpoints.list(caller, dev.sluice.store.GrantLevel.WRITE),
                r.tables(true, d.source().search(), d.source().table(), DesignerViews.MAX_TABLES),
                r.tables(false, d.target().search(), d.target().table(), DesignerViews.MAX_TABLES), r.sourceSchema,
                r.targetSchema, DesignerViews.mayCreateTable(r.targetEndpoint), keys, grid,
                DesignerViews.sourceColumns(r.sourceSchema), DesignerViews.markColumns(r.targetSchema, d.target().key()),
                DesignerViews.watermarkColumns(r.sourceSchema), filter,
                DesignerViews.schedule(d.options(), s.clock().instant()), dedupe(problems), notice, preview, yaml, diff,
                caller.session() == null ? "" : caller.session().csrfToken());
    }

    private static List<FieldProblem> dedupe(List<FieldProblem> problems) {
        return problems.stream().distinct().toList();
    }

    private static TableSchema describeQuietly(Resolved r, String table) {
        try {
            return r.target.describe(table);
        } catch (SluiceException e) {
            // the table cannot be described: the design check reports the table as unknown instead
            LOG.debug("cannot describe table={} for the design check", table, e);
            return null;
        }
    }

    private List<LineDiff.Line> diffAgainstBase(Design d, String yaml) {
        if (d.baseVersion() < 1) {
            return List.of();
        }
        return s.store().flowDefinitions().version(d.name(), d.baseVersion()).map(v -> LineDiff.of(v.yaml(), yaml))
                .orElse(List.of());
    }

    /**
     * A saved flow in the designer: editable when the designer can show all of it and the caller may save it (its
     * owner or an admin, with {@code read} on its source and {@code write} on its target); else read-only with why.
     */
    public DesignerView open(Caller caller, String name) {
        ServerFlow f = flows.flow(caller, name);
        List<String> reasons = new ArrayList<>();
        if (f.fromFolder()) {
            reasons.add("it comes from the server's flows folder; change the file there");
        }
        if (!f.fromFolder() && !caller.isAdmin() && !caller.name().equals(f.owner())) {
            reasons.add("it was saved by " + f.owner() + "; only they or an admin may change it");
        }
        FlowDefinition def;
        try {
            def = f.parse().definition();
        } catch (FlowException e) {
            reasons.add("its file has problems: " + e.problems().get(0));
            return readOnly(caller, Design.blank(), f, reasons);
        }
        int version = f.fromFolder() ? 0 : s.store().flowDefinitions().latestVersion(name);
        DesignOpener.Opened probe = DesignOpener.open(def, version, null);
        try (Resolved r = new Resolved(endpoints, caller, probe.design())) {
            r.problems.forEach(p -> reasons.add(p.message()));
            DesignOpener.Opened opened = DesignOpener.open(def, version, r.sourceSchema);
            reasons.addAll(opened.reasons());
            if (r.targetSchema != null) {
                List<String> unknown = DesignerViews.unknownTargets(opened.design(), r.targetSchema);
                if (!unknown.isEmpty()) {
                    reasons.add("it maps columns the target table does not have: " + String.join(", ", unknown));
                }
            }
            if (!reasons.isEmpty()) {
                return readOnly(caller, opened.design(), f, reasons);
            }
            return view(caller, opened.design(), r, "Opened version " + version + " of flow '" + name + "'.", List.of(),
                    null, false, List.of());
        }
    }

    private DesignerView readOnly(Caller caller, Design d, ServerFlow f, List<String> reasons) {
        return new DesignerView(d, reasons, List.of(), List.of(), List.of(), List.of(), null, null, false, List.of(),
                List.of(), List.of(), List.of(), List.of(), null, DesignerViews.schedule(d.options(),
                s.clock().instant()), List.of(), "", null, f.yaml(), List.of(),
                caller.session() == null ? "" : caller.session().csrfToken());
    }

    /** The form with a filter row added. */
    public Design addFilter(Design d) {
        List<Design.Filter> rows = new ArrayList<>(d.source().filters());
        rows.add(new Design.Filter("", "eq", ""));
        return d.withSource(new Design.Source(d.source().connection(), d.source().table(), d.source().search(), "rows",
                rows, d.source().filterCel(), d.source().incremental(), d.source().watermark(),
                d.source().failOnExpiredToken()));
    }

    /** The form without filter row {@code i}. */
    public Design removeFilter(Design d, int i) {
        List<Design.Filter> rows = new ArrayList<>(d.source().filters());
        if (i >= 0 && i < rows.size()) {
            rows.remove(i);
        }
        return d.withSource(new Design.Source(d.source().connection(), d.source().table(), d.source().search(), "rows",
                rows, d.source().filterCel(), d.source().incremental(), d.source().watermark(),
                d.source().failOnExpiredToken()));
    }

    /** The outcome of an action: the design it leaves, and what to tell. */
    public record Outcome(Design design, String notice, List<FieldProblem> problems) {}

    /**
     * Creates the new table laid out on a database target ({@code manage} on it): the columns ticked, their kinds, the
     * primary key ticked; then the target is that table, each column mapped from the source column it was proposed
     * from (a choice column to text becomes its label). Audited. Nothing is created on bad input.
     */
    public Outcome createTable(Caller caller, Design d) {
        Endpoints.Endpoint e = endpoints.find(caller, d.target().connection(), dev.sluice.store.GrantLevel.MANAGE)
                .filter(Endpoints.Endpoint::database).orElse(null);
        if (e == null) {
            return new Outcome(d, "", List.of(new FieldProblem("target-table", "creating a table needs a database "
                    + "target with the 'manage' grant on it")));
        }
        List<ColumnSchema> columns = new ArrayList<>();
        List<String> key = new ArrayList<>();
        List<Design.NewColumn> made = new ArrayList<>();
        for (Design.NewColumn c : d.target().newColumns()) {
            if (!c.include()) {
                continue;
            }
            ColumnKind kind = DesignerViews.NEW_KINDS.contains(c.kind()) ? ColumnKind.valueOf(c.kind()
                    .toUpperCase(Locale.ROOT)) : ColumnKind.STRING;
            columns.add(new ColumnSchema(c.name(), kind, false, true, Map.of(), List.of()));
            made.add(c);
            if (c.key()) {
                key.add(c.name());
            }
        }
        String table = d.target().newName().strip();
        try (var p = endpoints.open(caller, e.name(), dev.sluice.store.GrantLevel.MANAGE)) {
            ((JdbcRecordProvider) p).createTable(table, columns, key);
        } catch (SluiceException x) {
            return new Outcome(d, "", List.of(new FieldProblem("new-name", x.getMessage())));
        }
        s.store().audit().append(caller.name(), AuditAction.DATABASE_TABLE_CREATED, null, e.name(), "created table '"
                + table + "' (" + columns.size() + " columns, primary key " + key + ") in database '" + e.name()
                + "' from the designer");
        TableSchema source;
        try (Resolved r = new Resolved(endpoints, caller, d.withTarget(blankTarget(d)))) {
            source = r.sourceSchema;
        }
        List<Design.Column> mapping = new ArrayList<>();
        for (Design.NewColumn c : made) {
            Optional<ColumnSchema> from = source == null || c.from().isEmpty() ? Optional.empty()
                    : source.column(c.from());
            if (from.isEmpty()) {
                mapping.add(Design.Column.none(c.name()));
            } else if (!from.get().choices().isEmpty() && c.kind().equals("string")) {
                mapping.add(new Design.Column(c.name(), "label", "", "", from.get().name(), "", "", "", List.of(), ""));
            } else {
                mapping.add(Design.Column.copy(c.name(), from.get().name()));
            }
        }
        Design next = d.withTarget(new Design.Target(e.name(), table, "", false, "", List.of(),
                d.target().write().equals("create") ? "create" : "upsert", String.join(",", key)))
                .withColumns(mapping, e.name() + "/" + table);
        return new Outcome(next, "Table '" + table + "' was created in '" + e.name() + "'; each of its columns is mapped "
                + "from the source column it was proposed from.", List.of());
    }

    private static Design.Target blankTarget(Design d) {
        return new Design.Target("", "", "", false, "", List.of(), d.target().write(), "");
    }

    /** The first source records and what each becomes, through the validator and mapper of a run; or the problems. */
    public DesignerView.PreviewView preview(Caller caller, Design d) {
        List<FieldProblem> problems = new ArrayList<>();
        FlowDefinition def;
        try (Resolved r = new Resolved(endpoints, caller, d)) {
            problems.addAll(r.problems);
            def = problems.isEmpty() ? DesignCompiler.compile(d, r.sourceSchema, r.targetSchema, problems) : null;
        }
        if (def == null) {
            return new DesignerView.PreviewView(null, List.of(), problems);
        }
        ParsedFlow parsed = FlowParser.parse(d.name() + ".flow.yaml", FlowYaml.write(def));
        try (CheckedFlow f = validator.check(parsed)) {
            FlowPreview.Result result = FlowPreview.of(f, PREVIEW_ROWS);
            List<String> columns = def.source().select().isEmpty() ? result.sourceColumns() : def.source().select();
            return new DesignerView.PreviewView(result, columns, List.of());
        } catch (FlowException e) {
            return new DesignerView.PreviewView(null, List.of(), fields(d, parsed, e.problems()));
        } catch (SluiceException e) {
            return new DesignerView.PreviewView(null, List.of(), List.of(new FieldProblem("", "the source could not be "
                    + "read: " + e.getMessage())));
        }
    }

    /** The flow file the design makes, or its problems. */
    public String yaml(Caller caller, Design d) {
        List<FieldProblem> problems = new ArrayList<>();
        FlowDefinition def;
        try (Resolved r = new Resolved(endpoints, caller, d)) {
            problems.addAll(r.problems);
            def = DesignCompiler.compile(d, r.sourceSchema, r.targetSchema, problems);
        }
        if (def == null || !problems.isEmpty()) {
            throw new DesignProblems(problems);
        }
        return FlowYaml.write(def);
    }

    /**
     * Saves the design as the flow's next version (or its first), after the same checks as an upload; the caller needs
     * {@code read} on the source and {@code write} on the target. {@link DesignProblems} says what to fix.
     */
    public FlowVersion save(Caller caller, Design d) {
        String yaml = yaml(caller, d);
        ParsedFlow parsed = FlowParser.parse(d.name() + ".flow.yaml", yaml);
        try {
            return flows.save(caller, yaml, FlowVersion.DESIGNER, d.baseVersion()).version();
        } catch (FlowException e) {
            throw new DesignProblems(fields(d, parsed, e.problems()));
        } catch (ApiProblem e) {
            throw new DesignProblems(List.of(new FieldProblem(e.status() == 409 ? "flow-name" : "", e.getMessage())));
        } catch (SluiceException e) {
            if (e.kind() == ErrorKind.CONFLICT) {
                throw new DesignProblems(List.of(new FieldProblem("flow-name", e.getMessage())));
            }
            throw e;
        }
    }

    /** The flow's problems, each on the field of the designer that wrote the line it is on. */
    private static List<FieldProblem> fields(Design d, ParsedFlow parsed, List<FlowProblem> problems) {
        Map<Integer, String> byLine = new HashMap<>();
        for (Map.Entry<String, Location> e : parsed.locations().entrySet()) {
            String path = e.getKey();
            String field = null;
            if (path.startsWith("map.")) {
                String target = path.substring(4).replaceAll("(#.*|\\.key.*|\\.(choice|label|lookup).*)$", "");
                for (int i = 0; i < d.columns().size(); i++) {
                    if (d.columns().get(i).target().equals(target)) {
                        Design.Column c = d.columns().get(i);
                        field = "m-" + i + "-" + (c.kind().equals("none") ? "kind" : c.kind().equals("lookup")
                                ? "lookup-key" : c.kind());
                        break;
                    }
                }
            } else if (path.startsWith("source.where")) {
                field = "filter";
            } else if (path.startsWith("source.incremental")) {
                field = "incremental";
            } else if (path.startsWith("target.key")) {
                field = "target-key";
            } else if (path.startsWith("target.mark-column")) {
                field = "mark-column";
            } else if (path.startsWith("target.on-delete")) {
                field = "on-delete";
            } else if (path.equals("schedule")) {
                field = "schedule-kind";
            } else if (path.startsWith("source.")) {
                field = "source-table";
            } else if (path.startsWith("target.")) {
                field = "target-table";
            }
            if (field != null) {
                byLine.putIfAbsent(e.getValue().line(), field);
                if (path.startsWith("map.")) {
                    byLine.put(e.getValue().line(), field);
                }
            }
        }
        return problems.stream().map(p -> new FieldProblem(byLine.getOrDefault(p.location().line(), ""),
                p.message() + (p.suggestion() == null ? "" : " (did you mean '" + p.suggestion() + "'?)"))).toList();
    }

    /** The live check of grid row {@code row}'s expression. */
    public DesignerView.CelView cel(Caller caller, Design d, int row) {
        try (Resolved r = new Resolved(endpoints, caller, d)) {
            if (r.sourceSchema == null || row < 0 || row >= d.columns().size()) {
                return new DesignerView.CelView(false, "choose the source table first", "", -1);
            }
            Design.Column c = d.columns().get(row);
            boolean choice = c.kind().equals("choice");
            String text = choice ? c.choice() : c.cel();
            if (text.isBlank()) {
                return new DesignerView.CelView(false, "write an expression over the source columns, e.g. name + \" ("
                        + "\" + accountnumber + \")\"", text, -1);
            }
            ColumnSchema target = r.targetSchema == null || choice ? null : r.targetSchema.column(c.target())
                    .or(() -> r.targetSchema.column("_" + c.target() + "_value")).orElse(null);
            return DesignerViews.cel(r.sourceSchema, text, target);
        }
    }

    /** The filter as the source runs it, with the rows' own problems. */
    public DesignerView.FilterView filter(Caller caller, Design d) {
        try (Resolved r = new Resolved(endpoints, caller, d)) {
            List<FieldProblem> problems = new ArrayList<>();
            DesignerView.FilterView f = DesignerViews.filter(d, r, problems);
            if (!problems.isEmpty()) {
                return new DesignerView.FilterView("", null, null, null, problems.get(0).message(), 0);
            }
            return f;
        }
    }

    /** The schedule in words. */
    public DesignerView.ScheduleView schedule(Design d) {
        return DesignerViews.schedule(d.options(), s.clock().instant());
    }
}
