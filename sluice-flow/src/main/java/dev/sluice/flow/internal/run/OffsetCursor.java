package dev.sluice.flow.internal.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Records consumed so far in the source's stable order (primary key order, or file order). Not thread-safe. */
public final class OffsetCursor implements Cursor {
    private long offset;

    public OffsetCursor(long offset) {
        this.offset = offset;
    }

    public static OffsetCursor from(ObjectNode state) {
        return new OffsetCursor(state == null ? 0 : state.path("offset").asLong(0));
    }

    public long offset() {
        return offset;
    }

    @Override
    public void advance(Map<String, Object> record) {
        offset++;
    }

    @Override
    public ObjectNode state() {
        ObjectNode n = Json.object();
        n.put("mode", "offset");
        n.put("offset", offset);
        return n;
    }

    @Override
    public Cursor copy() {
        return new OffsetCursor(offset);
    }
}
