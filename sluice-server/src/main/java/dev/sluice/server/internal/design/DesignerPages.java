package dev.sluice.server.internal.design;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.sluice.server.internal.ApiRoute;
import dev.sluice.server.internal.Caller;
import dev.sluice.server.internal.FlowService;
import dev.sluice.server.internal.PageGuard;
import dev.sluice.server.internal.Pages;
import dev.sluice.server.internal.Services;
import dev.sluice.store.FlowVersion;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The designer's pages: a new flow ({@code /designer}), a saved flow opened in it ({@code /designer/{flow}}), and the
 * form's requests. The form is the whole state: every request posts it, and the page is rendered again from it, so
 * the designer works without script; with htmx, a change re-renders the form in place, and the live checks (CEL, the
 * filter, the schedule), the table search, the preview and the YAML come back as fragments. Saving goes through
 * {@link FlowService} like an upload. Forms carry the session's CSRF token; the page's CSP forbids inline script and
 * style. Thread-safe.
 */
public final class DesignerPages {
    private final PageGuard guard;
    private final DesignService designs;

    public DesignerPages(Services services, Pages pages, FlowService flows) {
        this.guard = new PageGuard(services, pages);
        this.designs = new DesignService(services, flows);
    }

    /** The routes. */
    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(GET, "/designer", "public", "Designer: a new flow", this::blank),
                new ApiRoute(GET, "/designer/{flow}", "public", "Designer: a saved flow (read-only when the designer "
                        + "cannot show it)", this::open),
                new ApiRoute(POST, "/designer", "public", "Designer form: update, filter rows, create a table, "
                        + "preview, YAML, save", ctx -> form(ctx, false)),
                new ApiRoute(POST, "/designer/form", "public", "Designer form, re-rendered in place (htmx fragment)",
                        ctx -> form(ctx, true)),
                new ApiRoute(POST, "/designer/tables", "public", "Designer: tables matching a search (htmx fragment)",
                        this::tables),
                new ApiRoute(POST, "/designer/cel", "public", "Designer: live check of a mapping's CEL (htmx "
                        + "fragment)", this::cel),
                new ApiRoute(POST, "/designer/filter", "public", "Designer: the filter as the source runs it (htmx "
                        + "fragment)", this::filter),
                new ApiRoute(POST, "/designer/schedule", "public", "Designer: the schedule in words with its next "
                        + "times (htmx fragment)", this::schedule),
                new ApiRoute(POST, "/designer/preview", "public", "Designer: preview the first source records "
                        + "(htmx fragment)", this::preview),
                new ApiRoute(POST, "/designer/yaml", "public", "Designer: the flow file (htmx fragment)", this::yaml),
                new ApiRoute(POST, "/designer/download", "public", "Designer: download the flow file", this::download));
    }

    private static Design design(Context ctx) {
        return Design.fromForm(ctx.formParamMap());
    }

    private void blank(Context ctx) throws Exception {
        guard.run(ctx, c -> page(ctx, c, designs.view(c, Design.blank(), "", List.of(), null, false), 200));
    }

    private void open(Context ctx) throws Exception {
        guard.run(ctx, c -> page(ctx, c, designs.open(c, ctx.pathParam("flow")), 200));
    }

    private void page(Context ctx, Caller c, DesignerView v, int status) {
        guard.render(ctx, c, "designer.jte", Map.of("v", v));
        ctx.status(status);
    }

    /** Every action of the form; {@code fragment}: answer the form alone (htmx), else the whole page. */
    private void form(Context ctx, boolean fragment) throws Exception {
        guard.run(ctx, c -> {
            Design d = design(ctx);
            String action = String.valueOf(ctx.formParam("action"));
            String notice = "";
            List<FieldProblem> problems = List.of();
            DesignerView.PreviewView preview = null;
            boolean yaml = false;
            if (action.equals("save") && !fragment) {
                try {
                    FlowVersion v = designs.save(c, d);
                    ctx.redirect("/flows/" + URLEncoder.encode(v.flow(), StandardCharsets.UTF_8).replace("+", "%20")
                            + "?done=saved", HttpStatus.SEE_OTHER);
                    return;
                } catch (DesignProblems e) {
                    problems = e.problems();
                    yaml = true;
                }
            } else if (action.equals("add-filter")) {
                d = designs.addFilter(d);
            } else if (action.startsWith("remove-filter-")) {
                d = designs.removeFilter(d, index(action.substring("remove-filter-".length())));
            } else if (action.equals("create-table")) {
                DesignService.Outcome o = designs.createTable(c, d);
                d = o.design();
                notice = o.notice();
                problems = o.problems();
            } else if (action.equals("preview")) {
                preview = designs.preview(c, d);
            } else if (action.equals("yaml")) {
                yaml = true;
            }
            DesignerView v = designs.view(c, d, notice, problems, preview, yaml);
            if (fragment) {
                guard.renderFragment(ctx, "designer_form.jte", Map.of("v", v));
            } else {
                page(ctx, c, v, problems.isEmpty() ? 200 : 400);
            }
        });
    }

    private static int index(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            // not a number: -1 is no row, so nothing is removed or checked
            return -1;
        }
    }

    private void tables(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            boolean source = !"target".equals(ctx.queryParam("side"));
            DesignerView v = designs.view(c, design(ctx), "", List.of(), null, false);
            Design d = v.design();
            guard.renderFragment(ctx, "designer_tables.jte", Map.of("id", source ? "source-table" : "target-table",
                    "name", source ? "source.table" : "target.table", "tables", source ? v.sourceTables()
                            : v.targetTables(), "chosen", source ? d.source().table() : d.target().newTable()
                            ? Design.NEW_TABLE : d.target().table(), "newTable", !source && v.mayCreateTable()));
        });
    }

    private void cel(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            int row = index(String.valueOf(ctx.queryParam("row")));
            guard.renderFragment(ctx, "designer_cel.jte", Map.of("id", "m-" + row + "-check",
                    "check", designs.cel(c, design(ctx), row)));
        });
    }

    private void filter(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            Map<String, Object> p = new java.util.HashMap<>();
            p.put("filter", designs.filter(c, design(ctx)));
            guard.renderFragment(ctx, "designer_filter.jte", p);
        });
    }

    private void schedule(Context ctx) throws Exception {
        guard.run(ctx, c -> guard.renderFragment(ctx, "designer_schedule.jte", Map.of("schedule",
                designs.schedule(design(ctx)))));
    }

    private void preview(Context ctx) throws Exception {
        guard.run(ctx, c -> guard.renderFragment(ctx, "designer_preview.jte", Map.of("preview",
                designs.preview(c, design(ctx)))));
    }

    private void yaml(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            Design d = design(ctx);
            DesignerView v = designs.view(c, d, "", List.of(), null, true);
            Map<String, Object> p = new java.util.HashMap<>();
            p.put("yaml", v.yaml());
            p.put("diff", v.diff());
            p.put("base", v.design().baseVersion());
            if (v.yaml() == null) {
                guard.renderFragment(ctx, "designer_preview.jte", Map.of("preview", new DesignerView.PreviewView(null,
                        List.of(), v.problems())));
                ctx.header("HX-Retarget", "#preview");
                return;
            }
            guard.renderFragment(ctx, "designer_yaml.jte", p);
        });
    }

    private void download(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            Design d = design(ctx);
            try {
                String yaml = designs.yaml(c, d);
                attachment(ctx, d.name() + ".flow.yaml", yaml);
            } catch (DesignProblems e) {
                page(ctx, c, designs.view(c, d, "", e.problems(), null, false), 400);
            }
        });
    }

    /** Answers a flow file as a download. */
    public static void attachment(Context ctx, String file, String yaml) {
        ctx.status(200).contentType("application/yaml; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + file.replaceAll("[^A-Za-z0-9._-]", "_")
                        + "\"")
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store")
                .result(yaml.getBytes(StandardCharsets.UTF_8));
    }
}
