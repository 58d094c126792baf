package dev.sluice.store.internal;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Which store schemas can work together, so nodes of two Sluice versions can share one database during a rolling
 * upgrade. Every migration is additive (new tables, new nullable or defaulted columns) unless it says otherwise with a
 * line {@code -- oldest-compatible-schema: N}: after it, nodes whose newest migration is older than {@code N} no
 * longer work. The database keeps that floor ({@code sluice_schema_floor}). A node refuses to apply such a migration
 * while a live node older than its floor shares the database, and a node older than the floor refuses to start.
 * Stateless, thread-safe.
 */
public final class SchemaCompatibility {
    /** Flyway's versioned SQL migrations: {@code V6__name.sql}, {@code V6_1__name.sql} (version 6.1). */
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__[^/]+\\.sql");
    private static final Pattern FLOOR = Pattern.compile("(?m)^--\\s*oldest-compatible-schema:\\s*(\\d+(?:[._]\\d+)*)\\s*$");

    /** A migration this build carries, and the oldest node schema that still works after it (null: every one). */
    public record Migration(String version, String oldestCompatible) {}

    private SchemaCompatibility() {}

    /** The migrations in these classpath folders ({@code classpath:a/b}), oldest first. */
    public static List<Migration> bundled(List<String> locations) {
        List<Migration> out = new ArrayList<>();
        for (String location : locations) {
            String folder = location.substring("classpath:".length());
            try {
                for (URL url : Collections.list(SchemaCompatibility.class.getClassLoader().getResources(folder))) {
                    read(url, folder, out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.sort(Comparator.comparing(Migration::version, SchemaCompatibility::compare));
        return out;
    }

    /** The newest version among {@code migrations}. */
    public static String newest(List<Migration> migrations) {
        return migrations.isEmpty() ? "0" : migrations.get(migrations.size() - 1).version();
    }

    /**
     * Before migrating: refuses when a migration not yet applied would leave a live node (one that wrote a heartbeat
     * within its lease and has not stopped) behind its floor.
     */
    public static void checkBeforeMigrating(DataSource ds, List<Migration> bundled, Instant now) {
        Set<String> applied = applied(ds);
        String floor = null;
        String raisedBy = null;
        for (Migration m : bundled) {
            if (!applied.contains(m.version()) && m.oldestCompatible() != null
                    && (floor == null || compare(m.oldestCompatible(), floor) > 0)) {
                floor = m.oldestCompatible();
                raisedBy = m.version();
            }
        }
        if (floor == null) {
            return;
        }
        List<String> behind = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name, schema_version, heartbeat_at, lease_millis, state FROM "
                        + "cluster_nodes")) {
            while (rs.next()) {
                Instant beat = rs.getObject(3, OffsetDateTime.class).toInstant();
                boolean live = !"stopped".equals(rs.getString(5)) && beat.plusMillis(rs.getLong(4)).isAfter(now);
                if (live && compare(rs.getString(2), floor) < 0) {
                    behind.add(rs.getString(1) + " (schema " + rs.getString(2) + ")");
                }
            }
        } catch (SQLException e) {
            return; // no node table yet: no node runs on this database
        }
        if (!behind.isEmpty()) {
            throw new SluiceException(ErrorKind.CONFLICT, "store migration V" + raisedBy + " of this Sluice needs every "
                    + "node at schema " + floor + " or newer, but " + String.join(", ", behind) + " still run"
                    + (behind.size() == 1 ? "s" : "") + " on this database; stop them (or upgrade them to a version "
                    + "between) before starting this version");
        }
    }

    /**
     * After migrating: raises the database's floor to what the applied migrations say, and refuses to go on when this
     * build ({@code newest}) is older than the floor (a newer Sluice migrated the database past what it understands).
     */
    public static void checkAfterMigrating(DataSource ds, List<Migration> bundled, String newest) {
        Set<String> applied = applied(ds);
        try (Connection c = ds.getConnection()) {
            String floor;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT oldest_schema FROM sluice_schema_floor WHERE id = 1")) {
                if (!rs.next()) {
                    return;
                }
                floor = rs.getString(1);
            }
            String raised = floor;
            for (Migration m : bundled) {
                if (applied.contains(m.version()) && m.oldestCompatible() != null
                        && compare(m.oldestCompatible(), raised) > 0) {
                    raised = m.oldestCompatible();
                }
            }
            if (!raised.equals(floor)) {
                try (PreparedStatement p = c.prepareStatement("UPDATE sluice_schema_floor SET oldest_schema = ? "
                        + "WHERE id = 1")) {
                    p.setString(1, raised);
                    p.executeUpdate();
                }
            }
            if (compare(newest, raised) < 0) {
                throw new SluiceException(ErrorKind.CONFLICT, "this database was migrated by a newer Sluice to a "
                        + "schema that works only with nodes at schema " + raised + " or newer; this version carries "
                        + "schema " + newest + ": upgrade this node");
            }
        } catch (SQLException e) {
            // no floor table: a database from before rolling upgrades were tracked, which every node understands
        }
    }

    /** Compares dotted versions numerically ({@code 12.1} after {@code 12}, {@code 9} before {@code 12}). */
    public static int compare(String a, String b) {
        String[] x = a.replace('_', '.').split("\\.");
        String[] y = b.replace('_', '.').split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static Set<String> applied(DataSource ds) {
        Set<String> out = new HashSet<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT \"version\" FROM \"" + Database.HISTORY + "\" WHERE \"success\" "
                        + "AND \"version\" IS NOT NULL")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            // no history yet: nothing applied
        }
        return out;
    }

    private static void read(URL url, String folder, List<Migration> out) throws IOException {
        if ("jar".equals(url.getProtocol())) {
            JarURLConnection jar = (JarURLConnection) url.openConnection();
            jar.setUseCaches(false);
            try (JarFile file = jar.getJarFile()) {
                for (JarEntry e : Collections.list(file.entries())) {
                    String name = e.getName();
                    if (name.startsWith(folder + "/") && name.indexOf('/', folder.length() + 1) < 0) {
                        try (InputStream in = file.getInputStream(e)) {
                            add(name.substring(folder.length() + 1), in, out);
                        }
                    }
                }
            }
            return;
        }
        Path dir;
        try {
            dir = Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("unreadable migration folder " + url, e);
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    add(p.getFileName().toString(), in, out);
                }
            }
        }
    }

    private static void add(String name, InputStream in, List<Migration> out) throws IOException {
        Matcher m = VERSIONED.matcher(name);
        if (!m.matches()) {
            return;
        }
        Matcher floor = FLOOR.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        out.add(new Migration(m.group(1).replace('_', '.'), floor.find() ? floor.group(1).replace('_', '.') : null));
    }
}
