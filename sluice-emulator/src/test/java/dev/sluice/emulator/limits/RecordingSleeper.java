package dev.sluice.emulator.limits;

import dev.sluice.emulator.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A sleeper that records every wait and returns at once, so latency tests never sleep. Thread-safe. */
final class RecordingSleeper implements Sleeper {
    private final List<Duration> waits = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration d) {
        waits.add(d);
    }

    /** The waits so far, in order, and forgets them. */
    synchronized List<Duration> take() {
        List<Duration> copy = List.copyOf(waits);
        waits.clear();
        return copy;
    }
}
