package dev.sluice.cli;

import dev.sluice.dataverse.BulkOutcome;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps an import's records in input order until each is acknowledged — written, found already written,
 * skipped, or rejected — and only then writes its reject or counts its outcome, in input order: so the rejects
 * file is in input order, and a checkpoint can name the last input line up to which everything is done with the
 * rejects and counts of exactly those lines, although the bulk writer answers chunks out of order. Holds only
 * the records in flight. Thread-safe.
 */
final class ImportLedger {
    /** What to do whenever the acknowledged prefix has grown by {@code every} records. */
    @FunctionalInterface
    interface Checkpointer {
        void save(long line, long records);
    }

    private static final class Entry {
        final long line;
        final Object raw;
        boolean done;
        BulkOutcome.Status status;
        String reason;

        Entry(long line, Object raw) {
            this.line = line;
            this.raw = raw;
        }
    }

    private final Rejects rejects;
    private final ImportCounts counts;
    private final Checkpointer checkpointer;
    private final long every;
    private final Deque<Entry> open = new ArrayDeque<>();
    private final Map<Long, Entry> byTicket = new HashMap<>();
    private long nextSeq;
    private long ackedLine;
    private long acked;
    private long savedAt;

    /**
     * @param acked records acknowledged by an interrupted run this one continues
     * @param ackedLine the last of their lines
     */
    ImportLedger(Rejects rejects, ImportCounts counts, Checkpointer checkpointer, long every, long acked,
            long ackedLine) {
        this.rejects = rejects;
        this.counts = counts;
        this.checkpointer = checkpointer;
        this.every = every;
        this.acked = acked;
        this.ackedLine = ackedLine;
        this.savedAt = acked;
    }

    /** Registers the next input record; returns its ticket for {@link #done} and {@link #rejected}. */
    synchronized long register(ImportInput input) {
        Entry e = new Entry(input.line(), input.raw());
        open.addLast(e);
        byTicket.put(nextSeq, e);
        return nextSeq++;
    }

    /** The record was written or found written ({@code status}), or skipped as a deletion marker (null). */
    void done(long ticket, BulkOutcome.Status status) {
        complete(ticket, status, null);
    }

    /** The record was refused, for {@code reason}. */
    void rejected(long ticket, String reason) {
        complete(ticket, BulkOutcome.Status.FAILED, reason == null ? "refused" : reason);
    }

    private synchronized void complete(long ticket, BulkOutcome.Status status, String reason) {
        Entry e = byTicket.remove(ticket);
        if (e == null) {
            throw new IllegalStateException("no open record with ticket " + ticket);
        }
        e.done = true;
        e.status = status;
        e.reason = reason;
        while (!open.isEmpty() && open.peekFirst().done) {
            Entry first = open.pollFirst();
            if (first.reason != null) {
                rejects.add(first.line, first.reason, first.raw);
            } else {
                counts.count(first.status);
            }
            ackedLine = first.line;
            acked++;
        }
        if (acked - savedAt >= every) {
            savedAt = acked;
            checkpointer.save(ackedLine, acked);
        }
    }

    /**
     * The record could not be written for a reason that is not its own (the service did not answer, the
     * connection needs signing in again): it stays unacknowledged, so nothing after it is either, and a run
     * started again sends it again.
     */
    synchronized void hold(long ticket) {
        byTicket.remove(ticket);
    }

    /** Saves a checkpoint of what is acknowledged now. */
    synchronized void checkpointNow() {
        savedAt = acked;
        checkpointer.save(ackedLine, acked);
    }

    /** Records acknowledged so far (an interrupted run's included), and the last of their lines. */
    synchronized long acknowledged() {
        return acked;
    }

    synchronized long acknowledgedLine() {
        return ackedLine;
    }
}
