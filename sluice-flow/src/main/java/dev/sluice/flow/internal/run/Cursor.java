package dev.sluice.flow.internal.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Where a run stands in its source, saved as JSON in the flow's checkpoint after every chunk: an offset into a
 * stable order, a watermark with the ids already seen at it, or a change-tracking token with the changes applied
 * since. Not thread-safe.
 */
public interface Cursor {
    /** Moves past one record the run consumed. */
    void advance(Map<String, Object> record);

    /** The state to save. */
    ObjectNode state();

    /** An independent copy at the same position. */
    Cursor copy();
}
