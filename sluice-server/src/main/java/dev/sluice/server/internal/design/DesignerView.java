package dev.sluice.server.internal.design;

import dev.sluice.core.ColumnSchema;
import dev.sluice.core.TableSchema;
import dev.sluice.flow.FlowPreview;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the designer page shows for one design: the choices the caller has, the schemas, the mapping grid with
 * its live checks, the filter and schedule in words, problems by field, and on request a preview and the YAML.
 * Immutable.
 *
 * @param design the form's state (its grid rows normalised to the target's columns)
 * @param readOnly why the flow is shown read-only, or empty when it can be edited and saved
 * @param sources connections and databases the caller may read
 * @param targets connections and databases the caller may write
 * @param sourceTables the source's tables matching the search (the chosen one always included)
 * @param targetTables the target's tables matching the search
 * @param sourceSchema the source table's schema, or null
 * @param targetSchema the target table's schema, or null
 * @param mayCreateTable whether the target is a database the caller may create tables in
 * @param keys the write keys the target offers
 * @param grid one row per target column
 * @param sourceColumns the source's columns
 * @param markColumns target columns {@code on-delete: mark} may set
 * @param watermarkColumns source columns a watermark may follow
 * @param filter the filter as the source runs it, or null without one
 * @param schedule the schedule in words
 * @param problems what to fix, by field
 * @param notice what just happened, or empty
 * @param preview a preview, or null
 * @param yaml the flow file, or null
 * @param diff the flow file's changes against the version it was opened from, or empty
 * @param csrf the session's CSRF token
 */
public record DesignerView(Design design, List<String> readOnly, List<Endpoints.Endpoint> sources,
        List<Endpoints.Endpoint> targets, List<String> sourceTables, List<String> targetTables,
        TableSchema sourceSchema, TableSchema targetSchema, boolean mayCreateTable, List<Option> keys, List<GridRow> grid,
        List<Option> sourceColumns, List<String> markColumns, List<String> watermarkColumns, FilterView filter,
        ScheduleView schedule, List<FieldProblem> problems, String notice, PreviewView preview, String yaml,
        List<LineDiff.Line> diff, String csrf) {

    /** A choice of a select: its value, what it says, and whether it is chosen. */
    public record Option(String value, String label, boolean selected) {}

    /**
     * One target column of the mapping grid.
     *
     * @param index its position (form fields {@code m.N.*})
     * @param target the column as the flow names it
     * @param type its kind in words
     * @param required whether a new row needs it
     * @param key whether it is part of the chosen write key
     * @param kinds where its value may come from
     * @param value what was chosen
     * @param lookupTables tables a lookup column may point to
     * @param lookupKeys alternate keys of the chosen lookup table
     * @param lookupKeyColumns the chosen alternate key's columns
     * @param choices the column's choice labels, if any
     * @param check the live check of its CEL, or null
     */
    public record GridRow(int index, String target, String type, boolean required, boolean key, List<Option> kinds,
            Design.Column value, List<String> lookupTables, List<Option> lookupKeys, List<String> lookupKeyColumns,
            List<String> choices, CelView check) {
        /** Form field ids start {@code m-N-}. */
        public String id(String part) {
            return "m-" + index + "-" + part;
        }
    }

    /**
     * A CEL expression checked as the flow would check it.
     *
     * @param ok whether it compiles and fits
     * @param message what is wrong, or what it gives
     * @param text the expression
     * @param offset where the problem is (0-based), or -1
     */
    public record CelView(boolean ok, String message, String text, int offset) {
        /** The expression's text up to the problem, for a caret under it. */
        public String caretPad() {
            return offset < 0 ? "" : " ".repeat(Math.min(offset, text.length()));
        }
    }

    /**
     * The filter as the source runs it.
     *
     * @param cel the CEL {@code where}
     * @param pushed the {@code $filter} or SQL {@code WHERE} it becomes, or null
     * @param inMemory what is checked on each record, or null
     * @param why why something stays in memory, or null
     * @param problem why it cannot be used, or null
     * @param offset where the problem is
     */
    public record FilterView(String cel, String pushed, String inMemory, String why, String problem, int offset) {}

    /**
     * The schedule in words.
     *
     * @param words what it does ({@code at 06:00 on Monday to Friday (UTC)})
     * @param next the next five times, in words
     * @param problem what is wrong, or null
     */
    public record ScheduleView(String words, List<String> next, String problem) {}

    /**
     * A preview: the first source records and what they become, or the flow's problems.
     *
     * @param result the preview, or null when the flow did not validate
     * @param columns the source columns shown
     * @param problems the flow's problems (from the validator, as for every flow)
     */
    public record PreviewView(FlowPreview.Result result, List<String> columns, List<FieldProblem> problems) {
        /** A value for a cell. */
        public static String cell(Object v) {
            return v == null ? "∅" : v.toString();
        }

        public String cell(Map<String, Object> record, String column) {
            return cell(record.get(column));
        }
    }

    /** Whether the flow can be edited and saved. */
    public boolean editable() {
        return readOnly.isEmpty();
    }

    /** The problem about this field, or empty. */
    public String problem(String field) {
        return problems.stream().filter(p -> p.field().equals(field)).map(FieldProblem::message).findFirst().orElse("");
    }

    /** A column's kind in words. */
    public static String kind(ColumnSchema c) {
        return c.kind().name().toLowerCase(Locale.ROOT);
    }
}
