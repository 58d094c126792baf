package dev.sluice.flow;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a {@link FlowDefinition} as the flow file {@link FlowParser} reads back to an equal definition: what the
 * server's designer saves, the CLI runs and people read. Sections in the order of the README's examples (flow,
 * connections, source, map, target, errors, schedule); text is double-quoted unless it is a plain name; defaults are
 * left out. Stateless and thread-safe.
 */
public final class FlowYaml {
    /** Names written without quotes: they read back as the same text in any YAML. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
    /** Words YAML 1.1 readers take for booleans or null when unquoted. */
    private static final Set<String> RESERVED = Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n", "~");

    private FlowYaml() {}

    /** The flow file of {@code flow}. */
    public static String write(FlowDefinition flow) {
        StringBuilder y = new StringBuilder();
        y.append("flow: ").append(text(flow.name())).append('\n');
        if (!flow.connections().isEmpty()) {
            y.append("connections:\n");
            flow.connections().forEach((name, c) -> y.append("  ").append(key(name)).append(": ").append(connection(c))
                    .append('\n'));
        }
        source(y, flow.source());
        y.append("map:");
        if (flow.mappings().isEmpty()) {
            y.append(" {}");
        }
        y.append('\n');
        for (ColumnMapping m : flow.mappings()) {
            y.append("  ").append(key(m.target())).append(": ").append(mapping(m.mapping())).append('\n');
        }
        target(y, flow.target());
        if (flow.errors() == ErrorPolicy.FAIL) {
            y.append("errors: fail\n");
        }
        if (flow.schedule() != null) {
            y.append("schedule: ").append(quoted(flow.schedule())).append('\n');
        }
        return y.toString();
    }

    private static void source(StringBuilder y, SourceSpec s) {
        y.append("source:\n");
        y.append("  connection: ").append(text(s.connection())).append('\n');
        y.append("  table: ").append(text(s.table())).append('\n');
        if (s.fetchXml() != null) {
            y.append("  fetchxml: ").append(quoted(s.fetchXml())).append('\n');
        }
        if (!s.select().isEmpty()) {
            y.append("  select: ").append(list(s.select())).append('\n');
        }
        if (s.where() != null) {
            y.append("  where: ").append(quoted(s.where())).append('\n');
        }
        if (s.incremental() instanceof Incremental.ChangeTracking ct) {
            y.append("  incremental: change-tracking\n");
            if (ct.failOnExpiry()) {
                y.append("  on-expired-token: fail\n");
            }
        } else if (s.incremental() instanceof Incremental.Watermark w) {
            y.append("  incremental: { watermark: ").append(text(w.column())).append(" }\n");
        }
        if (s.trigger() != null) {
            y.append("  trigger: new-or-updated\n");
            y.append("  interval: ").append(duration(s.trigger().interval())).append('\n');
        }
    }

    private static void target(StringBuilder y, TargetSpec t) {
        y.append("target:\n");
        y.append("  connection: ").append(text(t.connection())).append('\n');
        y.append("  table: ").append(text(t.table())).append('\n');
        y.append("  write: ").append(t.write().name().toLowerCase(Locale.ROOT)).append('\n');
        if (!t.key().isEmpty()) {
            y.append("  key: ").append(list(t.key())).append('\n');
        }
        if (t.chunkSize() != TargetSpec.DEFAULT_CHUNK_SIZE) {
            y.append("  chunk-size: ").append(t.chunkSize()).append('\n');
        }
        if (t.onDelete() != OnDelete.IGNORE) {
            y.append("  on-delete: ").append(t.onDelete().name().toLowerCase(Locale.ROOT)).append('\n');
        }
        if (t.markColumn() != null) {
            y.append("  mark-column: ").append(text(t.markColumn())).append('\n');
        }
    }

    private static String mapping(Mapping m) {
        if (m instanceof Mapping.Expression e) {
            return text(e.cel());
        }
        if (m instanceof Mapping.Constant c) {
            Object v = c.value();
            if (v == null || v instanceof Boolean || v instanceof Long || v instanceof Integer) {
                return String.valueOf(v);
            }
            if (v instanceof BigDecimal d) {
                String plain = d.toPlainString();
                // a decimal must keep its point, or it would read back as a whole number
                return plain.contains(".") ? plain : plain + ".0";
            }
            return "{ value: " + quoted(String.valueOf(v)) + " }";
        }
        if (m instanceof Mapping.ChoiceValue cv) {
            return "{ choice: " + text(cv.cel()) + " }";
        }
        if (m instanceof Mapping.ChoiceLabel cl) {
            return "{ label: " + text(cl.column()) + " }";
        }
        Mapping.Lookup l = (Mapping.Lookup) m;
        StringBuilder b = new StringBuilder("{ lookup: ").append(text(l.table())).append(", key: { ");
        int i = 0;
        for (Map.Entry<String, String> e : l.key().entrySet()) {
            b.append(i++ == 0 ? "" : ", ").append(key(e.getKey())).append(": ").append(text(e.getValue()));
        }
        return b.append(" } }").toString();
    }

    private static String connection(ConnectionSpec c) {
        if (c instanceof ConnectionSpec.Jdbc j) {
            return "{ jdbc: " + quoted(j.url()) + (j.user() == null ? "" : ", user: " + text(j.user()))
                    + (j.passwordEnv() == null ? "" : ", password-env: " + text(j.passwordEnv())) + " }";
        }
        if (c instanceof ConnectionSpec.Files f) {
            return "{ directory: " + quoted(f.directory()) + " }";
        }
        ConnectionSpec.Dataverse d = (ConnectionSpec.Dataverse) c;
        return "{ dataverse: " + quoted(d.url()) + (d.tokenEnv() == null ? "" : ", token-env: " + text(d.tokenEnv()))
                + " }";
    }

    static String duration(Duration d) {
        return Interval.text(d);
    }

    private static String list(List<String> items) {
        return "[" + String.join(", ", items.stream().map(FlowYaml::text).toList()) + "]";
    }

    private static String key(String k) {
        return text(k);
    }

    /** A name as is when it reads back as itself, else quoted. */
    private static String text(String s) {
        return PLAIN.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(Locale.ROOT)) ? s : quoted(s);
    }

    /** A YAML double-quoted scalar: {@code "} and {@code \} escaped, control characters as escapes. */
    static String quoted(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == 0x7f || ch == 0x85 || ch == 0x2028 || ch == 0x2029) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
