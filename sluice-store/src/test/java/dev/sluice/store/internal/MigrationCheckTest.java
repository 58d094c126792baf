package dev.sluice.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.SluiceException;
import dev.sluice.store.SluiceStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a store leaves Flyway out only when the database holds exactly the migrations this build carries. */
class MigrationCheckTest {
    @Test
    void theChecksumIsFlywaysCrc32OfTheLines() throws Exception {
        // CRC32 of "ab" then "c": line ends and a byte order mark do not count
        int plain = MigrationCheck.checksum(new ByteArrayInputStream("ab\nc".getBytes(StandardCharsets.UTF_8)));
        assertThat(MigrationCheck.checksum(new ByteArrayInputStream("\uFEFFab\r\nc\n".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(plain);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("abc".getBytes(StandardCharsets.UTF_8));
        assertThat(plain).isEqualTo((int) crc.getValue());
    }

    @Test
    void aMigratedStoreIsUpToDateAndAnEditedOrMissingMigrationIsNot(@TempDir Path home) throws Exception {
        Map<String, Integer> bundled = MigrationCheck.bundled();
        assertThat(bundled).containsKeys("1", "2", "3", "4");
        try (SluiceStore store = SluiceStore.builder().home(home).environment(Map.of()).build()) {
            assertThat(MigrationCheck.upToDate(store.dataSource(), Database.HISTORY)).isTrue();
            try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("UPDATE \"" + Database.HISTORY + "\" SET \"checksum\" = 7 WHERE \"version\" = '2'");
            }
            assertThat(MigrationCheck.upToDate(store.dataSource(), Database.HISTORY)).isFalse();
        }
        // so Flyway runs again, and its validation refuses the edited migration as before
        assertThatThrownBy(() -> SluiceStore.builder().home(home).environment(Map.of()).build())
                .isInstanceOf(SluiceException.class).hasMessageContaining("Migrations have failed validation")
                .hasStackTraceContaining("checksum mismatch for migration version 2");
    }

    @Test
    void theBuildIndexesEveryMigrationInTheFolder() throws Exception {
        Path classes = Path.of(MigrationCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        java.util.List<String> listed;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(classes.resolve(MigrationCheck.FOLDER))) {
            listed = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertThat(java.nio.file.Files.readAllLines(classes.resolve(MigrationCheck.INDEX)).stream().sorted().toList())
                .as("the index sluice-store's build writes").isEqualTo(listed).isNotEmpty();
    }

    @Test
    void aJarIsReadThroughTheIndexAndListedWithoutOne(@TempDir Path dir) throws Exception {
        Path classes = Path.of(MigrationCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, Integer> fromFolder = MigrationCheck.bundled(classes);
        java.util.List<String> all = java.nio.file.Files.readAllLines(classes.resolve(MigrationCheck.INDEX));
        String first = all.stream().filter(n -> n.startsWith("V1__")).findFirst().orElseThrow();

        assertThat(MigrationCheck.bundled(jar(dir.resolve("indexed.jar"), classes, all, String.join("\n", all))))
                .isEqualTo(fromFolder);
        assertThat(MigrationCheck.bundled(jar(dir.resolve("unindexed.jar"), classes, all, null))).isEqualTo(fromFolder);
        // the index decides what a jar holds: one name, one migration; a name the jar lacks, no shortcut
        assertThat(MigrationCheck.bundled(jar(dir.resolve("one.jar"), classes, all, first))).containsOnlyKeys("1");
        assertThat(MigrationCheck.bundled(jar(dir.resolve("missing.jar"), classes, java.util.List.of(first),
                first + "\nV99__not_here.sql"))).isNull();
    }

    private static Path jar(Path jar, Path classes, java.util.List<String> names, String index) throws Exception {
        try (java.util.jar.JarOutputStream out =
                new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar))) {
            for (String n : names) {
                out.putNextEntry(new java.util.jar.JarEntry(MigrationCheck.FOLDER + n));
                out.write(java.nio.file.Files.readAllBytes(classes.resolve(MigrationCheck.FOLDER + n)));
            }
            if (index != null) {
                out.putNextEntry(new java.util.jar.JarEntry(MigrationCheck.INDEX));
                out.write(index.getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    @Test
    void anEmptyDatabaseIsNotUpToDate(@TempDir Path home) {
        DatabaseTarget target = new DatabaseTarget("jdbc:h2:file:" + home.resolve("empty"), Dialect.H2, "sa",
                dev.sluice.core.Secret.of(""), null, 2, java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5));
        com.zaxxer.hikari.HikariDataSource ds = new com.zaxxer.hikari.HikariDataSource();
        ds.setJdbcUrl(target.jdbcUrl());
        ds.setUsername("sa");
        ds.setPassword("");
        try (ds) {
            assertThat(MigrationCheck.upToDate(ds, Database.HISTORY)).isFalse();
        }
    }
}
