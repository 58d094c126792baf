package dev.sluice.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.flow.FlowDefinition;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.RunSummary;
import dev.sluice.store.DeadLetter;
import dev.sluice.store.FlowRun;
import java.util.List;

/** Flows, runs, dead letters and flow problems as API JSON. Stateless and thread-safe. */
public final class FlowJson {
    private FlowJson() {}

    /** A flow in the list; {@code full} adds its definition text and recent runs. */
    static ObjectNode flow(FlowService.FlowView v, List<FlowRun> recent) {
        ObjectNode n = JsonBodies.MAPPER.createObjectNode();
        n.put("name", v.flow().name());
        n.put("origin", v.flow().origin());
        n.put("file", v.flow().file());
        n.put("uploadedBy", v.flow().owner());
        n.put("uploadedAt", v.flow().uploadedAt() == null ? null : v.flow().uploadedAt().toString());
        FlowDefinition d = v.definition();
        n.put("source", d == null ? null : d.source().connection() + "/" + d.source().table());
        n.put("target", d == null ? null : d.target().connection() + "/" + d.target().table());
        n.put("schedule", d == null ? null : d.schedule());
        n.put("trigger", d == null || d.source().trigger() == null ? null
                : "new-or-updated every " + d.source().trigger().interval().toString().substring(2).toLowerCase());
        n.put("valid", v.validation().valid());
        n.set("problems", problems(v.validation().problems()));
        n.put("mayRun", v.mayRun());
        n.set("lastRun", v.lastRun() == null ? null : run(v.lastRun()));
        if (recent != null) {
            n.put("definition", v.flow().yaml());
            ArrayNode runs = n.putArray("runs");
            recent.forEach(r -> runs.add(run(r)));
        }
        return n;
    }

    static ArrayNode problems(List<FlowProblem> problems) {
        ArrayNode out = JsonBodies.MAPPER.createArrayNode();
        for (FlowProblem p : problems) {
            ObjectNode n = out.addObject();
            n.put("file", p.file());
            n.put("line", p.location().line());
            n.put("column", p.location().column());
            n.put("message", p.message());
            n.put("suggestion", p.suggestion());
            n.put("text", p.toString());
        }
        return out;
    }

    static ObjectNode run(FlowRun r) {
        return run(r, null);
    }

    /** A run; with {@code now}, also its live progress: rows written, rate, ETA, and whether a cancel is pending. */
    static ObjectNode run(FlowRun r, java.time.Instant now) {
        ObjectNode n = JsonBodies.MAPPER.createObjectNode();
        n.put("id", r.id().toString());
        n.put("status", r.status());
        n.put("dryRun", r.dryRun());
        n.put("startedAt", r.startedAt().toString());
        n.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
        n.put("durationMs", r.finishedAt() == null ? null
                : java.time.Duration.between(r.startedAt(), r.finishedAt()).toMillis());
        n.put("startedBy", r.startedBy());
        n.put("startedVia", r.startedVia());
        n.put("read", r.counts().read());
        n.put("written", r.counts().written());
        n.put("created", r.counts().created());
        n.put("updated", r.counts().updated());
        n.put("upserted", r.counts().upserted());
        n.put("deleted", r.counts().deleted());
        n.put("skipped", r.counts().skipped());
        n.put("rejected", r.counts().rejected());
        n.put("message", r.message());
        n.put("detail", r.detail());
        n.put("node", r.node());
        n.put("takeovers", r.takeovers());
        n.put("takenOverAt", r.takenOverAt() == null ? null : r.takenOverAt().toString());
        if (now != null) {
            n.put("expected", r.expected());
            n.put("rowsPerSecond", Math.round(r.rate(now)));
            java.util.OptionalLong eta = r.etaSeconds(now);
            n.put("etaSeconds", eta.isPresent() ? eta.getAsLong() : null);
            n.put("progressAt", r.progressAt() == null ? null : r.progressAt().toString());
            n.put("cancelRequested", r.cancelRequestedAt() != null);
            n.put("cancelRequestedBy", r.cancelRequestedBy());
        }
        return n;
    }

    static ObjectNode summary(RunSummary s) {
        ObjectNode n = JsonBodies.MAPPER.createObjectNode();
        n.put("id", s.runId().toString());
        n.put("flow", s.flow());
        n.put("status", s.status());
        n.put("read", s.read());
        n.put("created", s.created());
        n.put("updated", s.updated());
        n.put("upserted", s.upserted());
        n.put("deleted", s.deleted());
        n.put("skipped", s.skipped());
        n.put("rejected", s.rejected());
        n.put("durationMs", s.duration().toMillis());
        n.put("resumed", s.resumed());
        n.put("detail", s.detail());
        ArrayNode w = n.putArray("warnings");
        s.warnings().forEach(w::add);
        return n;
    }

    static ObjectNode deadLetter(DeadLetter d) {
        ObjectNode n = JsonBodies.MAPPER.createObjectNode();
        n.put("id", d.id().toString());
        n.put("runId", d.runId().toString());
        n.put("errorKind", d.errorKind());
        n.put("message", d.message());
        n.put("attempts", d.attempts());
        n.put("createdAt", d.createdAt().toString());
        try {
            n.set("source", JsonBodies.MAPPER.readTree(d.source()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // a dead letter from a file source keeps the raw line, which need not be JSON: shown as it was read
            n.put("source", d.source());
        }
        return n;
    }
}
