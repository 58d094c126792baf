package dev.sluice.emulator.internal.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.ServiceLimits;
import dev.sluice.emulator.internal.http.Json;
import java.time.Duration;
import java.util.Set;

/**
 * Service protection limits as admin API JSON: {@code {"maxRequests":6000,"windowMs":300000,
 * "maxExecutionTimeMs":1200000,"maxConcurrent":52,"dopHint":4}}. On input, fields left out keep their
 * current values. Stateless.
 */
final class LimitsJson {
    static final Set<String> FIELDS = Set.of("maxRequests", "windowMs", "maxExecutionTimeMs", "maxConcurrent", "dopHint");

    private LimitsJson() {}

    static ServiceLimits read(ObjectNode o, ServiceLimits current) {
        Integer maxRequests = AdminJson.smallInteger(o, "maxRequests");
        Long windowMs = AdminJson.integer(o, "windowMs");
        Long execMs = AdminJson.integer(o, "maxExecutionTimeMs");
        Integer maxConcurrent = AdminJson.smallInteger(o, "maxConcurrent");
        Integer dopHint = AdminJson.smallInteger(o, "dopHint");
        try {
            return new ServiceLimits(
                    maxRequests == null ? current.maxRequests() : maxRequests,
                    windowMs == null ? current.window() : Duration.ofMillis(windowMs),
                    execMs == null ? current.maxExecutionTime() : Duration.ofMillis(execMs),
                    maxConcurrent == null ? current.maxConcurrent() : maxConcurrent,
                    dopHint == null ? current.dopHint() : dopHint);
        } catch (IllegalArgumentException e) {
            throw new AdminJson.BadInput(e.getMessage() + " (maxRequests, maxConcurrent and dopHint at least 1; "
                    + "windowMs and maxExecutionTimeMs at least 1)");
        }
    }

    static ObjectNode write(ServiceLimits l) {
        ObjectNode o = Json.object();
        o.put("maxRequests", l.maxRequests());
        o.put("windowMs", l.window().toMillis());
        o.put("maxExecutionTimeMs", l.maxExecutionTime().toMillis());
        o.put("maxConcurrent", l.maxConcurrent());
        o.put("dopHint", l.dopHint());
        return o;
    }
}
