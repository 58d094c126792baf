package dev.sluice.flow.internal.parse;

import dev.sluice.core.NearestName;
import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.FetchXml;
import dev.sluice.flow.Incremental;
import dev.sluice.flow.Location;
import dev.sluice.flow.SourceSpec;
import dev.sluice.flow.Trigger;
import dev.sluice.flow.internal.DurationText;
import dev.sluice.flow.internal.yaml.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code source} section of a flow file: connection, table or FetchXML, columns, {@code where}, incremental read
 * and trigger. Thread-safe.
 */
public final class SourceSection {
    private static final List<String> KEYS = List.of("connection", "table", "select", "where", "incremental",
            "on-expired-token", "trigger", "interval", "fetchxml");

    private SourceSection() {}

    /** The source; null when the section, its connection or its table is missing (the problems are recorded). */
    public static SourceSpec read(FlowFileReader r, Node.MapNode top) {
        Node.MapNode m = r.section(top, "source", KEYS);
        if (m == null) {
            return null;
        }
        String connection = r.text(m, "connection", "source", true);
        String fetchXml = fetchXml(r, m);
        String table = r.text(m, "table", "source", fetchXml == null && !m.entries().containsKey("fetchxml"));
        List<String> select = r.names(m, "select", "source");
        String where = r.text(m, "where", "source", false);
        Incremental incremental = IncrementalSetting.read(r, m);
        Trigger trigger = trigger(r, m, incremental);
        if (fetchXml != null) {
            table = fetchXmlTable(r, m, fetchXml, table, select, incremental);
        }
        if (connection == null || table == null) {
            return null;
        }
        return new SourceSpec(connection, table, select, where, incremental, trigger, fetchXml);
    }

    /** {@code trigger: new-or-updated} with its {@code interval}; null when there is none or it is bad. */
    private static Trigger trigger(FlowFileReader r, Node.MapNode m, Incremental incremental) {
        String t = r.text(m, "trigger", "source", false);
        String interval = r.text(m, "interval", "source", false);
        Duration every = null;
        if (interval != null) {
            every = DurationText.parse(interval);
            if (every == null) {
                r.add(m.entries().get("interval").value().location(), "interval '" + interval + "' is not "
                        + "understood; write it as 30s, 15m, 2h or 1d", null);
            }
        }
        if (t == null) {
            return null;
        }
        if (!t.equals("new-or-updated")) {
            r.add(m.entries().get("trigger").value().location(), "trigger must be 'new-or-updated', not '" + t + "'",
                    NearestName.of(t, List.of("new-or-updated")));
            return null;
        }
        if (incremental instanceof Incremental.Full) {
            r.add(m.entries().get("trigger").value().location(), "trigger 'new-or-updated' needs "
                    + "'incremental: change-tracking' or 'incremental: {watermark: COLUMN}' to see what changed", null);
        }
        return new Trigger(Trigger.Kind.NEW_OR_UPDATED, every);
    }

    /**
     * The table of a FetchXML source: the query's entity, which a {@code table} the file gives must match; reports
     * the settings a FetchXML source cannot take.
     */
    private static String fetchXmlTable(FlowFileReader r, Node.MapNode m, String fetchXml, String table,
            List<String> select, Incremental incremental) {
        Location at = m.entries().get("fetchxml").value().location();
        String entity = FetchXml.parse(fetchXml).entity();
        if (table != null && !table.equals(entity)) {
            r.add(m.entries().get("table").value().location(), "table '" + table + "' is not the entity '" + entity
                    + "' the fetchxml queries; leave 'table' out or make them the same", null);
        }
        if (!select.isEmpty()) {
            r.add(m.entries().get("select").value().location(), "a fetchxml source takes its columns from the "
                    + "FetchXML; drop 'select' and list <attribute> elements instead", null);
        }
        if (incremental instanceof Incremental.ChangeTracking) {
            r.add(at, "a fetchxml source cannot use change tracking (it follows one table); use 'incremental: "
                    + "{watermark: COLUMN}' with a column the FetchXML returns, e.g. modifiedon", null);
        }
        return entity;
    }

    /**
     * The {@code fetchxml} of a source: inline XML (text starting with {@code <}), or a file, relative to the flow
     * file's folder; checked to be well-formed FetchXML. Null when absent or bad (the problem is recorded).
     */
    private static String fetchXml(FlowFileReader r, Node.MapNode source) {
        String v = r.text(source, "fetchxml", "source", false);
        if (v == null) {
            return null;
        }
        Location at = source.entries().get("fetchxml").value().location();
        r.locate("source.fetchxml", at);
        String xml = v;
        if (!v.stripLeading().startsWith("<")) {
            Path dir = Path.of(r.file()).toAbsolutePath().getParent();
            Path f = dir == null ? Path.of(v) : dir.resolve(v);
            try {
                xml = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException | InvalidPathException e) {
                r.add(at, "cannot read the fetchxml file " + f + " (" + e.getClass().getSimpleName() + "); give a "
                        + "path relative to the flow file, or the FetchXML itself", null);
                return null;
            }
        }
        try {
            FetchXml.parse(xml);
        } catch (SluiceException e) {
            r.add(at, e.getMessage(), null);
            return null;
        }
        return xml;
    }
}
