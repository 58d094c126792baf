package dev.sluice.dataverse;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test clients against an emulator; retry waits are recorded instead of slept. */
final class Clients {
    private Clients() {}

    /** A client whose waits go into {@code waits} (nothing sleeps). */
    static DataverseClient recording(Emulator emulator, String identity, List<Duration> waits) {
        return DataverseClient.builder().orgUrl(emulator.orgUrl()).sleeper(waits::add)
                .credential(StaticTokenCredential.of(identity, "token")).build();
    }

    static DataverseClient of(Emulator emulator, String identity) {
        return recording(emulator, identity, new CopyOnWriteArrayList<>());
    }

    /** The requests the emulator logged since the last reset whose path contains {@code fragment}. */
    static List<RecordedRequest> requests(Emulator emulator, String fragment) {
        return emulator.stats().recentRequests(10_000).stream().filter(r -> r.url().contains(fragment)).toList();
    }

    static String header(RecordedRequest r, String name) {
        return r.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
    }
}
