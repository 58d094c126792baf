package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Secret;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes on one SLUICE_HOME (the CLI next to {@code sluice serve}): the H2 file is shared through H2's mixed
 * mode, and a token refresh still runs one at a time across both processes (the row lock lives in the one engine
 * that serves the file).
 */
class SharedH2StoreTest {
    private static final int REFRESHES_PER_PROCESS = 12;

    @Test
    void anotherProcessOpensTheStoreWhileOneHoldsItAndRefreshesRunOneAtATimeAcrossBoth(@TempDir Path home)
            throws Exception {
        UUID id;
        try (SluiceStore setup = open(home)) {
            id = setup.connections().create(ConnectionStoreTest.contoso("contoso"), "alice").id();
            setup.tokens().save(id, token(0), "alice");
        }
        // the other process opens the file first, so it serves it and this process is the one that connects to it
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OtherProcess.class.getName(), home.toString(),
                id.toString(), String.valueOf(REFRESHES_PER_PROCESS)).redirectErrorStream(true).start();
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertThat(next(out)).isEqualTo("@open");
            try (SluiceStore store = open(home)) {
                assertThat(store.connections().get("contoso")).isPresent();
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                    List<Future<?>> futures = new ArrayList<>();
                    for (int i = 0; i < REFRESHES_PER_PROCESS; i++) {
                        futures.add(pool.submit(() -> refreshOnce(store, id, seen)));
                    }
                    for (Future<?> f : futures) {
                        f.get(60, TimeUnit.SECONDS);
                    }
                } finally {
                    pool.shutdownNow();
                }
                String line;
                while ((line = next(out)) != null && line.startsWith("@seen ")) {
                    seen.add(Integer.parseInt(line.substring("@seen ".length())));
                }
                assertThat(line).as("the other process finished its refreshes").isEqualTo("@done");
                other.getOutputStream().close(); // lets it close its store and exit
                assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(other.exitValue()).isZero();

                int total = 2 * REFRESHES_PER_PROCESS;
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < total; i++) {
                    expected.add(i);
                }
                // each refresh saw the previous one's result: no two ran at once, none was lost
                assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
                // the process that served the file is gone; this one opens it again and goes on
                assertThat(store.tokens().get(id).orElseThrow().accessToken().reveal()).isEqualTo("access-" + total);
                refreshOnce(store, id, seen);
                assertThat(store.tokens().get(id).orElseThrow().accessToken().reveal()).isEqualTo("access-" + (total + 1));
            }
        } finally {
            other.destroyForcibly();
            other.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(Files.exists(home.resolve("sluice.mv.db"))).isTrue();
    }

    /** The next line of the other process's protocol (its log lines are skipped), or null at the end. */
    private static String next(BufferedReader out) throws java.io.IOException {
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("@")) {
            // a log line
        }
        return line;
    }

    @Test
    void theLockFileWithTheKeyAndTheDatabaseAreTheOwnersOnlyEvenInAnOpenHome(@TempDir Path parent) throws Exception {
        Path home = Files.createDirectories(parent.resolve("open-home"),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        try (SluiceStore store = open(home)) {
            // the lock is held by a socket of this process (FILE_LOCK=SOCKET), not by a file H2 writes, waits 25 ms
            // and reads back on every open, and rewrites for two seconds after a process holding it was killed
            assertThat(Files.readString(home.resolve("sluice.lock.db"))).contains("server=", "method=socket", "port=");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(home.resolve("sluice.lock.db")))).isEqualTo("rw-------");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(home.resolve("sluice.mv.db")))).isEqualTo("rw-------");
        }
    }

    private static Void refreshOnce(SluiceStore store, UUID id, List<Integer> seen) {
        store.tokens().refreshLocked(id, (current, status) -> {
            int n = Integer.parseInt(current.orElseThrow().accessToken().reveal().substring("access-".length()));
            seen.add(n);
            return RefreshResult.refreshed(token(n + 1));
        });
        return null;
    }

    static SluiceStore open(Path home) {
        return SluiceStore.builder().home(home).environment(Map.of()).build();
    }

    static TokenSet token(int n) {
        Instant obtained = Instant.parse(StoreExtension.START).plus(Duration.ofHours(n));
        return new TokenSet(Secret.of("access-" + n), Secret.of("refresh-" + n), obtained.plus(Duration.ofHours(1)),
                obtained, List.of("openid"), "alice@contoso.com");
    }

    /**
     * The other process: opens the store, says "@open", refreshes N times, prints what each saw and "@done", then
     * closes the store and exits when its standard input ends.
     */
    public static final class OtherProcess {
        public static void main(String[] args) throws Exception {
            Path home = Path.of(args[0]);
            UUID id = UUID.fromString(args[1]);
            int n = Integer.parseInt(args[2]);
            List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
            try (SluiceStore store = open(home)) {
                store.connections().list();
                System.out.println("@open");
                System.out.flush();
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    futures.add(pool.submit(() -> refreshOnce(store, id, seen)));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
                pool.shutdown();
                seen.forEach(v -> System.out.println("@seen " + v));
                System.out.println("@done");
                System.out.flush();
                System.in.readAllBytes();
            }
        }
    }
}
