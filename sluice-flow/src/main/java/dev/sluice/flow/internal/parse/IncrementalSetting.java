package dev.sluice.flow.internal.parse;

import dev.sluice.core.NearestName;
import dev.sluice.flow.Incremental;
import dev.sluice.flow.internal.yaml.Node;
import java.util.List;

/** A source's {@code incremental} and {@code on-expired-token} settings. Thread-safe. */
final class IncrementalSetting {
    private IncrementalSetting() {}

    /** How the source is read; a full read when {@code incremental} is absent or bad (the problem is recorded). */
    static Incremental read(FlowFileReader r, Node.MapNode source) {
        Node.Entry e = source.entries().get("incremental");
        boolean fail = failOnExpiry(r, source);
        if (e == null) {
            return new Incremental.Full();
        }
        r.locate("source.incremental", e.value().location());
        if (e.value() instanceof Node.Scalar s && s.value() instanceof String v) {
            if (v.equals("change-tracking")) {
                return new Incremental.ChangeTracking(fail);
            }
            if (v.equals("none") || v.equals("full")) {
                return new Incremental.Full();
            }
            r.add(s.location(), "incremental must be 'change-tracking' or '{watermark: COLUMN}', not '" + v + "'",
                    NearestName.of(v, List.of("change-tracking")));
            return new Incremental.Full();
        }
        if (e.value() instanceof Node.MapNode m) {
            m = r.keys(m, List.of("watermark"), "incremental", "source.incremental");
            String column = r.text(m, "watermark", "source.incremental", true);
            return column == null ? new Incremental.Full() : new Incremental.Watermark(column);
        }
        r.add(e.value().location(), "incremental must be 'change-tracking' or '{watermark: COLUMN}', not "
                + e.value().kindName(), null);
        return new Incremental.Full();
    }

    /** Whether an expired change-tracking token fails the run ({@code on-expired-token: fail}) or resyncs. */
    private static boolean failOnExpiry(FlowFileReader r, Node.MapNode source) {
        String onExpiry = r.text(source, "on-expired-token", "source", false);
        if (onExpiry == null) {
            return false;
        }
        if (!onExpiry.equals("resync") && !onExpiry.equals("fail")) {
            r.add(source.entries().get("on-expired-token").value().location(), "on-expired-token must be 'resync' "
                    + "or 'fail', not '" + onExpiry + "'", NearestName.of(onExpiry, List.of("resync", "fail")));
        }
        return "fail".equals(onExpiry);
    }
}
