package dev.sluice.flow.internal.parse;

import dev.sluice.flow.ConnectionSpec;
import dev.sluice.flow.internal.yaml.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code connections} section of a flow file: each connection's kind and settings. Thread-safe. */
public final class ConnectionsSection {
    private static final List<String> KEYS = List.of("jdbc", "user", "password-env", "directory", "dataverse",
            "token-env");

    private ConnectionsSection() {}

    /** The connections the file declares, by name; empty when it declares none. */
    public static Map<String, ConnectionSpec> read(FlowFileReader r, Node.MapNode top) {
        Map<String, ConnectionSpec> out = new LinkedHashMap<>();
        Node.MapNode all = r.optionalSection(top, "connections");
        if (all == null) {
            return out;
        }
        for (Node.Entry c : all.entries().values()) {
            ConnectionSpec spec = connection(r, c);
            if (spec != null) {
                out.put(c.key(), spec);
            }
        }
        return out;
    }

    private static ConnectionSpec connection(FlowFileReader r, Node.Entry c) {
        String path = "connections." + c.key();
        r.locate(path, c.keyLocation());
        Node.MapNode m = r.map(c.value(), "connection '" + c.key() + "'", path);
        if (m == null) {
            return null;
        }
        m = r.keys(m, KEYS, "connection '" + c.key() + "'", path);
        String jdbc = r.text(m, "jdbc", path, false);
        String dir = r.text(m, "directory", path, false);
        String dv = r.text(m, "dataverse", path, false);
        int kinds = (jdbc == null ? 0 : 1) + (dir == null ? 0 : 1) + (dv == null ? 0 : 1);
        if (kinds != 1) {
            r.add(m.location(), "connection '" + c.key() + "' needs exactly one of 'jdbc' (a JDBC URL), "
                    + "'directory' (CSV and JSON Lines files) or 'dataverse' (an org URL)", null);
            return null;
        }
        if (jdbc != null) {
            return new ConnectionSpec.Jdbc(jdbc, r.text(m, "user", path, false), r.text(m, "password-env", path, false));
        }
        if (dir != null) {
            return new ConnectionSpec.Files(dir);
        }
        return new ConnectionSpec.Dataverse(dv, r.text(m, "token-env", path, false));
    }
}
