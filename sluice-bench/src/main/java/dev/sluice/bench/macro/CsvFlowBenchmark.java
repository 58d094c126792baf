package dev.sluice.bench.macro;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 15's second figure: a CSV file of contacts upserted into Dataverse by alternate key
 * ({@code emailaddress1}), by {@code sluice flow run} against {@code sluice import} on the same file, both whole
 * processes through the same stored connection, each into a fresh empty emulator, taking turns. Target: the flow
 * at least 0.9 × the import's rows/s. Every run is checked afterwards with {@link KeyScan}: every row once.
 */
final class CsvFlowBenchmark {
    private static final int TURNS = 2;
    private static final String PREFIX = "csvflow";

    private CsvFlowBenchmark() {}

    static void run(Path cliJar, String emulatorHeap, int rows, boolean quick, Report report) throws Exception {
        int turns = quick ? 1 : TURNS;
        Path dir = Files.createTempDirectory("sluice-bench-csv");
        Path csv = dir.resolve("contacts.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("emailaddress1,firstname,lastname,jobtitle,telephone1,address1_city\n");
            for (int i = 0; i < rows; i++) {
                Map<String, Object> r = ContactRecords.record(PREFIX, i);
                w.write(String.join(",", r.values().stream().map(Object::toString).toList()));
                w.write('\n');
            }
        }
        Path flow = dir.resolve("contacts-in.flow.yaml");
        Files.writeString(flow, """
                flow: contacts-in
                connections:
                  files: { directory: "%s" }
                source: { connection: files, table: contacts.csv }
                map:
                  emailaddress1: emailaddress1
                  firstname: firstname
                  lastname: lastname
                  jobtitle: jobtitle
                  telephone1: telephone1
                  address1_city: address1_city
                target: { connection: bench, table: contact, write: upsert, key: [emailaddress1], chunk-size: 1000 }
                """.formatted(dir.toString().replace("\\", "/")));
        Path token = dir.resolve("token.txt");
        Files.writeString(token, "bench-token");
        List<Double> imports = new ArrayList<>();
        List<Double> flows = new ArrayList<>();
        for (int turn = 0; turn < turns; turn++) {
            for (boolean importFirst : new boolean[] {turn % 2 == 0, turn % 2 != 0}) {
                try (EmulatorProcess emulator = EmulatorProcess.start(cliJar, emulatorHeap, List.of("--no-auth"))) {
                    CliRunner cli = new CliRunner(cliJar, dir.resolve("home-" + turn + (importFirst ? "i" : "f")),
                            Map.of());
                    cli.run("connection", "add", "bench", "--org-url", emulator.orgUrl(), "--auth", "static-token");
                    cli.run("auth", "login", "bench", "--token-file", token.toString(), "--expires-at",
                            "2099-01-01T00:00:00Z");
                    ChildRun r = importFirst
                            ? cli.run("import", "bench", "contact", "--from", csv.toString(), "--key", "emailaddress1")
                            : cli.run("flow", "run", flow.toString());
                    (importFirst ? imports : flows).add(r.seconds());
                    KeyScan.Result found = KeyScan.scan(emulator, "bench-token", PREFIX, rows);
                    if (!found.exact() || found.rows() != rows) {
                        throw new AssertionError((importFirst ? "sluice import" : "sluice flow run") + " left " + found
                                + "; expected " + rows + " rows once. Output: " + r.output());
                    }
                }
            }
        }
        double flowRate = rows / flows.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double imp = rows / imports.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        report.add(new Figure("flow: CSV → Dataverse contacts, upsert by alternate key", "rows/s", flowRate, imp, 0.9,
                false, true, true, String.format("%,d rows; whole processes into a fresh emulator each, %d turn(s) each: "
                        + "sluice flow run %s s against sluice import's %s s on the same file; every run checked "
                        + "(every row once)", rows, turns, flows.stream().map(x -> String.format("%.1f", x)).toList(),
                        imports.stream().map(x -> String.format("%.1f", x)).toList())));
    }
}
