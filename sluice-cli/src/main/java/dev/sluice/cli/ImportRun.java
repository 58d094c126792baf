package dev.sluice.cli;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.core.WriteMode;
import dev.sluice.dataverse.BulkOptions;
import dev.sluice.dataverse.BulkWriter;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.RecordIds;
import dev.sluice.dataverse.TableMetadata;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run of an import: reads the source, converts each record (a bad value rejects its line and nothing else),
 * gives creates an id derived from the input's path, line and text, streams the records through the bulk writer,
 * and acknowledges each in input order through the {@link ImportLedger}, which keeps the rejects file and a
 * checkpoint every {@link #CHECKPOINT_RECORDS} records. Continues after the checkpoint it is given. Not
 * thread-safe; run once.
 */
final class ImportRun {
    /** Records between checkpoints: at most this many, plus those in flight, are sent again after a kill. */
    static final int CHECKPOINT_RECORDS = 1000;

    private final DataverseClient client;
    private final TableMetadata table;
    private final WriteMode mode;
    private final List<String> key;
    private final BulkOptions options;
    private final EmptyCells empty;
    private final Path input;
    private final ImportCheckpoint state;
    private final PrintWriter err;
    private boolean checkpointsFailed;
    private volatile SluiceException halted;

    /** The whole import's counts, and why it stopped early (null when it read the input to its end). */
    record Result(ImportCounts counts, SluiceException halted) {}

    /**
     * @param input the input file, absolute (its path is part of the ids creates get)
     * @param state where an interrupted run got to, or the start of a new run
     */
    ImportRun(DataverseClient client, TableMetadata table, WriteMode mode, List<String> key, BulkOptions options,
            EmptyCells empty, Path input, ImportCheckpoint state, PrintWriter err) {
        this.client = client;
        this.table = table;
        this.mode = mode;
        this.key = key;
        this.options = options;
        this.empty = empty;
        this.input = input;
        this.state = state;
        this.err = err;
    }

    /**
     * Imports every record after the checkpoint's line. Stops reading at the first record that fails for a
     * reason that is not its own ({@link #stops}): then what is acknowledged is checkpointed, for a run started
     * again to continue from there.
     */
    Result run(ImportSource source, Rejects rejects, Progress progress) throws IOException {
        try (StateFile checkpoints = ImportCheckpoint.checkpoints(input)) {
            return run(source, rejects, progress, checkpoints);
        }
    }

    private Result run(ImportSource source, Rejects rejects, Progress progress, StateFile checkpoints)
            throws IOException {
        ImportCounts counts = new ImportCounts();
        counts.add(state.counts());
        ImportLedger ledger = new ImportLedger(rejects, counts, (line, records) -> checkpoint(checkpoints, line,
                records, rejects, counts), CHECKPOINT_RECORDS, state.records(), state.line());
        source.open(table, mode, key);
        rejects.header(source.header());
        ColumnValues values = new ColumnValues(t -> client.table(t).entitySetName());
        Map<Long, Long> tickets = new ConcurrentHashMap<>();
        try (BulkWriter writer = client.bulkWriter(table.logicalName(), mode, key, options, o -> {
            long ticket = tickets.remove(o.index());
            if (o.failed() && stops(o.errorKind())) {
                if (halted == null) {
                    halted = new SluiceException(o.errorKind(), o.message() == null ? o.errorKind().name() : o.message());
                }
                ledger.hold(ticket);
            } else if (o.failed()) {
                counts.failed(o.errorKind());
                ledger.rejected(ticket, o.message() == null ? String.valueOf(o.errorKind()) : o.message());
            } else {
                ledger.done(ticket, o.status());
            }
            progress.step(1);
        })) {
            ImportInput in;
            while (halted == null && (in = source.next()) != null) {
                if (in.line() <= state.line()) {
                    continue; // acknowledged by the interrupted run
                }
                long ticket = ledger.register(in);
                Map<String, Object> record;
                try {
                    record = source.convert(in, values, empty);
                } catch (IllegalArgumentException | SluiceException e) {
                    counts.failed(e instanceof SluiceException s ? s.kind() : ErrorKind.INVALID_INPUT);
                    ledger.rejected(ticket, e.getMessage());
                    progress.step(1);
                    continue;
                } catch (RuntimeException e) {
                    counts.failed(ErrorKind.INTERNAL);
                    ledger.rejected(ticket, "could not read this line (a bug: " + e.getClass().getSimpleName()
                            + "); please report it");
                    progress.step(1);
                    continue;
                }
                if (record == null) {
                    ledger.done(ticket, null);
                    progress.step(1);
                    continue;
                }
                if (mode == WriteMode.CREATE && record.get(table.primaryIdAttribute()) == null) {
                    record.put(table.primaryIdAttribute(), RecordIds.of("sluice import", table.logicalName(),
                            input.toString(), Long.toString(in.line()), in.text()));
                }
                tickets.put(writer.added(), ticket);
                writer.add(record);
            }
        }
        if (halted != null) {
            ledger.checkpointNow();
        }
        return new Result(counts, halted);
    }

    /** Failures that are not the record's own: the record is sent again by a run started again. */
    static boolean stops(ErrorKind kind) {
        return kind == ErrorKind.TRANSIENT || kind == ErrorKind.THROTTLED || kind == ErrorKind.AUTH
                || kind == ErrorKind.FORBIDDEN;
    }

    private void checkpoint(StateFile checkpoints, long line, long records, Rejects rejects, ImportCounts counts) {
        if (checkpointsFailed) {
            return;
        }
        try {
            checkpoints.write(state.at(line, records, rejects.flush(), rejects.count(), counts.snapshot()));
        } catch (RuntimeException e) {
            checkpointsFailed = true;
            err.println("Cannot keep the checkpoint (" + (e instanceof SluiceException s ? s.getMessage()
                    : ImportCheckpoint.fileFor(input) + ": " + e.getClass().getSimpleName()) + "); if this import is "
                    + "interrupted, running it again starts from the first line (rows already written are found, not "
                    + "doubled).");
        }
    }
}
