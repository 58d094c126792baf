package dev.sluice.bench.macro;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 15's first figure: {@code sluice flow run} moving every account from Dataverse into PostgreSQL (embedded),
 * upsert by key, a checkpoint per 1000-row chunk, as a whole process in 256 MiB of heap, against the raw client's
 * scan of the same columns as a whole process ({@link ScanProgram}) on the same emulator, taking turns. Target: at
 * least 0.8 × the scan's rows/s. The target table is checked after every run (every row, once); the CPU seconds of
 * the client, the emulator and PostgreSQL are reported per turn. Then the incremental figure runs on the same
 * emulator and database ({@link IncrementalFlowBenchmark}).
 */
final class FlowBenchmark {
    static final String COLUMNS = "accountid,name,accountnumber,revenue,modifiedon";
    /** Turns of each side at full size; the figure is the mean (a quick run takes one, so CI stays short). */
    private static final int TURNS = 2;
    private static final Pattern READ = Pattern.compile("read (\\d+)");

    private FlowBenchmark() {}

    /** One side's turns. */
    private static final class Side {
        final List<Double> seconds = new ArrayList<>();
        final List<String> cpu = new ArrayList<>();
        double peakHeap;

        double mean() {
            return seconds.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }
    }

    static void run(EmulatorProcess emulator, Path cliJar, Path benchJar, long rows, boolean quick, Report report)
            throws Exception {
        Path dir = Files.createTempDirectory("sluice-bench-flow");
        try (Postgres pg = new Postgres(dir)) {
            pg.sql("CREATE TABLE crm_accounts (id UUID PRIMARY KEY, name VARCHAR(200), number VARCHAR(40), "
                    + "revenue NUMERIC(19,4), modified TIMESTAMP WITH TIME ZONE)");
            Path flow = dir.resolve("accounts-to-postgres.flow.yaml");
            Files.writeString(flow, """
                    flow: accounts-to-postgres
                    connections:
                      crm: { dataverse: "%s", token-env: CRM_TOKEN }
                      db: { jdbc: "%s", user: postgres }
                    source: { connection: crm, table: account, select: [%s] }
                    map: { id: accountid, name: name, number: accountnumber, revenue: revenue, modified: modifiedon }
                    target: { connection: db, table: crm_accounts, write: upsert, key: [id], chunk-size: 1000 }
                    """.formatted(emulator.orgUrl(), pg.url(), COLUMNS.replace(",", ", ")));
            CliRunner cli = new CliRunner(cliJar, dir.resolve("home"), Map.of("CRM_TOKEN", "bench-token"));
            cli.run("flow", "validate", flow.toString()); // a user's engine store exists before their first run
            CliRunner.program(benchJar, ScanProgram.class, emulator.orgUrl(), "account", COLUMNS); // warm-up

            Side scan = new Side();
            Side sluice = new Side();
            int turns = quick ? 1 : TURNS;
            for (int turn = 0; turn < turns; turn++) {
                double e0 = Cpu.seconds(emulator.pid());
                double p0 = pg.cpuSeconds();
                ChildRun b = CliRunner.program(benchJar, ScanProgram.class, emulator.orgUrl(), "account", COLUMNS);
                if (!b.output().contains("rows " + rows)) {
                    throw new AssertionError("the scan read something else than " + rows + " rows: " + b.output());
                }
                scan.seconds.add(b.seconds());
                scan.cpu.add(cpu(b, Cpu.seconds(emulator.pid()) - e0, pg.cpuSeconds() - p0));
                scan.peakHeap = Math.max(scan.peakHeap, b.peakHeapMiB());

                pg.sql("TRUNCATE crm_accounts");
                e0 = Cpu.seconds(emulator.pid());
                p0 = pg.cpuSeconds();
                ChildRun s = cli.run("flow", "run", flow.toString());
                sluice.seconds.add(s.seconds());
                sluice.cpu.add(cpu(s, Cpu.seconds(emulator.pid()) - e0, pg.cpuSeconds() - p0));
                sluice.peakHeap = Math.max(sluice.peakHeap, s.peakHeapMiB());
                long read = read(s.output());
                long inTable = pg.count("SELECT count(*) FROM crm_accounts");
                long distinct = pg.count("SELECT count(DISTINCT id) FROM crm_accounts");
                if (read != rows || inTable != rows || distinct != rows) {
                    throw new AssertionError("the flow read " + read + " rows; the target has " + inTable + " ("
                            + distinct + " distinct); expected " + rows + ". Output: " + s.output());
                }
            }
            report.add(new Figure("flow: Dataverse → PostgreSQL, upsert by key", "rows/s", rows / sluice.mean(),
                    rows / scan.mean(), 0.8, false, true, true, String.format("%,d rows; whole processes, %d turn(s) "
                            + "each, taking turns: sluice flow run %s s against the scan's %s s; target checked after "
                            + "every run (every row once); CPU s per turn (client / emulator / PostgreSQL): sluice %s, "
                            + "scan %s", rows, turns, fmt(sluice.seconds), fmt(scan.seconds), sluice.cpu, scan.cpu)));
            report.add(new Figure("flow: peak heap of sluice flow run", "MiB", sluice.peakHeap, Double.NaN, 256, true,
                    false, false, "the most heap in use before a collection, from the process's GC log, under -Xmx256m"));
            IncrementalFlowBenchmark.run(emulator, pg, cli, dir, rows, quick, report);
        }
    }

    static long read(String output) {
        Matcher m = READ.matcher(output);
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }

    private static String cpu(ChildRun r, double emulator, double postgres) {
        return String.format("%.1f/%.1f/%.1f", r.cpuSeconds(), emulator, postgres);
    }

    private static String fmt(List<Double> seconds) {
        return String.join(" + ", seconds.stream().map(s -> String.format("%.1f", s)).toList());
    }
}
