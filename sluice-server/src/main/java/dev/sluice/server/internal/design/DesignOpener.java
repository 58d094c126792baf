package dev.sluice.server.internal.design;

import dev.sluice.core.TableSchema;
import dev.sluice.flow.ColumnMapping;
import dev.sluice.flow.ErrorPolicy;
import dev.sluice.flow.FlowDefinition;
import dev.sluice.flow.Incremental;
import dev.sluice.flow.Interval;
import dev.sluice.flow.Mapping;
import dev.sluice.flow.TargetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Opens a saved flow in the designer: the {@link Design} that saves it again as it is, or why the designer cannot show
 * it (then the designer shows it read-only). The designer shows flows between connections and databases of the server,
 * reading a table; it does not show connections declared in the file (files, JDBC URLs) or FetchXML sources. Stateless.
 */
public final class DesignOpener {
    private DesignOpener() {}

    /** What the designer makes of a flow file. */
    public record Opened(Design design, List<String> reasons) {
        public Opened {
            reasons = List.copyOf(reasons);
        }

        /** Whether the designer can show and save it. */
        public boolean editable() {
            return reasons.isEmpty();
        }
    }

    /** The design of {@code def} (saved as {@code version}), judged against the source's schema when known. */
    public static Opened open(FlowDefinition def, int version, TableSchema source) {
        List<String> reasons = new ArrayList<>();
        if (!def.connections().isEmpty()) {
            reasons.add("it declares its own connections (" + String.join(", ", def.connections().keySet())
                    + "); the designer only offers the server's connections and registered databases");
        }
        if (def.source().fetchXml() != null) {
            reasons.add("its source is a FetchXML query; the designer reads tables");
        }
        String where = def.source().where() == null ? "" : def.source().where();
        Optional<List<Design.Filter>> rows = source == null ? Optional.empty() : FilterText.rows(where, source);
        String incremental = def.source().incremental() instanceof Incremental.ChangeTracking ? "change-tracking"
                : def.source().incremental() instanceof Incremental.Watermark ? "watermark" : "full";
        String watermark = def.source().incremental() instanceof Incremental.Watermark w ? w.column() : "";
        boolean failOnExpiry = def.source().incremental() instanceof Incremental.ChangeTracking ct && ct.failOnExpiry();
        Design.Source s = new Design.Source(def.source().connection(), def.source().table(), "",
                rows.isPresent() ? "rows" : "cel", rows.orElse(List.of()), rows.isPresent() ? "" : where, incremental,
                watermark, failOnExpiry);
        TargetSpec t = def.target();
        Design.Target target = new Design.Target(t.connection(), t.table(), "", false, "", List.of(),
                t.write().name().toLowerCase(Locale.ROOT), String.join(",", t.key()));
        List<Design.Column> columns = new ArrayList<>();
        for (ColumnMapping m : def.mappings()) {
            columns.add(column(m, source));
        }
        String schedule = "none";
        String every = "15m";
        String cron = "0 6 * * 1-5";
        if (def.scheduleCron().isPresent()) {
            schedule = "cron";
            cron = def.scheduleCron().get().text();
        } else if (def.scheduleInterval().isPresent()) {
            schedule = "every";
            every = Interval.text(def.scheduleInterval().get());
        }
        String interval = "5m";
        if (def.source().trigger() != null) {
            if (!schedule.equals("none")) {
                reasons.add("it has both a schedule and a trigger; the designer offers one or the other");
            }
            schedule = "trigger";
            interval = Interval.text(def.source().trigger().interval());
        }
        Design.Options o = new Design.Options(t.onDelete().name().toLowerCase(Locale.ROOT),
                t.markColumn() == null ? "" : t.markColumn(), def.errors() == ErrorPolicy.FAIL ? "fail" : "dead-letter",
                t.chunkSize(), schedule, every, cron, interval);
        return new Opened(new Design(def.name(), version, s, target, columns, t.connection() + "/" + t.table(), o),
                reasons);
    }

    private static Design.Column column(ColumnMapping m, TableSchema source) {
        Mapping x = m.mapping();
        String target = m.target();
        if (x instanceof Mapping.Expression e) {
            String text = e.cel().strip();
            Optional<String> copied = source == null ? Optional.empty() : source.columns().stream()
                    .map(c -> c.name()).filter(n -> FilterText.ref(n).equals(text)).findFirst();
            return copied.map(c -> Design.Column.copy(target, c)).orElseGet(() -> new Design.Column(target, "cel", "",
                    "", "", "", "", "", List.of(), e.cel()));
        }
        if (x instanceof Mapping.Constant k) {
            return new Design.Column(target, "constant", "", k.value() == null ? "" : String.valueOf(k.value()), "", "",
                    "", "", List.of(), "");
        }
        if (x instanceof Mapping.ChoiceLabel l) {
            return new Design.Column(target, "label", "", "", l.column(), "", "", "", List.of(), "");
        }
        if (x instanceof Mapping.ChoiceValue cv) {
            return new Design.Column(target, "choice", "", "", "", cv.cel(), "", "", List.of(), "");
        }
        Mapping.Lookup l = (Mapping.Lookup) x;
        return new Design.Column(target, "lookup", "", "", "", "", l.table(), String.join(",", l.key().keySet()),
                List.copyOf(l.key().values()), "");
    }
}
