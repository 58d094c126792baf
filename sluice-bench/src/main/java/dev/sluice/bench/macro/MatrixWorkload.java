package dev.sluice.bench.macro;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * One row of the fault matrix: a {@code sluice} command run as a process, and how to count afterwards,
 * independently of the command, the rows it lost and doubled. Each cell works on rows of its own (a prefix), so
 * cells do not see each other's rows.
 */
enum MatrixWorkload {
    /** CSV → contacts, upsert by the alternate key {@code emailaddress1}. */
    IMPORT_BY_KEY("import CSV → contacts by key"),
    /** CSV → leads, create only: {@code lead} has no alternate key. */
    IMPORT_CREATE("import CSV → leads, create-only (no key)"),
    /** Every account to CSV. */
    EXPORT("export accounts → CSV");

    private final String label;

    MatrixWorkload(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Writes the input (imports) and returns the command's arguments. */
    List<String> prepare(Path dir, String prefix, int rows, int chunk) throws IOException {
        Path file = dir.resolve(prefix + ".csv");
        return switch (this) {
            case IMPORT_BY_KEY -> {
                try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    w.write("emailaddress1,firstname,lastname,jobtitle,telephone1,address1_city\r\n");
                    for (int i = 0; i < rows; i++) {
                        Map<String, Object> r = ContactRecords.record(prefix, i);
                        w.write(r.get("emailaddress1") + "," + r.get("firstname") + "," + r.get("lastname") + ","
                                + r.get("jobtitle") + "," + r.get("telephone1") + "," + r.get("address1_city") + "\r\n");
                    }
                }
                yield List.of("import", FaultMatrixBenchmark.CONNECTION, "contact", "--from", file.toString(), "--key",
                        "emailaddress1", "--chunk-size", Integer.toString(chunk));
            }
            case IMPORT_CREATE -> {
                try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    w.write("lastname,subject,companyname,estimatedamount\r\n");
                    for (int i = 0; i < rows; i++) {
                        w.write(String.format("%s-%07d,Bench lead,Company %d,%d.50\r\n", prefix, i, i % 97, i % 1000));
                    }
                }
                yield List.of("import", FaultMatrixBenchmark.CONNECTION, "lead", "--from", file.toString(), "--chunk-size",
                        Integer.toString(chunk));
            }
            case EXPORT -> List.of("export", FaultMatrixBenchmark.CONNECTION, "account", "--to", file.toString(),
                    "--select", "accountnumber,name,revenue,numberofemployees,industrycode,address1_city");
        };
    }

    /** Rows missing and doubled after the cell's command (and its rerun) ended. */
    KeyScan.Result check(EmulatorProcess emulator, String bearer, Path dir, String prefix, int rows)
            throws IOException, InterruptedException {
        return switch (this) {
            case IMPORT_BY_KEY -> KeyScan.scan(emulator, bearer, "contacts", "emailaddress1", prefix, rows);
            case IMPORT_CREATE -> KeyScan.scan(emulator, bearer, "leads", "lastname", prefix, rows);
            case EXPORT -> exported(dir.resolve(prefix + ".csv"), rows);
        };
    }

    /** Counts the accounts in an export by their number ({@code ACC-0000001} … {@code ACC-N}). */
    private static KeyScan.Result exported(Path file, int rows) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new KeyScan.Result(0, 0, 0, rows, 0);
        }
        BitSet seen = new BitSet(rows + 1);
        long count = 0;
        long duplicates = 0;
        long unexpected = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine(); // header
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                count++;
                int comma = line.indexOf(',');
                String number = comma < 0 ? line : line.substring(0, comma);
                int index = KeyScan.index(number, "ACC-");
                if (index < 1 || index > rows) {
                    unexpected++;
                } else if (seen.get(index)) {
                    duplicates++;
                } else {
                    seen.set(index);
                }
            }
        }
        long distinct = seen.cardinality();
        return new KeyScan.Result(count, distinct, duplicates, rows - distinct, unexpected);
    }

    /** Removes what the cell wrote locally (inputs, outputs, rejects, state files). */
    static void clean(Path dir, String prefix) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
