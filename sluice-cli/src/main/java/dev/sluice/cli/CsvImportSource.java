package dev.sluice.cli;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.core.WriteMode;
import dev.sluice.dataverse.ColumnMetadata;
import dev.sluice.dataverse.TableMetadata;
import dev.sluice.flow.CsvRecordReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CSV records read by sluice-flow's {@link CsvRecordReader}; the header decides once which columns are written ({@link ImportPlan}). Not thread-safe. */
final class CsvImportSource implements ImportSource {
    private final CsvRecordReader reader;
    private List<String> header = List.of();
    private ImportPlan plan;
    private List<String> key = List.of();
    private boolean creates;

    CsvImportSource(CsvRecordReader reader) {
        this.reader = reader;
    }

    @Override
    public void open(TableMetadata m, WriteMode mode, List<String> keyColumns) throws IOException {
        List<String> h = reader.header();
        if (h == null) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "the input file is empty; a CSV needs a header line");
        }
        header = h;
        plan = ImportPlan.of(m, header, mode, keyColumns);
        key = keyColumns;
        creates = mode == WriteMode.CREATE;
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public ImportInput next() throws IOException {
        List<String> fields = reader.next();
        // the text is what a create's id is derived from; other modes do not use it
        return fields == null ? null : new ImportInput(reader.recordLine(), fields,
                creates ? String.join("\u001f", fields) : null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> convert(ImportInput input, ColumnValues values, EmptyCells empty) {
        List<String> fields = (List<String>) input.raw();
        if (fields.size() != header.size()) {
            throw new IllegalArgumentException("has " + fields.size() + " fields but the header has " + header.size());
        }
        if (plan.deletedMarker() >= 0 && "true".equalsIgnoreCase(fields.get(plan.deletedMarker()))) {
            return null;
        }
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            ColumnMetadata c = plan.columns().get(i);
            if (c != null) {
                values.put(record, c, fields.get(i), empty, key.contains(c.logicalName()));
            }
        }
        return record;
    }

    @Override
    public Map<String, String> skipped() {
        return plan == null ? Map.of() : plan.skipped();
    }
}
