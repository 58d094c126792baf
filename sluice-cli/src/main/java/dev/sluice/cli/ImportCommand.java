package dev.sluice.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.core.WriteMode;
import dev.sluice.dataverse.BulkOptions;
import dev.sluice.dataverse.BulkOutcome;
import dev.sluice.dataverse.BulkWriter;
import dev.sluice.dataverse.ColumnMetadata;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.TableMetadata;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice import NAME TABLE --from FILE}: streams a CSV or JSON-lines file into a table through the bulk
 * messages (chunked, parallel, constant memory). Every failed line goes to a rejects file with its reason;
 * with {@code --key} rows are matched by an alternate key, so running the same import again creates nothing new.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Import a CSV or JSON-lines file through the bulk messages; failed lines go to a rejects file.",
        footer = {"", "Examples:",
            "  sluice import contoso account --from accounts.csv --key accountnumber",
            "  sluice import contoso contact --from contacts.jsonl --mode create",
            "  sluice import contoso account --from fixes.csv --mode update --key accountnumber",
            "", "Values: numbers, true/false, choices by value or label, ISO dates, lookups as a GUID",
            "(or TABLE:GUID for customer and owner columns). Empty CSV cells clear the column.",
            "Read-only columns (createdon, ...) are skipped and listed."})
