package dev.sluice.store.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells cheaply whether the database already holds every migration this build carries, each applied successfully
 * with the same checksum, so that opening the store can leave Flyway out: loading Flyway and scanning for migrations
 * costs a CLI command more than the rest of opening the store. Anything else (a new or edited migration, a failed
 * one, a history it cannot read, a migration kind it does not know) answers false, and Flyway migrates and validates
 * as always. Stateless, thread-safe.
 */
public final class MigrationCheck {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationCheck.class);
    /** Where the migrations are, next to this class (in the store's jar, or the runnable jar it is shaded into). */
    static final String FOLDER = "dev/sluice/store/migration/";
    /**
     * The names of the files in {@link #FOLDER}, one a line, written by the build (sluice-store's pom); outside the
     * folder, where Flyway does not look.
     */
    static final String INDEX = "dev/sluice/store/bundled-migrations.txt";
    /** Flyway's versioned SQL migrations: {@code V6__name.sql}, {@code V6_1__name.sql} (version 6.1). */
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__[^/]+\\.sql");

    private MigrationCheck() {}

    /** Whether every bundled migration is in Flyway's history table {@code table}, applied, with its checksum. */
    public static boolean upToDate(DataSource db, String table) {
        Map<String, Integer> bundled = bundled();
        if (bundled == null || bundled.isEmpty()) {
            return false;
        }
        Map<String, Integer> applied = new HashMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT \"version\", \"checksum\", \"success\" FROM \"" + table + "\"")) {
            while (rs.next()) {
                String version = rs.getString(1);
                if (version == null) {
                    continue; // Flyway's own row for the creation of the table
                }
                if (!rs.getBoolean(3)) {
                    return false;
                }
                int checksum = rs.getInt(2);
                applied.put(version, rs.wasNull() ? null : checksum);
            }
        } catch (SQLException e) {
            return false; // no history yet, or one this check cannot read: Flyway decides
        }
        return applied.equals(bundled);
    }

    /** Version → checksum of every migration this build carries, or null when they cannot all be read. */
    static Map<String, Integer> bundled() {
        Path location;
        try {
            location = Path.of(MigrationCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            // no file location for this class (an unusual class loader): no shortcut, Flyway checks
            LOG.debug("cannot locate bundled migrations", e);
            return null;
        }
        return bundled(location);
    }

    /** The same, of the migrations in a classes folder or a jar. */
    static Map<String, Integer> bundled(Path location) {
        try {
            if (Files.isDirectory(location)) {
                Path folder = location.resolve(FOLDER);
                try (Stream<Path> files = Files.list(folder)) {
                    return read(files.map(p -> FOLDER + p.getFileName()).toList(), name -> {
                        try {
                            return Files.newInputStream(location.resolve(name));
                        } catch (IOException e) {
                            // one migration cannot be opened: read() then gives null (no shortcut, Flyway checks)
                            return null;
                        }
                    });
                }
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                return read(names(jar), name -> {
                    try {
                        java.util.zip.ZipEntry entry = jar.getEntry(name);
                        return entry == null ? null : jar.getInputStream(entry);
                    } catch (IOException e) {
                        // one migration cannot be opened: read() then gives null (no shortcut, Flyway checks)
                        return null;
                    }
                });
            }
        } catch (IOException | RuntimeException e) {
            // migrations that cannot be listed: no shortcut, Flyway checks them itself
            LOG.debug("cannot list bundled migrations", e);
            return null;
        }
    }

    /**
     * The migrations in a jar: from the index the build writes beside them, else by listing the jar. The runnable
     * jar holds some twenty thousand entries, and listing them was a tenth of opening the store.
     */
    private static java.util.List<String> names(JarFile jar) throws IOException {
        java.util.zip.ZipEntry index = jar.getEntry(INDEX);
        if (index == null) {
            return jar.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.startsWith(FOLDER) && !n.endsWith("/")).toList();
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(jar.getInputStream(index),
                StandardCharsets.UTF_8))) {
            return r.lines().map(String::strip).filter(n -> !n.isEmpty()).map(n -> FOLDER + n).toList();
        }
    }

    private static Map<String, Integer> read(java.util.List<String> names, Function<String, InputStream> open)
            throws IOException {
        Map<String, Integer> out = new HashMap<>();
        for (String name : names) {
            Matcher m = VERSIONED.matcher(name.substring(FOLDER.length()));
            if (!m.matches()) {
                return null; // repeatable, Java or other migrations: leave them to Flyway
            }
            InputStream in = open.apply(name);
            if (in == null) {
                return null;
            }
            try (in) {
                out.put(m.group(1).replace('_', '.'), checksum(in));
            }
        }
        return out;
    }

    /** Flyway's checksum of a migration: CRC32 of each line's UTF-8 bytes, line ends and a byte order mark left out. */
    static int checksum(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 4096);
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            crc.update((line.startsWith("\uFEFF") ? line.substring(1) : line).getBytes(StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }
}
