package dev.sluice.emulator.internal.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.WireLatency;
import dev.sluice.emulator.internal.http.Json;
import java.time.Duration;
import java.util.Set;

/**
 * The latency profile as admin API JSON: {@code {"profile":"rtt=40ms,request=20ms,write=40ms,bulk=10ms",
 * "roundTripMs":40,"requestMs":20,"writeMs":40,"bulkMs":10}}. On input, {@code profile} (as {@code --latency}
 * takes it: {@code cloud}, {@code none}, {@code rtt=…}) replaces the profile and the millisecond fields then
 * change single values; fields left out keep their current values. Stateless.
 */
final class LatencyJson {
    static final Set<String> FIELDS = Set.of("profile", "roundTripMs", "requestMs", "writeMs", "bulkMs");
    private static final double MAX_MS = 3_600_000;

    private LatencyJson() {}

    static WireLatency read(ObjectNode o, WireLatency current) {
        WireLatency p = current;
        String profile = AdminJson.text(o, "profile");
        if (profile != null) {
            try {
                p = WireLatency.parse(profile);
            } catch (IllegalArgumentException e) {
                throw new AdminJson.BadInput("field 'profile': " + e.getMessage());
            }
        }
        return new WireLatency(ms(o, "roundTripMs", p.roundTrip()), ms(o, "requestMs", p.request()),
                ms(o, "writeMs", p.write()), ms(o, "bulkMs", p.bulk()));
    }

    private static Duration ms(ObjectNode o, String field, Duration current) {
        Double v = AdminJson.number(o, field);
        if (v == null) {
            return current;
        }
        if (v < 0 || v > MAX_MS || v.isNaN()) {
            throw new AdminJson.BadInput("field '" + field + "' must be from 0 to " + (long) MAX_MS + " milliseconds, got "
                    + v);
        }
        return Duration.ofNanos(Math.round(v * 1e6));
    }

    static ObjectNode write(WireLatency l) {
        ObjectNode o = Json.object();
        o.put("profile", l.toString());
        o.put("roundTripMs", l.roundTrip().toNanos() / 1e6);
        o.put("requestMs", l.request().toNanos() / 1e6);
        o.put("writeMs", l.write().toNanos() / 1e6);
        o.put("bulkMs", l.bulk().toNanos() / 1e6);
        return o;
    }
}
