package dev.sluice.flow;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PgHoldProbeTest {
    @Test
    void hold() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(Path.of("/tmp/fsprof/pg")).setCleanDataDirectory(true).start()) {
            Files.writeString(Path.of("/tmp/fsprof/pg.url"), "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres");
            while (!Files.exists(Path.of("/tmp/fsprof/stop"))) {
                Thread.sleep(500);
            }
        }
    }
}
