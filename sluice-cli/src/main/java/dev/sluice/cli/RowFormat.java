package dev.sluice.cli;

import dev.sluice.flow.FileFormat;
import java.io.Writer;
import java.util.List;

/** How rows are written: an aligned table for people, JSON, JSON lines or CSV for programs. */
enum RowFormat {
    TABLE, JSON, JSONL, CSV;

    /** A sink writing rows in this format; {@code columns} empty means the first row's columns. */
    RowSink open(Writer out, List<String> columns, CliEnvironment env) {
        return switch (this) {
            case TABLE -> new TableRowSink(out, columns, env.width(), env.colour());
            case JSON -> new JsonRowSink(out, columns, true);
            case JSONL -> new JsonRowSink(out, columns, false);
            case CSV -> new CsvRowSink(out, columns, true);
        };
    }

    /** The format a file name asks for: {@code .csv} or {@code .jsonl}/{@code .ndjson}; INVALID_INPUT otherwise. */
    static RowFormat ofFile(String fileName) {
        FileFormat f = FileFormat.of(fileName);
        if (f == null) {
            throw new IllegalArgumentException("cannot tell the format of '" + fileName
                    + "': name the file .csv or .jsonl");
        }
        return f == FileFormat.CSV ? CSV : JSONL;
    }
}