final class ImportCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

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

    @Option(names = "--rejects", paramLabel = "FILE", description = "Rejects file (default: FILE.rejects.csv|jsonl).")
    Path rejectsFile;

    @Option(names = "--chunk-size", paramLabel = "N", defaultValue = "1000",
            description = "Records per bulk request (default: ${DEFAULT-VALUE}).")
    int chunkSize;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        WriteMode writeMode = writeMode();
        RowFormat format;
        try {
            format = RowFormat.ofFile(from.getFileName().toString());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from " + e.getMessage());
        }
        if (!Files.isRegularFile(from)) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "the input file " + from + " does not exist");
        }
        BulkOptions options;
        try {
            options = BulkOptions.DEFAULTS.withChunkSize(chunkSize);
        } catch (SluiceException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--chunk-size: " + e.getMessage());
        }
        try (Engine engine = Engine.of(spec)) {
            if (engine.isBusinessCentral(name)) {
                return BusinessCentralFiles.importFile(engine, name, table, from, format, writeMode, key, rejectsFile,
                        spec.commandLine().getOut(), spec.commandLine().getErr());
            }
            DataverseClient client = engine.client(name);
            TableMetadata m = Tables.metadata(client, table);
            Tables.requireColumns(m, key);
            List<String> keyColumns = key.stream().map(k -> m.requireColumn(k).logicalName()).toList();
            long total = countRecords(format);
            Counts counts = new Counts();
            Path rejectsPath = rejectsFile != null ? rejectsFile : Rejects.defaultFor(from);
            ColumnValues values = new ColumnValues(client);
            try (Rejects rejects = new Rejects(rejectsPath, format == RowFormat.CSV);
                    Progress progress = Progress.start(engine.environment(), spec.commandLine().getErr(),
                            "Importing " + m.logicalName(), total, 0)) {
                Map<Long, Pending> pending = new ConcurrentHashMap<>();
                try (BufferedReader in = Files.newBufferedReader(from, StandardCharsets.UTF_8);
                        BulkWriter writer = client.bulkWriter(m.logicalName(), writeMode, keyColumns, options, o -> {
                            Pending p = pending.remove(o.index());
                            counts.record(o);
                            if (o.failed() && p != null) {
                                rejects.add(p.line, o.message() == null ? o.errorKind() + "" : o.message(), p.raw);
                            }
                            progress.step(1);
                        })) {
                    Source source = format == RowFormat.CSV ? new CsvSource(new CsvReader(in, from.toString()))
                            : new JsonLinesSource(in, from.toString());
                    ImportPlan plan = source.plan(m, writeMode, keyColumns);
                    rejects.header(source.header());
                    Input input;
                    while ((input = source.next()) != null) {
                        Map<String, Object> record;
                        try {
                            record = source.convert(input, plan, values, m, writeMode, keyColumns, counts);
                        } catch (IllegalArgumentException | SluiceException e) {
                            rejects.add(input.line, e.getMessage(), input.raw);
                            counts.rejectedBeforeSending.incrementAndGet();
                            progress.step(1);
                            continue;
                        }
                        if (record == null) {
                            progress.step(1);
                            continue;
                        }
                        pending.put(writer.added(), new Pending(input.line, input.raw));
                        writer.add(record);
                    }
                    if (!plan.skipped().isEmpty()) {
                        spec.commandLine().getErr().println("Skipped columns: " + plan.skipped().entrySet().stream()
                                .map(e -> e.getKey() + " (" + e.getValue() + ")").reduce((a, b) -> a + ", " + b).orElse(""));
                    }
                }
                return summary(m, counts, rejects);
            }
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

    private int summary(TableMetadata m, Counts c, Rejects rejects) {
        long rejected = rejects.count();
        StringBuilder b = new StringBuilder("Imported into " + m.logicalName() + ": ");
        b.append(c.created.get()).append(" created, ").append(c.updated.get()).append(" updated");
        if (c.upserted.get() > 0) {
            b.append(", ").append(c.upserted.get()).append(" upserted (created or updated)");
        }
        if (c.skippedDeletions.get() > 0) {
            b.append(", ").append(c.skippedDeletions.get()).append(" deletion markers skipped");
        }
        b.append(", ").append(rejected).append(" rejected.");
        spec.commandLine().getOut().println(b);
        if (rejected > 0) {
            spec.commandLine().getOut().println("Rejected lines and why: " + rejects.file() + " (most common: "
                    + rejects.topReason() + ")");
            return c.firstFailure == null ? ErrorKind.INVALID_INPUT.exitCode() : c.firstFailure.exitCode();
        }
        return 0;
    }

    private long countRecords(RowFormat format) throws IOException {
        try (Stream<String> lines = Files.lines(from, StandardCharsets.UTF_8)) {
            long n = lines.filter(l -> !l.isBlank()).count();
            return format == RowFormat.CSV ? Math.max(0, n - 1) : n;
        } catch (NoSuchFileException e) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "the input file " + from + " does not exist");
        } catch (java.io.UncheckedIOException e) {
            return -1;
        }
    }

    /** An input record before conversion: its line and its raw form (CSV fields or a JSON object). */
    record Input(long line, Object raw) {}

    private record Pending(long line, Object raw) {}

    /** Outcome counters, updated from the bulk writer's threads. */
    static final class Counts {
        final AtomicLong created = new AtomicLong();
        final AtomicLong updated = new AtomicLong();
        final AtomicLong upserted = new AtomicLong();
        final AtomicLong rejectedBeforeSending = new AtomicLong();
        final AtomicLong skippedDeletions = new AtomicLong();
        volatile ErrorKind firstFailure;

        void record(BulkOutcome o) {
            switch (o.status()) {
                case CREATED -> created.incrementAndGet();
                case UPDATED -> updated.incrementAndGet();
                case UPSERTED -> upserted.incrementAndGet();
                case FAILED -> {
                    if (firstFailure == null) {
                        firstFailure = o.errorKind();
                    }
                }
                default -> { }
            }
        }
    }

    /** Where input records come from. */
    interface Source {
        ImportPlan plan(TableMetadata m, WriteMode mode, List<String> key) throws IOException;

        List<String> header();

        Input next() throws IOException;

        /** The values to write, or null to skip the record (a deletion marker). */
        Map<String, Object> convert(Input input, ImportPlan plan, ColumnValues values, TableMetadata m, WriteMode mode,
                List<String> key, Counts counts);
    }

    /** CSV: the header decides the plan once. */
    static final class CsvSource implements Source {
        private final CsvReader reader;
        private List<String> header = List.of();

        CsvSource(CsvReader reader) {
            this.reader = reader;
        }

        @Override
        public ImportPlan plan(TableMetadata m, WriteMode mode, List<String> key) throws IOException {
            List<String> h = reader.next();
            if (h == null) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "the input file is empty; a CSV needs a header line");
            }
            header = h.stream().map(String::trim).toList();
            return ImportPlan.of(m, header, mode, key);
        }

        @Override
        public List<String> header() {
            return header;
        }

        @Override
        public Input next() throws IOException {
            List<String> fields = reader.next();
            return fields == null ? null : new Input(reader.recordLine(), fields);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map<String, Object> convert(Input input, ImportPlan plan, ColumnValues values, TableMetadata m,
                WriteMode mode, List<String> key, Counts counts) {
            List<String> fields = (List<String>) input.raw();
            if (fields.size() != header.size()) {
                throw new IllegalArgumentException("has " + fields.size() + " fields but the header has " + header.size());
            }
            if (plan.deletedMarker() >= 0 && "true".equalsIgnoreCase(fields.get(plan.deletedMarker()))) {
                counts.skippedDeletions.incrementAndGet();
                return null;
            }
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                ColumnMetadata c = plan.columns().get(i);
                if (c != null) {
                    put(record, c, fields.get(i), values, m);
                }
            }
            return record;
        }
    }

    /** JSON lines: one object per line; values that are text are converted like CSV cells. */
    static final class JsonLinesSource implements Source {
        private final BufferedReader reader;
        private final String sourceName;
        private long line;
        private final Map<List<String>, ImportPlan> plans = new LinkedHashMap<>();
        private TableMetadata meta;
        private WriteMode mode;
        private List<String> key;

        JsonLinesSource(BufferedReader reader, String sourceName) {
            this.reader = reader;
            this.sourceName = sourceName;
        }

        @Override
        public ImportPlan plan(TableMetadata m, WriteMode writeMode, List<String> keyColumns) {
            this.meta = m;
            this.mode = writeMode;
            this.key = keyColumns;
            return null;
        }

        @Override
        public List<String> header() {
            return List.of();
        }

        @Override
        public Input next() throws IOException {
            String text;
            do {
                text = reader.readLine();
                line++;
            } while (text != null && text.isBlank());
            if (text == null) {
                return null;
            }
            Object raw;
            try {
                raw = JSON.readValue(text, LinkedHashMap.class);
            } catch (IOException e) {
                raw = text;
            }
            return new Input(line, raw);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map<String, Object> convert(Input input, ImportPlan ignored, ColumnValues values, TableMetadata m,
                WriteMode writeMode, List<String> keyColumns, Counts counts) {
            if (!(input.raw() instanceof Map)) {
                throw new IllegalArgumentException("is not a JSON object (" + sourceName + " line " + input.line() + ")");
            }
            Map<String, Object> raw = (Map<String, Object>) input.raw();
            if (raw.containsKey("@removed")) {
                counts.skippedDeletions.incrementAndGet();
                return null;
            }
            List<String> names = new ArrayList<>(raw.keySet());
            ImportPlan plan = plans.computeIfAbsent(names, n -> ImportPlan.of(meta, n, mode, key));
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                ColumnMetadata c = plan.columns().get(i);
                Object v = raw.get(names.get(i));
                if (c == null) {
                    continue;
                }
                if (v == null || v instanceof String) {
                    put(record, c, (String) v, values, m);
                } else {
                    record.put(c.logicalName(), v);
                }
            }
            return record;
        }
    }

    static void put(Map<String, Object> record, ColumnMetadata c, String text, ColumnValues values, TableMetadata m) {
        Map.Entry<String, Object> e = values.convert(c, text);
        if (e != null) {
            record.put(e.getKey(), e.getValue());
        }
    }
}
