package dev.sluice.cli;

import dev.sluice.core.ErrorKind;
import dev.sluice.dataverse.BulkOutcome;
import java.util.concurrent.atomic.AtomicLong;

/** What an import did, record by record, counted in input order by the {@link ImportLedger}. Thread-safe. */
final class ImportCounts {
    final AtomicLong created = new AtomicLong();
    final AtomicLong updated = new AtomicLong();
    final AtomicLong unchanged = new AtomicLong();
    final AtomicLong upserted = new AtomicLong();
    final AtomicLong deleted = new AtomicLong();
    final AtomicLong skippedDeletions = new AtomicLong();
    volatile ErrorKind firstFailure;

    /** Counts carried over from an interrupted run. */
    void add(ImportCheckpoint.Counts c) {
        created.addAndGet(c.created());
        updated.addAndGet(c.updated());
        unchanged.addAndGet(c.unchanged());
        upserted.addAndGet(c.upserted());
        skippedDeletions.addAndGet(c.skippedDeletions());
    }

    ImportCheckpoint.Counts snapshot() {
        return new ImportCheckpoint.Counts(created.get(), updated.get(), unchanged.get(), upserted.get(),
                skippedDeletions.get());
    }

    /** Counts one acknowledged record by its outcome; null is a skipped deletion marker. */
    void count(BulkOutcome.Status status) {
        if (status == null) {
            skippedDeletions.incrementAndGet();
            return;
        }
        switch (status) {
            case CREATED -> created.incrementAndGet();
            case UPDATED -> updated.incrementAndGet();
            case UNCHANGED -> unchanged.incrementAndGet();
            case UPSERTED -> upserted.incrementAndGet();
            case DELETED -> deleted.incrementAndGet();
            default -> { }
        }
    }

    /** Remembers the kind of the first failure, which decides the exit code. */
    void failed(ErrorKind kind) {
        if (firstFailure == null) {
            firstFailure = kind;
        }
    }
}
