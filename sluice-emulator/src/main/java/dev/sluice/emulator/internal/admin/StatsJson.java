package dev.sluice.emulator.internal.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.EmulatorStats;
import dev.sluice.emulator.IdentityStats;
import dev.sluice.emulator.RecordedRequest;
import dev.sluice.emulator.RequestCount;
import dev.sluice.emulator.internal.http.Json;
import java.util.List;
import java.util.Map;

/** Stats and the request log as admin API JSON. Stateless. */
final class StatsJson {
    private StatsJson() {}

    /**
     * {@code {"totalRequests":…,"webApi":{"sent":…,"accepted":…},"requests":[{method,path,status,count}],
     * "identities":[…]}}.
     */
    static ObjectNode stats(EmulatorStats stats) {
        ObjectNode o = Json.object();
        o.put("totalRequests", stats.totalRequests());
        o.putObject("webApi").put("sent", stats.webApiSent()).put("accepted", stats.webApiAccepted());
        ArrayNode requests = o.putArray("requests");
        for (RequestCount c : stats.requests()) {
            requests.addObject().put("method", c.method()).put("path", c.path()).put("status", c.status())
                    .put("count", c.count());
        }
        ArrayNode identities = o.putArray("identities");
        for (IdentityStats s : stats.identities()) {
            identities.addObject().put("identity", s.identity()).put("accepted", s.accepted())
                    .put("rejected", s.rejected()).put("rejectedByRequests", s.rejectedByRequests())
                    .put("rejectedByExecutionTime", s.rejectedByExecutionTime())
                    .put("rejectedByConcurrency", s.rejectedByConcurrency()).put("inFlight", s.inFlight());
        }
        return o;
    }

    /** {@code {"value":[…]}}, oldest first. */
    static ObjectNode requests(List<RecordedRequest> log) {
        ObjectNode o = Json.object();
        ArrayNode value = o.putArray("value");
        for (RecordedRequest r : log) {
            ObjectNode e = value.addObject();
            e.put("time", r.time().toString());
            e.put("method", r.method());
            e.put("url", r.url());
            e.put("status", r.status());
            e.put("durationMs", r.duration().toMillis());
            e.put("identity", r.identity());
            e.put("fault", r.fault() == null ? null : r.fault().wireName());
            e.put("throttledBy", r.throttledBy() == null ? null : r.throttledBy().wireName());
            ObjectNode headers = e.putObject("headers");
            for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
                ArrayNode values = headers.putArray(h.getKey());
                h.getValue().forEach(values::add);
            }
        }
        return o;
    }
}
