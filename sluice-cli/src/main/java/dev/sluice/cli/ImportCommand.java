package dev.sluice.cli;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.core.WriteMode;
import dev.sluice.dataverse.BulkOptions;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.TableMetadata;
import dev.sluice.flow.CsvRecordReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice import NAME TABLE --from FILE}: streams a CSV or JSON-lines file into a table through the bulk
 * messages (chunked, parallel, constant memory), exactly once: with {@code --key} rows are matched by an
 * alternate key; creates carry an id derived from the input's path, line and text. Keyed writes read their rows
 * first and write only what differs, so the summary says created, updated and unchanged. Every failed line goes
 * to a rejects file with its reason, in input order. A checkpoint next to the input lets an interrupted import
 * continue where it was, with the result of an uninterrupted run.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Import a CSV or JSON-lines file through the bulk messages; failed lines go to a rejects file.",
        footer = {"", "Examples:",
            "  sluice import contoso account --from accounts.csv --key accountnumber",
            "  sluice import contoso contact --from contacts.jsonl --mode create",
            "  sluice import contoso account --from fix.csv --key accountnumber --empty null",
            "", "Values: numbers, true/false, choices by value or label (checked against the",
            "column's choices), ISO dates, lookups as a GUID (TABLE:GUID for customer and",
            "owner columns). A bad value rejects its line, with why, into the rejects file.",
            "Empty cells: --empty keep (default) leaves the column out, so an existing row",
            "keeps its value; --empty null clears it (refused for key and required columns).",
            "Creates get an id derived from the input's path, line and text, so running the",
            "same import again finds its rows instead of doubling them; so does --key.",
            "Interrupted? Run the same command again: it goes on after the last line that",
            "the checkpoint FILE.sluice-import.json says is done (--restart ignores it).",
            "Read-only columns (createdon, ...) are skipped and listed."})
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The connection.")
    String name;

    @Parameters(index = "1", paramLabel = "TABLE", description = "Logical name (account) or entity set (accounts).")
    String table;

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "Input: .csv or .jsonl.")
    Path from;

    @Option(names = "--key", split = ",", paramLabel = "COLUMN",
            description = "Alternate key column(s) that match input rows to table rows.")
    List<String> key = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "MODE",
            description = "create, upsert or update (default: upsert with --key, else create).")
    String mode;

    @Option(names = "--empty", paramLabel = "keep|null", defaultValue = "keep",
            description = "What an empty cell means: keep the column as it is, or null to clear it (default: "
                    + "${DEFAULT-VALUE}).")
    String empty;

    @Option(names = "--rejects", paramLabel = "FILE", description = "Rejects file (default: FILE.rejects.csv|jsonl).")
    Path rejectsFile;

    @Option(names = "--chunk-size", paramLabel = "N", defaultValue = "1000",
            description = "Records per bulk request (default: ${DEFAULT-VALUE}).")
    int chunkSize;

    @Option(names = "--restart", description = "Ignore the checkpoint of an interrupted import; start at the first line.")
    boolean restart;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        TlsWarmUp.start(); // while the options are checked and the store opens
        WriteMode writeMode = writeMode();
        RowFormat format;
        EmptyCells emptyCells;
        try {
            format = RowFormat.ofFile(from.getFileName().toString());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from " + e.getMessage());
        }
        try {
            emptyCells = EmptyCells.of(empty);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!Files.isRegularFile(from)) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "the input file " + from + " does not exist");
        }
        BulkOptions options;
        try {
            options = BulkOptions.DEFAULTS.withChunkSize(chunkSize).withSkipUnchanged(true);
        } catch (SluiceException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--chunk-size: " + e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        try (Engine engine = Engine.of(spec)) {
            if (engine.isBusinessCentral(name)) {
                return BusinessCentralFiles.importFile(engine, name, table, from, format, writeMode, key, rejectsFile,
                        emptyCells, spec.commandLine().getOut(), spec.commandLine().getErr());
            }
            DataverseClient client = engine.client(name);
            TableMetadata m = Tables.metadata(client, table);
            Tables.requireColumns(m, key);
            List<String> keyColumns = key.stream().map(k -> m.requireColumn(k).logicalName()).toList();
            Path input = from.toAbsolutePath().normalize();
            Path rejectsPath = (rejectsFile != null ? rejectsFile : Rejects.defaultFor(from)).toAbsolutePath()
                    .normalize();
            boolean csv = format == RowFormat.CSV;
            ImportCheckpoint state = new ImportCheckpoint(m.logicalName(), writeMode.name(), keyColumns,
                    emptyCells.name(), rejectsPath.toString(), Files.size(input),
                    Files.getLastModifiedTime(input).toMillis(), 0, 0, 0, 0, ImportCheckpoint.Counts.ZERO);
            ImportCheckpoint saved = restart ? null : ImportCheckpoint.read(input);
            if (saved != null && !saved.sameImport(state)) {
                err.println("The checkpoint " + ImportCheckpoint.fileFor(input) + " belongs to another import or an "
                        + "earlier version of the file: starting from the first line (rows already written are "
                        + "found, not doubled).");
                saved = null;
            }
            Rejects rejects = saved == null ? Rejects.fresh(rejectsPath, csv)
                    : Rejects.resume(rejectsPath, csv, saved.rejectsBytes(), saved.rejected());
            if (rejects == null) {
                err.println("The rejects file " + rejectsPath + " changed since the interrupted import: starting from "
                        + "the first line (rows already written are found, not doubled).");
                saved = null;
                rejects = Rejects.fresh(rejectsPath, csv);
            }
            if (saved != null) {
                state = saved;
            }
            // only the terminal's bar shows a total (plain progress lines do not): no pass over the input without one
            long total = engine.environment().terminal() ? countRecords(format) : -1;
            ImportRun.Result result;
            try (Rejects r = rejects;
                    BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
                    Progress progress = Progress.start(engine.environment(), err, "Importing " + m.logicalName(),
                            total, state.records())) {
                ImportSource source = csv ? new CsvImportSource(new CsvRecordReader(in, from.toString()))
                        : new JsonLinesImportSource(in, from.toString());
                result = new ImportRun(client, m, writeMode, keyColumns, options, emptyCells, input, state, err)
                        .run(source, r, progress);
                if (!source.skipped().isEmpty()) {
                    err.println("Skipped columns: " + source.skipped().entrySet().stream()
                            .map(e -> e.getKey() + " (" + e.getValue() + ")").reduce((a, b) -> a + ", " + b).orElse(""));
                }
            }
            int exit = summary(m, result.counts(), rejects, state.line());
            if (result.halted() != null) {
                ImportCheckpoint kept = ImportCheckpoint.read(input);
                throw new SluiceException(result.halted().kind(), "stopped: " + result.halted().getMessage()
                        + "; the lines after " + (kept == null ? 0 : kept.line()) + " are not all written: run the same "
                        + "command again to continue from there");
            }
            ImportCheckpoint.delete(input);
            return exit;
        }
    }

    private WriteMode writeMode() {
        if (mode == null) {
            return key.isEmpty() ? WriteMode.CREATE : WriteMode.UPSERT;
        }
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "create" -> WriteMode.CREATE;
            case "upsert" -> WriteMode.UPSERT;
            case "update" -> WriteMode.UPDATE;
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "unknown --mode '" + mode + "'"
                    + Suggestions.didYouMean(mode, List.of("create", "upsert", "update")) + "; use create, upsert or update");
        };
    }

    private int summary(TableMetadata m, ImportCounts c, Rejects rejects, long resumedAfter) {
        long rejected = rejects.count();
        StringBuilder b = new StringBuilder("Imported into " + m.logicalName() + ": ");
        b.append(c.created.get()).append(" created, ").append(c.updated.get()).append(" updated, ")
                .append(c.unchanged.get()).append(" unchanged");
        if (c.upserted.get() > 0) {
            b.append(", ").append(c.upserted.get()).append(" upserted (created or updated)");
        }
        if (c.skippedDeletions.get() > 0) {
            b.append(", ").append(c.skippedDeletions.get()).append(" deletion markers skipped");
        }
        b.append(", ").append(rejected).append(" rejected");
        b.append(resumedAfter > 0 ? " (resumed after line " + resumedAfter + ")." : ".");
        spec.commandLine().getOut().println(b);
        if (rejected > 0) {
            String top = rejects.topReason();
            spec.commandLine().getOut().println("Rejected lines and why: " + rejects.file()
                    + (top.isEmpty() ? "" : " (most common: " + top + ")"));
            return c.firstFailure == null ? ErrorKind.INVALID_INPUT.exitCode() : c.firstFailure.exitCode();
        }
        return 0;
    }

    private long countRecords(RowFormat format) throws IOException {
        long ascii = nonBlankAsciiLines(from);
        if (ascii >= 0) {
            return format == RowFormat.CSV ? Math.max(0, ascii - 1) : ascii;
        }
        try (Stream<String> lines = Files.lines(from, StandardCharsets.UTF_8)) {
            long n = lines.filter(l -> !l.isBlank()).count();
            return format == RowFormat.CSV ? Math.max(0, n - 1) : n;
        } catch (NoSuchFileException e) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "the input file " + from + " does not exist", e);
        } catch (java.io.UncheckedIOException e) {
            // only the progress total is lost (shown without one); the import's own read reports what is wrong
            return -1;
        }
    }

    /**
     * The lines of a file that are not blank, as {@code Files.lines(file).filter(l -> !l.isBlank()).count()}
     * counts them (lines end at LF, CR or CRLF; a blank line holds only whitespace), by scanning its bytes without
     * decoding them; -1 when the file holds a byte outside ASCII (then only decoding can tell, and say whether it
     * is UTF-8).
     */
    static long nonBlankAsciiLines(Path file) throws IOException {
        long lines = 0;
        boolean content = false;
        byte[] buf = new byte[1 << 16];
        try (java.io.InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                for (int i = 0; i < n; i++) {
                    int b = buf[i];
                    if (b < 0) {
                        return -1;
                    }
                    if (b == '\n' || b == '\r') {
                        lines += content ? 1 : 0;
                        content = false;
                    } else if (!content && !Character.isWhitespace(b)) {
                        content = true;
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "the input file " + file + " does not exist", e);
        }
        return lines + (content ? 1 : 0);
    }
}
