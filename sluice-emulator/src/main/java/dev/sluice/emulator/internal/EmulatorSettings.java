package dev.sluice.emulator.internal;

import dev.sluice.emulator.ServiceLimits;
import dev.sluice.emulator.Sleeper;
import dev.sluice.emulator.WireLatency;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Everything an emulator instance is started with. Immutable.
 *
 * @param host bind address (loopback by default)
 * @param port port, 0 for a random free one
 * @param noAuth accept any bearer token (no identity checks)
 * @param limits service protection limits
 * @param seed rows to generate per table logical name
 * @param schemaFile extra tables (YAML or JSON), or null
 * @param directoryFile identity directory (YAML), or null for the built-in one
 * @param clock time source
 * @param latency the latency profile at start
 * @param sleeper how the profile's waits are served
 */
public record EmulatorSettings(
        String host,
        int port,
        boolean noAuth,
        ServiceLimits limits,
        Map<String, Integer> seed,
        Path schemaFile,
        Path directoryFile,
        Clock clock,
        WireLatency latency,
        Sleeper sleeper) {

    public EmulatorSettings {
        seed = Map.copyOf(seed);
    }
}
