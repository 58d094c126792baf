package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Failed sign-ins counted once for every node, under hashed keys. */
@ExtendWith(StoreExtension.class)
class SignInFailureStoreTest {
    static final Duration HOUR = Duration.ofHours(1);

    @ParameterizedTest
    @EnumSource(Backend.class)
    void failuresFromTwoNodesAddUpAndRestartAfterTheyAreForgotten(Backend backend, StoreExtension.Fixtures fixtures)
            throws Exception {
        StoreFixture f = fixtures.create(backend);
        SluiceStore a = f.open();
        SluiceStore b = f.open();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 20; i++) {
            SluiceStore s = i % 2 == 0 ? a : b;
            pool.execute(() -> s.signInFailures().fail("p:admin\n10.0.0.66", HOUR));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(a.signInFailures().get(List.of("p:admin\n10.0.0.66", "a:10.0.0.66")))
                .containsOnlyKeys("p:admin\n10.0.0.66")
                .hasEntrySatisfying("p:admin\n10.0.0.66", e -> assertThat(e.failures()).isEqualTo(20));

        f.clock().advance(HOUR);
        b.signInFailures().fail("p:admin\n10.0.0.66", HOUR);
        assertThat(a.signInFailures().get(List.of("p:admin\n10.0.0.66")).get("p:admin\n10.0.0.66").failures())
                .isEqualTo(1);
        a.signInFailures().delete("p:admin\n10.0.0.66");
        assertThat(b.signInFailures().get(List.of("p:admin\n10.0.0.66"))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void neitherUserNamesNorAddressesAreStoredInClearAndOldEntriesArePurged(Backend backend,
            StoreExtension.Fixtures fixtures) {
        StoreFixture f = fixtures.create(backend);
        SluiceStore store = f.open();
        store.signInFailures().fail("p:admin\n10.0.0.66", HOUR);
        store.signInFailures().remember("k:admin\n192.168.1.20");
        String all = f.sql(c -> {
            StringBuilder out = new StringBuilder();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT key_hash FROM "
                    + "sign_in_failures")) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\n');
                }
            }
            return out.toString();
        });
        assertThat(all).doesNotContain("admin").doesNotContain("10.0.0.66").matches("([0-9a-f]{64}\\n){2}");

        f.clock().advance(Duration.ofHours(2));
        assertThat(store.signInFailures().purge(f.clock().instant().minus(HOUR), f.clock().instant().minus(
                Duration.ofDays(30)))).isEqualTo(1);
        assertThat(store.signInFailures().get(List.of("k:admin\n192.168.1.20"))).containsOnlyKeys(
                "k:admin\n192.168.1.20");
    }
}
