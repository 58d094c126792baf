package dev.sluice.flow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.SluiceException;
import dev.sluice.flow.internal.run.Cursor;
import dev.sluice.store.FlowStore;
import java.util.List;
import java.util.Map;

/**
 * One chunk read and mapped, ready to write: the source records, the target records to write and the target keys
 * to delete (each with the index of its source record), what mapping rejected, and where the source cursor stands
 * after it. Immutable once made (the cursor is a copy nobody advances).
 *
 * @param seq the chunk's number in this read (0, 1, …)
 * @param start the cursor before the chunk
 * @param records the source records
 * @param mapped target records to write
 * @param mappedFrom the source record index of each target record
 * @param deletes target keys whose rows were deleted at the source
 * @param deletesFrom the source record index of each deletion
 * @param dead records mapping rejected
 * @param read records read
 * @param skipped records left out (where, deletions ignored)
 * @param rejected records mapping rejected
 * @param stopAt the index of the record {@code errors: fail} stopped at, or -1
 * @param stop why it stopped, or null
 * @param after the cursor after the chunk (or just before {@code stopAt}); the next chunk's start
 * @param end {@code after}'s state
 * @param keys the target keys the chunk saw (a full read that compares keys), or null
 * @param keyless whether a record's key could not be computed (then deletions are not looked for)
 * @param remembered what the chunk tells a flow that remembers its rows' target keys, or null
 */
record PreparedChunk(long seq, Cursor start, List<Map<String, Object>> records, List<Map<String, Object>> mapped,
        List<Integer> mappedFrom, List<Map<String, Object>> deletes, List<Integer> deletesFrom,
        List<FlowStore.NewDeadLetter> dead, long read, long skipped, long rejected, int stopAt, SluiceException stop,
        Cursor after, ObjectNode end, ArrayNode keys, boolean keyless, Remembered remembered) {

    /**
     * A chunk as a flow that remembers its rows' target keys sees it ({@link KeyMemory}).
     *
     * @param mappedIds the source id of each target record ({@code mapped}'s order)
     * @param mappedKeys the target key (as JSON) of each target record, null when a key column has no value
     * @param mappedDigests the digest of each target record
     * @param goneIds source ids whose target rows are to go: deleted at the source, or no longer matching
     *     {@code where}
     * @param goneFrom the source record index of each of {@code goneIds}
     * @param before what the memory held for the chunk's source ids when the chunk was read
     */
    record Remembered(List<String> mappedIds, List<String> mappedKeys, List<String> mappedDigests,
            List<String> goneIds, List<Integer> goneFrom, Map<String, FlowStore.SourceKey> before) {}
}
