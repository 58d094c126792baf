package dev.sluice.emulator.internal.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.ActiveFault;
import dev.sluice.emulator.FaultKind;
import dev.sluice.emulator.FaultSpec;
import dev.sluice.emulator.ThrottleReason;
import dev.sluice.emulator.internal.http.Json;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

/**
 * Faults as admin API JSON, e.g. {@code {"kind":"status","status":503,"times":2,"method":"GET",
 * "path":"/api/data/v9.2/WhoAmI"}}. Fields: {@code kind} (required), {@code times} (default 1),
 * {@code method}, {@code path} (prefix) or {@code pathRegex}, {@code status} (status faults),
 * {@code delayMs} (delay faults), {@code retryAfterSeconds} (default 1) and {@code reason}
 * ({@code requests}, {@code execution-time} or {@code concurrency}; default {@code requests}) for
 * throttle faults, {@code fraction} (the random share of matching requests hit, default 1) and
 * {@code durationMs} (armed for this long; then {@code times} defaults to unlimited). Stateless.
 */
final class FaultJson {
    private static final Set<String> FIELDS =
            Set.of("kind", "times", "method", "path", "pathRegex", "status", "delayMs", "retryAfterSeconds", "reason",
                    "fraction", "durationMs");

    private FaultJson() {}

    static FaultSpec read(ObjectNode o) {
        String kindName = AdminJson.text(o, "kind");
        if (kindName == null) {
            throw new AdminJson.BadInput("field 'kind' is required; one of " + kindNames());
        }
        FaultKind kind = FaultKind.fromWireName(kindName);
        if (kind == null) {
            throw new AdminJson.BadInput("unknown fault kind '" + kindName + "'; one of " + kindNames());
        }
        Integer times = AdminJson.smallInteger(o, "times");
        Integer status = AdminJson.smallInteger(o, "status");
        Long delayMs = AdminJson.integer(o, "delayMs");
        Long retryAfter = AdminJson.integer(o, "retryAfterSeconds");
        String reasonName = AdminJson.text(o, "reason");
        Double fraction = AdminJson.number(o, "fraction");
        Long durationMs = AdminJson.integer(o, "durationMs");
        if (durationMs != null && durationMs <= 0) {
            throw new AdminJson.BadInput("field 'durationMs' must be positive, got " + durationMs);
        }
        requireAbsent(kind != FaultKind.STATUS && kind != FaultKind.THROTTLE && kind != FaultKind.UNAUTHORIZED,
                status, "status", kind);
        requireAbsent(kind != FaultKind.DELAY, delayMs, "delayMs", kind);
        requireAbsent(kind != FaultKind.THROTTLE, retryAfter, "retryAfterSeconds", kind);
        requireAbsent(kind != FaultKind.THROTTLE, reasonName, "reason", kind);
        if (kind == FaultKind.STATUS && status == null) {
            throw new AdminJson.BadInput("a status fault needs field 'status': 500, 502, 503 or 504");
        }
        if (kind == FaultKind.DELAY && delayMs == null) {
            throw new AdminJson.BadInput("a delay fault needs field 'delayMs'");
        }
        ThrottleReason reason = null;
        if (kind == FaultKind.THROTTLE) {
            reason = reasonName == null ? ThrottleReason.REQUESTS : ThrottleReason.fromWireName(reasonName);
            if (reason == null) {
                throw new AdminJson.BadInput("unknown throttle reason '" + reasonName + "'; one of "
                        + Arrays.stream(ThrottleReason.values()).map(ThrottleReason::wireName).toList());
            }
        }
        try {
            int uses = times != null ? times : durationMs != null ? FaultSpec.UNLIMITED : 1;
            return new FaultSpec(kind, uses, AdminJson.text(o, "method"),
                    AdminJson.text(o, "path"), AdminJson.text(o, "pathRegex"), status == null ? 0 : status,
                    delayMs == null ? null : Duration.ofMillis(delayMs),
                    kind == FaultKind.THROTTLE ? Duration.ofSeconds(retryAfter == null ? 1 : retryAfter) : null,
                    reason, fraction == null ? 1 : fraction,
                    durationMs == null ? null : Duration.ofMillis(durationMs));
        } catch (IllegalArgumentException e) {
            throw new AdminJson.BadInput(e.getMessage());
        }
    }

    static Set<String> fields() {
        return FIELDS;
    }

    private static void requireAbsent(boolean mustBeAbsent, Object value, String field, FaultKind kind) {
        if (mustBeAbsent && value != null) {
            throw new AdminJson.BadInput("field '" + field + "' does not apply to a " + kind.wireName() + " fault");
        }
    }

    private static String kindNames() {
        return Arrays.stream(FaultKind.values()).map(FaultKind::wireName).toList().toString();
    }

    static ObjectNode write(ActiveFault fault) {
        FaultSpec s = fault.spec();
        ObjectNode o = Json.object();
        o.put("id", fault.id());
        o.put("kind", s.kind().wireName());
        o.put("times", s.times() == FaultSpec.UNLIMITED ? null : Integer.valueOf(s.times()));
        o.put("remaining", s.times() == FaultSpec.UNLIMITED ? null : Integer.valueOf(fault.remaining()));
        o.put("method", s.method());
        o.put("path", s.pathPrefix());
        o.put("pathRegex", s.pathRegex());
        if (s.status() != 0) {
            o.put("status", s.status());
        }
        if (s.delay() != null) {
            o.put("delayMs", s.delay().toMillis());
        }
        if (s.retryAfter() != null) {
            o.put("retryAfterSeconds", (s.retryAfter().toMillis() + 999) / 1000);
            o.put("reason", s.reason().wireName());
        }
        if (s.fraction() < 1) {
            o.put("fraction", s.fraction());
        }
        if (s.window() != null) {
            o.put("durationMs", s.window().toMillis());
        }
        return o;
    }
}
