package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several nodes and two versions on one PostgreSQL: Flyway migrates once however many nodes start at once; a later
 * version with additive migrations joins nodes of this one; one whose migration breaks older nodes waits until they
 * are gone, and then older nodes refuse to start.
 */
@ExtendWith(StoreExtension.class)
class RollingUpgradeStoreTest {
    static final String ADDITIVE = "classpath:dev/sluice/store/later/additive";
    static final String CONTRACTING = "classpath:dev/sluice/store/later/contracting";

    /** The highest migration this build carries (V15_1 → "15.1"), read from the migration folder. */
    static final String CURRENT = currentVersion();

    static String currentVersion() {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of(
                SluiceStore.class.getResource("migration").toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V[0-9_]+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__")).replace('_', '.'))
                    .max(java.util.Comparator.comparing(java.math.BigDecimal::new))
                    .orElseThrow();
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> applied(StoreFixture f) {
        return f.sql(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT \"version\" FROM "
                    + "sluice_schema_history WHERE \"version\" IS NOT NULL")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    @Test
    void threeNodesStartingTogetherMigrateTheDatabaseOnce(StoreExtension.Fixtures fixtures) throws Exception {
        StoreFixture f = fixtures.create(Backend.POSTGRES);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<SluiceStore>> opening = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            opening.add(pool.submit((Callable<SluiceStore>) f::open));
        }
        for (Future<SluiceStore> s : opening) {
            assertThat(s.get().schemaVersion()).isEqualTo(CURRENT);
        }
        pool.shutdown();
        String versions = f.sql(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT \"version\", COUNT(*) FROM "
                    + "sluice_schema_history WHERE \"version\" IS NOT NULL GROUP BY \"version\" HAVING COUNT(*) > 1")) {
                return rs.next() ? rs.getString(1) : "none";
            }
        });
        assertThat(versions).as("a migration applied twice").isEqualTo("none");
    }

    @Test
    void aLaterVersionWithAdditiveMigrationsJoinsAndTheOlderNodesKeepWorking(StoreExtension.Fixtures fixtures) {
        StoreFixture f = fixtures.create(Backend.POSTGRES);
        SluiceStore older = f.open();
        older.nodes().register(NodeStoreTest.node("old", UUID.randomUUID()));

        SluiceStore later = f.builder().extraMigrations(ADDITIVE).build();
        assertThat(later.schemaVersion()).isEqualTo("900");
        FlowRun run = later.runLeases().queue("people", "alice", "on demand").orElseThrow();
        assertThat(older.flows().run("people", run.id())).isPresent();
        later.close();
        older.close();

        try (SluiceStore restarted = f.builder().build()) {
            assertThat(restarted.schemaVersion()).isEqualTo(CURRENT);
            assertThat(restarted.flows().run("people", run.id())).isPresent();
        }
    }

    @Test
    void aMigrationThatBreaksOlderNodesWaitsUntilTheyAreGoneAndThenTheyCannotStart(StoreExtension.Fixtures fixtures) {
        StoreFixture f = fixtures.create(Backend.POSTGRES);
        SluiceStore older = f.open();
        UUID instance = UUID.randomUUID();
        older.nodes().register(NodeStoreTest.node("old", instance)); // a node that says it runs schema 14

        assertThatThrownBy(() -> f.builder().extraMigrations(ADDITIVE).extraMigrations(CONTRACTING).build())
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT))
                .hasMessage("store migration V901 of this Sluice needs every node at schema 901 or newer, but old "
                        + "(schema 14) still runs on this database; stop them (or upgrade them to a version "
                        + "between) "
                        + "before starting this version");
        assertThat(applied(f)).as("nothing was migrated").doesNotContain("900", "901");

        older.nodes().heartbeat("old", instance, ClusterNode.STOPPED);
        older.close();
        try (SluiceStore later = f.builder().extraMigrations(ADDITIVE).extraMigrations(CONTRACTING).build()) {
            assertThat(later.schemaVersion()).isEqualTo("901");
        }
        assertThat(applied(f)).contains("900", "901");
        assertThatThrownBy(() -> f.builder().build())
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT))
                .hasMessage("this database was migrated by a newer Sluice to a schema that works only with nodes at "
                        + "schema 901 or newer; this version carries schema " + CURRENT + ": upgrade this node");
    }
}
