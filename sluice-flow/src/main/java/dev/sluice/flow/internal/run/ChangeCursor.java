package dev.sluice.flow.internal.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Change tracking: the delta token the current read started from (null for the first, full read) and how many
 * changes of that read were applied. A resumed run reads from the same token and skips the applied changes; a
 * finished read saves the new token with nothing applied. Not thread-safe.
 */
public final class ChangeCursor implements Cursor {
    private final String token;
    private long applied;

    public ChangeCursor(String token, long applied) {
        this.token = token;
        this.applied = applied;
    }

    public static ChangeCursor from(ObjectNode state) {
        if (state == null || !"change-tracking".equals(state.path("mode").asText())) {
            return new ChangeCursor(null, 0);
        }
        return new ChangeCursor(state.path("token").isNull() ? null : state.path("token").asText(null),
                state.path("applied").asLong(0));
    }

    public String token() {
        return token;
    }

    public long applied() {
        return applied;
    }

    @Override
    public void advance(Map<String, Object> record) {
        applied++;
    }

    @Override
    public ObjectNode state() {
        ObjectNode n = Json.object();
        n.put("mode", "change-tracking");
        n.put("token", token);
        n.put("applied", applied);
        return n;
    }

    @Override
    public Cursor copy() {
        return new ChangeCursor(token, applied);
    }
}
