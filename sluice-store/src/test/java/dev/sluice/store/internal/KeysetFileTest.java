package dev.sluice.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysetFileTest {

    /** Each node of a cluster (or each process) has its own KeysetFile; they must agree on one keyset. */
    @Test
    void storesOpeningTogetherAllUseTheOneKeysetThatWasWrittenAndNeverReadAHalfWrittenFile(@TempDir Path home)
            throws Exception {
        int rounds = 300;
        int openers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(openers);
        try {
            for (int round = 0; round < rounds; round++) {
                Path file = home.resolve("keyset-" + round + ".json");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> loads = new ArrayList<>();
                for (int i = 0; i < openers; i++) {
                    KeysetFile source = new KeysetFile(file);
                    loads.add(pool.submit(() -> {
                        start.await();
                        return Keysets.serialize(source.load());
                    }));
                }
                start.countDown();
                Set<String> seen = new HashSet<>();
                for (Future<String> load : loads) {
                    seen.add(load.get());
                }
                assertThat(seen).as("round %d", round).hasSize(1);
                assertThat(Files.readString(file)).isEqualTo(seen.iterator().next());
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> left = Files.list(home)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aCreatedKeysetFileIsReadableByItsOwnerOnly(@TempDir Path home) throws Exception {
        Path file = home.resolve("keyset.json");
        new KeysetFile(file).load();
        if (Files.getFileStore(home).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(Keysets.serialize(new KeysetFile(file).load())).isEqualTo(Files.readString(file));
    }
}
