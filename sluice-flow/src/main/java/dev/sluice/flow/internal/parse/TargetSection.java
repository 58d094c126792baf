package dev.sluice.flow.internal.parse;

import dev.sluice.core.NearestName;
import dev.sluice.core.WriteMode;
import dev.sluice.flow.OnDelete;
import dev.sluice.flow.TargetSpec;
import dev.sluice.flow.internal.yaml.Node;
import java.util.List;
import java.util.Locale;

/** The {@code target} section of a flow file: connection, table, write mode, key, chunk size and deletes. Thread-safe. */
public final class TargetSection {
    private static final List<String> KEYS = List.of("connection", "table", "write", "key", "chunk-size",
            "on-delete", "mark-column");
    /** Dataverse: at most 1000 operations per bulk request; larger chunks only delay checkpoints. */
    private static final int MAX_CHUNK_SIZE = 1000;

    private TargetSection() {}

    /** The target; null when the section or a part it needs is missing or bad (the problems are recorded). */
    public static TargetSpec read(FlowFileReader r, Node.MapNode top) {
        Node.MapNode m = r.section(top, "target", KEYS);
        if (m == null) {
            return null;
        }
        String connection = r.text(m, "connection", "target", true);
        String table = r.text(m, "table", "target", true);
        String write = r.text(m, "write", "target", true);
        List<String> key = r.names(m, "key", "target");
        WriteMode mode = writeMode(r, m, write, key);
        int chunk = chunkSize(r, m);
        String onDeleteText = r.text(m, "on-delete", "target", false);
        String mark = r.text(m, "mark-column", "target", false);
        OnDelete onDelete = onDelete(r, m, onDeleteText);
        if (!deletesFit(r, m, onDelete, onDeleteText, mark, mode)) {
            return null;
        }
        if (connection == null || table == null || mode == null || onDelete == null) {
            return null;
        }
        return new TargetSpec(connection, table, mode, key, chunk, onDelete, mark);
    }

    /**
     * The write mode; a misspelt one stands for the mode it was probably meant to be, so that the rest of the flow
     * is still checked. Null when absent, or when nothing close was meant.
     */
    private static WriteMode writeMode(FlowFileReader r, Node.MapNode m, String write, List<String> key) {
        WriteMode mode = null;
        boolean guessed = false;
        if (write != null) {
            try {
                mode = WriteMode.valueOf(write.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                guessed = true;
                String meant = NearestName.of(write, List.of("create", "update", "upsert", "delete"));
                r.add(m.entries().get("write").value().location(), "write must be create, update, upsert or delete, "
                        + "not '" + write + "'", meant);
                // go on as if it said what it probably meant, to check the rest of the flow
                mode = meant == null ? null : WriteMode.valueOf(meant.toUpperCase(Locale.ROOT));
            }
        }
        if (mode != null && mode != WriteMode.CREATE && key.isEmpty()) {
            if (guessed) {
                return null; // a guess that needs a key nobody wrote: stop here rather than report a knock-on problem
            }
            r.add(m.location(), "target: write '" + write + "' needs 'key', the target columns that identify a row "
                    + "(e.g. key: [accountnumber])", null);
        }
        return mode;
    }

    private static int chunkSize(FlowFileReader r, Node.MapNode m) {
        Node.Entry c = m.entries().get("chunk-size");
        if (c == null) {
            return TargetSpec.DEFAULT_CHUNK_SIZE;
        }
        if (c.value() instanceof Node.Scalar s && s.value() instanceof Long n && n >= 1 && n <= MAX_CHUNK_SIZE) {
            return n.intValue();
        }
        r.add(c.value().location(), "chunk-size must be a whole number from 1 to " + MAX_CHUNK_SIZE, null);
        return TargetSpec.DEFAULT_CHUNK_SIZE;
    }

    /** What {@code on-delete} says; {@code ignore} when absent, null when bad (the problem is recorded). */
    private static OnDelete onDelete(FlowFileReader r, Node.MapNode m, String onDeleteText) {
        if (onDeleteText == null) {
            return OnDelete.IGNORE;
        }
        try {
            return OnDelete.valueOf(onDeleteText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            r.add(m.entries().get("on-delete").value().location(), "on-delete must be ignore, delete or mark, not '"
                    + onDeleteText + "'", NearestName.of(onDeleteText, List.of("ignore", "delete", "mark")));
            return null;
        }
    }

    /** Whether {@code on-delete}, {@code mark-column} and the write mode go together; a problem when not. */
    private static boolean deletesFit(FlowFileReader r, Node.MapNode m, OnDelete onDelete, String onDeleteText,
            String mark, WriteMode mode) {
        if (onDelete == OnDelete.MARK && mark == null) {
            r.add(m.entries().get("on-delete").value().location(), "on-delete: mark needs 'mark-column', the target "
                    + "column to set when the source row is deleted (e.g. mark-column: deleted_at)", null);
            return false;
        }
        if (mark != null && onDelete != OnDelete.MARK) {
            r.add(m.entries().get("mark-column").keyLocation(), "'mark-column' goes with 'on-delete: mark'", null);
            return false;
        }
        if (onDelete != null && onDelete != OnDelete.IGNORE && mode != null && mode != WriteMode.UPSERT
                && mode != WriteMode.UPDATE) {
            r.add(m.entries().get("on-delete").value().location(), "on-delete: " + onDeleteText + " needs write: "
                    + "upsert or update, which find target rows by 'key'", null);
            return false;
        }
        return true;
    }
}
