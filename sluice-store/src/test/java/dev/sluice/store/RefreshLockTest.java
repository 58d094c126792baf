package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code refreshLocked} runs one refresh at a time per connection, across store instances (pools) on one database. */
@ExtendWith(StoreExtension.class)
class RefreshLockTest {
    private static final int THREADS_PER_STORE = 8;

    @Test
    void twoStoreInstancesOnOnePostgresDatabaseRefreshOneAtATimeAndEachSeesThePreviousResult(
            StoreExtension.Fixtures fixtures) throws Exception {
        StoreFixture fixture = fixtures.create(Backend.POSTGRES);
        SluiceStore first = fixture.open();
        SluiceStore second = fixture.open();
        runConcurrentRefreshes(first, List.of(first, second));
    }

    @Test
    void threadsOnOneH2StoreRefreshOneAtATime(StoreExtension.Fixtures fixtures) throws Exception {
        SluiceStore store = fixtures.create(Backend.H2).open();
        runConcurrentRefreshes(store, List.of(store, store));
    }

    private static void runConcurrentRefreshes(SluiceStore setup, List<SluiceStore> stores) throws Exception {
        Connection c = setup.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");
        setup.tokens().save(c.id(), token(0), "alice");
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        int total = stores.size() * THREADS_PER_STORE;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(total);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SluiceStore store : stores) {
                for (int t = 0; t < THREADS_PER_STORE; t++) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        store.tokens().refreshLocked(c.id(), (current, status) -> {
                            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            int n = Integer.parseInt(current.orElseThrow().accessToken().reveal().substring("access-".length()));
                            seen.add(n);
                            Thread.yield(); // widen the window in which a second refresher would show up
                            inside.decrementAndGet();
                            return RefreshResult.refreshed(token(n + 1));
                        });
                        return null;
                    }));
                }
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(maxInside.get()).isEqualTo(1);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            expected.add(i);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(setup.tokens().get(c.id()).orElseThrow().accessToken().reveal()).isEqualTo("access-" + total);
        assertThat(setup.tokens().get(c.id()).orElseThrow().refreshToken().reveal()).isEqualTo("refresh-" + total);
        assertThat(setup.audit().list(AuditQuery.all().action(AuditAction.TOKEN_REFRESHED).pageSize(1000)).events()).hasSize(total);
    }

    private static TokenSet token(int n) {
        Instant obtained = Instant.parse(StoreExtension.START).plus(Duration.ofHours(n));
        return new TokenSet(Secret.of("access-" + n), Secret.of("refresh-" + n), obtained.plus(Duration.ofHours(1)), obtained,
                List.of("openid"), "alice@contoso.com");
    }
}
