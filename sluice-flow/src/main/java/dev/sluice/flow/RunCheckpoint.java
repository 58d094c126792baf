package dev.sluice.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.flow.internal.run.Json;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What a run keeps in its checkpoint beside its cursor, and what it finds there when it resumes: the mark time (for
 * {@code on-delete: mark}), a full compare's key generations, and the target and key a key memory belongs to (its
 * {@code signature}). Not thread-safe; one per run.
 */
final class RunCheckpoint {
    private final ObjectNode saved;
    private final String signature;
    private final boolean marks;
    private final boolean fullCompare;
    private Instant markTime;
    private UUID generation;
    private UUID previous;
    private boolean keyless;
    private boolean remembers;
    private boolean building;

    /**
     * Reads what the last run saved.
     *
     * @param saved the checkpoint the last run left, or null
     * @param signature the target table and key, as the keys and the memory were saved under
     * @param marks whether the flow marks deleted rows
     * @param fullCompare whether this run compares keys to find deletions
     * @param start when this run started: the mark time of a run that does not resume
     */
    RunCheckpoint(ObjectNode saved, String signature, boolean marks, boolean fullCompare, Instant start) {
        this.saved = saved;
        this.signature = signature;
        this.marks = marks;
        this.fullCompare = fullCompare;
        this.markTime = saved != null && saved.hasNonNull("at") ? Instant.parse(saved.get("at").asText()) : start;
    }

    /** The saved checkpoint's mode ({@code offset}, {@code compare}, …), or "" when there is none. */
    String mode() {
        return saved == null ? "" : saved.path("mode").asText();
    }

    ObjectNode saved() {
        return saved;
    }

    /** Whether this run compares keys to find deletions. */
    boolean fullCompare() {
        return fullCompare;
    }

    Instant markTime() {
        return markTime;
    }

    /** This run reads from the start: its mark time is when it started. */
    void restart(Instant start) {
        markTime = start;
    }

    /** Whether the last run was interrupted while deleting what a full compare found; if so, goes on with its keys. */
    boolean resumeCompare() {
        if (!fullCompare || !mode().equals("compare") || !signature.equals(saved.path("signature").asText())) {
            return false;
        }
        generation = UUID.fromString(saved.get("generation").asText());
        previous = UUID.fromString(saved.get("previous").asText());
        return true;
    }

    /**
     * Sets this read's key generation (a new one is {@code runId}); answers the chunk number to go on from.
     * {@code warn} hears when the last full read's keys cannot be compared with.
     */
    long generation(boolean resumed, UUID runId, String flowName, Consumer<String> warn) {
        if (resumed && saved.hasNonNull("generation")) {
            generation = UUID.fromString(saved.get("generation").asText());
            previous = saved.hasNonNull("previous") ? UUID.fromString(saved.get("previous").asText()) : null;
            keyless = saved.path("keyless").asBoolean(false);
            return saved.path("seq").asLong(0);
        }
        generation = runId;
        if (saved != null && saved.hasNonNull("previous")) {
            if (signature.equals(saved.path("signature").asText())) {
                previous = UUID.fromString(saved.get("previous").asText());
            } else {
                warn.accept("the target or key of flow '" + flowName + "' changed since its last full read; "
                        + "deletions are found from the next run on");
            }
        }
        return 0;
    }

    UUID generation() {
        return generation;
    }

    UUID previous() {
        return previous;
    }

    /** Whether a record of the read had no key value (then deletions are not looked for). */
    boolean keyless() {
        return keyless;
    }

    /** Notes that a chunk had a record without a key value. */
    void keyless(boolean chunkKeyless) {
        keyless |= chunkKeyless;
    }

    /** Takes the keyless flag from a compare's saved state. */
    void keylessFrom(ObjectNode state) {
        keyless = state.path("keyless").asBoolean(false);
    }

    /** Whether the saved key memory belongs to this target and key; if so, goes on building it if it was. */
    boolean memoryFits() {
        if (!signature.equals(saved == null ? null : saved.path("remembers").asText(null))) {
            return false;
        }
        building = saved.path("building").asBoolean(false);
        return true;
    }

    /** This run (re)builds the key memory, reading every row. */
    void startBuilding() {
        building = true;
    }

    boolean building() {
        return building;
    }

    /** This run keeps a key memory. */
    void remembers() {
        remembers = true;
    }

    /** Whether the saved checkpoint says the flow kept a key memory. */
    boolean savedRemembers() {
        return saved != null && saved.has("remembers");
    }

    /** Adds what the run keeps beside its cursor to {@code state}; {@code nextSeq} is the next chunk's number. */
    void extras(ObjectNode state, long nextSeq) {
        if (marks) {
            state.put("at", markTime.toString());
        }
        if (remembers) {
            state.put("remembers", signature);
            if (building) {
                state.put("building", true);
            }
        }
        if (fullCompare) {
            state.put("generation", generation.toString());
            state.put("previous", previous == null ? null : previous.toString());
            state.put("seq", nextSeq);
            state.put("signature", signature);
            state.put("keyless", keyless);
        }
    }

    /** The state after a change-tracking read: the next token, and the memory it keeps. */
    ObjectNode changesDone(ObjectNode next) {
        if (remembers) {
            next.put("remembers", signature);
        }
        return next;
    }

    /** The state after a full compare: the next full read compares against this one's keys. */
    ObjectNode compared() {
        ObjectNode idle = Json.object();
        idle.put("mode", "offset");
        idle.put("offset", 0);
        idle.put("previous", generation.toString());
        idle.put("signature", signature);
        return idle;
    }
}
