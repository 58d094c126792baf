package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Emulator;
import dev.sluice.flow.CsvRecordReader;
import dev.sluice.testing.WithEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export (atomic, resumable, incremental) and import (bulk, rejects, idempotent with a key), in-process. */
@WithEmulator(seed = {"accounts=1500"})
class ExportImportTest {
    static Emulator emulator;

    @TempDir
    Path home;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(home).serviceConnection(emulator, "org");
    }

    long count(String filter) {
        return Cli.expectOk(cli.run("query", "org", "account", "--select", "accountnumber", "--filter", filter,
                "--format", "jsonl")).out().lines().count();
    }

    @Test
    void exportWritesEveryRowAtomicallyAndLeavesNoState() throws Exception {
        Path target = home.resolve("accounts.csv");
        long rows = count("startswith(accountnumber,'ACC-')");
        Cli.Result r = Cli.expectOk(cli.run("export", "org", "account", "--to", target.toString(), "--filter",
                "startswith(accountnumber,'ACC-')"));
        assertThat(r.out()).isEqualTo("Exported " + rows + " rows of account to " + target + ".\n");
        List<String> lines = Files.readAllLines(target);
        assertThat(lines).hasSize((int) rows + 1);
        assertThat(lines.get(0)).startsWith("accountid,").contains(",accountnumber,").contains("_primarycontactid_value");
        assertThat(home.resolve("accounts.csv.part")).doesNotExist();
        assertThat(ExportState.fileFor(target)).doesNotExist();
    }

    @Test
    void anInterruptedExportResumesAfterItsLastCheckpoint() throws Exception {
        Path full = home.resolve("full.csv");
        Cli.expectOk(cli.run("export", "org", "account", "--to", full.toString(), "--select", "accountnumber,name"));
        byte[] all = Files.readAllBytes(full);
        String text = new String(all, StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        // what a run killed after 1200 rows leaves: the checkpoint at row 1000, a part file with more, half a row
        Path target = home.resolve("resumed.csv");
        long checkpointBytes = 0;
        for (int i = 0; i <= 1000; i++) {
            checkpointBytes += (lines.get(i) + "\r\n").getBytes(StandardCharsets.UTF_8).length;
        }
        int upTo1200 = 0;
        for (int i = 0; i <= 1200; i++) {
            upTo1200 += (lines.get(i) + "\r\n").getBytes(StandardCharsets.UTF_8).length;
        }
        byte[] part = new byte[upTo1200 + 7];
        System.arraycopy(all, 0, part, 0, upTo1200);
        System.arraycopy("garbage".getBytes(StandardCharsets.UTF_8), 0, part, upTo1200, 7);
        Files.write(home.resolve("resumed.csv.part"), part);
        String lastNumber = lines.get(1000).split(",")[0];
        String lastId = Cli.expectOk(cli.run("get", "org", "account", "--key", "accountnumber=" + lastNumber, "--select",
                "accountid", "--format", "csv")).out().lines().toList().get(1);
        new ExportState("account", null, List.of("accountnumber", "name"), lastId, 1000, checkpointBytes, null)
                .write(target);

        Cli.Result r = Cli.expectOk(cli.run("export", "org", "account", "--to", target.toString(), "--select",
                "accountnumber,name"));
        assertThat(r.out()).contains("Exported " + (lines.size() - 1) + " rows").contains("(resumed after 1000 rows)");
        assertThat(Files.readAllBytes(target)).isEqualTo(all);
        assertThat(ExportState.fileFor(target)).doesNotExist();
    }

    @Test
    void exportToJsonLinesAndABadTargetName() throws Exception {
        Path target = home.resolve("a.jsonl");
        Cli.expectOk(cli.run("export", "org", "account", "--to", target.toString(), "--select", "accountnumber",
                "--filter", "accountnumber eq 'ACC-0000007'"));
        assertThat(Files.readString(target)).isEqualTo("{\"accountnumber\":\"ACC-0000007\"}\n");
        Cli.Result bad = cli.run("export", "org", "account", "--to", home.resolve("a.xlsx").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("name the file .csv or .jsonl");
    }

    @Test
    void incrementalExportWritesOnlyWhatChangedSinceTheLastRun() throws Exception {
        Path target = home.resolve("changes-{n}.csv");
        Cli.Result first = Cli.expectOk(cli.run("export", "org", "account", "--to", target.toString(), "--select",
                "accountnumber,name", "--incremental"));
        assertThat(first.out()).contains("Exported ").contains("changes-1.csv");
        assertThat(ExportState.read(target).deltaToken()).isNotBlank();

        Cli.expectOk(cli.run("update", "org", "account", "--key", "accountnumber=ACC-0000003", "{\"name\":\"Renamed\"}"));
        String deletedId = Cli.expectOk(cli.run("get", "org", "account", "--key", "accountnumber=ACC-0000004",
                "--select", "accountid", "--format", "csv")).out().lines().toList().get(1);
        Cli.expectOk(cli.run("delete", "org", "account", "--key", "accountnumber=ACC-0000004"));

        Cli.Result second = Cli.expectOk(cli.run("export", "org", "account", "--to", target.toString(), "--select",
                "accountnumber,name", "--incremental"));
        assertThat(second.out()).contains("Exported 1 rows").contains("1 deletions").contains("changes-2.csv");
        List<String> lines = Files.readAllLines(home.resolve("changes-2.csv"));
        assertThat(lines.get(0)).isEqualTo("accountid,accountnumber,name,sluice_deleted");
        assertThat(lines).anyMatch(l -> l.endsWith(",ACC-0000003,Renamed,"));
        assertThat(lines).anyMatch(l -> l.contains(deletedId) && l.endsWith(",true"));
    }

    @Test
    void importRejectsBadLinesWithTheirReasonsAndARerunWithAKeyCreatesNothingNew() throws Exception {
        Path input = home.resolve("new.csv");
        Files.writeString(input, String.join("\r\n",
                "accountnumber,name,numberofemployees,industrycode",
                "IMP-1,Import One,10,Consulting",
                "IMP-2,Import Two,many,1",
                "IMP-3,\"Import, Three\",30,7",
                "IMP-4,Import Four",
                "IMP-5," + "x".repeat(200) + ",50,1",
                "IMP-6,Import Six,60,Retail") + "\r\n");
        Cli.Result r = cli.run("import", "org", "account", "--from", input.toString(), "--key", "accountnumber");
        assertThat(r.out()).contains("3 created, 0 updated, 0 unchanged, 3 rejected").contains("new.rejects.csv");
        assertThat(r.exitCode()).isEqualTo(2);
        List<String> rejects = Files.readAllLines(home.resolve("new.rejects.csv"));
        assertThat(rejects.get(0)).isEqualTo("line,error,accountnumber,name,numberofemployees,industrycode");
        assertThat(rejects).hasSize(4);
        assertThat(rejects.get(1)).startsWith("3,\"column 'numberofemployees' takes a whole number, not 'many'\",IMP-2,");
        assertThat(rejects.get(2)).startsWith("5,has 2 fields but the header has 4,IMP-4");
        assertThat(rejects.get(3)).startsWith("6,").contains("exceeded the maximum allowed length of '160'")
                .contains(",IMP-5,");
        assertThat(count("startswith(accountnumber,'IMP-')")).isEqualTo(3);
        assertThat(cli.run("get", "org", "account", "--key", "accountnumber=IMP-6").out())
                .contains("\"industrycode\":29").contains("\"numberofemployees\":60");

        Cli.Result again = cli.run("import", "org", "account", "--from", input.toString(), "--key", "accountnumber");
        assertThat(again.out()).contains("0 created, 0 updated, 3 unchanged, 3 rejected");
        assertThat(Files.readAllLines(home.resolve("new.rejects.csv"))).isEqualTo(rejects);
        assertThat(count("startswith(accountnumber,'IMP-')")).isEqualTo(3);
    }

    @Test
    void anExportImportsBackUnchangedWithItsReadOnlyColumnsSkipped() throws Exception {
        Path target = home.resolve("roundtrip.csv");
        Cli.expectOk(cli.run("export", "org", "account", "--to", target.toString(), "--filter",
                "accountnumber ge 'ACC-0000100' and accountnumber lt 'ACC-0000150'"));
        Cli.Result r = Cli.expectOk(cli.run("import", "org", "account", "--from", target.toString(), "--key",
                "accountnumber"));
        assertThat(r.out()).contains("0 created, 0 updated, 50 unchanged, 0 rejected");
        assertThat(r.err()).contains("Skipped columns: accountid (the primary id").contains("createdon (read-only)");
        assertThat(count("accountnumber ge 'ACC-0000100' and accountnumber lt 'ACC-0000150'")).isEqualTo(50);
    }

    @Test
    void anUnknownImportColumnStopsBeforeAnythingIsWritten() throws Exception {
        Path input = home.resolve("typo.csv");
        Files.writeString(input, "accountnumber,naem\nTYPO-1,x\n");
        Cli.Result r = cli.run("import", "org", "account", "--from", input.toString(), "--key", "accountnumber");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown column 'naem' on table 'account' (did you mean 'name'?)");
        assertThat(count("accountnumber eq 'TYPO-1'")).isZero();
    }

    @Test
    void csvQuotesLineBreaksSpacesAndAByteOrderMarkComeBackAsTheyWentIn() throws Exception {
        Path input = home.resolve("tricky.csv");
        Files.writeString(input, "\uFEFF accountnumber , name ,description\n"
                + "RT-1,\"Comma, \"\"Quote\"\" Ltd\",\"two\r\nlines\"\n"
                + "\n"
                + "RT-2, padded ,#not a comment\n"
                + "RT-3,Short\n");
        Cli.Result r = cli.run("import", "org", "account", "--from", input.toString(), "--key", "accountnumber");
        assertThat(r.out()).contains("2 created, 0 updated, 0 unchanged, 1 rejected");
        assertThat(Files.readAllLines(home.resolve("tricky.rejects.csv")).get(1))
                .isEqualTo("6,has 2 fields but the header has 3,RT-3,Short"); // the line after a two-line record

        Path target = home.resolve("tricky-out.csv");
        Cli.expectOk(cli.run("export", "org", "account", "--to", target.toString(), "--select",
                "accountnumber,name,description", "--filter", "startswith(accountnumber,'RT-')"));
        String exported = Files.readString(target, StandardCharsets.UTF_8);
        assertThat(exported).contains("RT-1,\"Comma, \"\"Quote\"\" Ltd\",\"two\r\nlines\"\r\n")
                .contains("RT-2, padded ,#not a comment\r\n");
        assertThat(Cli.expectOk(cli.run("query", "org", "account", "--select", "accountnumber,name,description",
                "--filter", "accountnumber eq 'RT-1'", "--format", "csv")).out())
                .isEqualTo("accountnumber,name,description\r\nRT-1,\"Comma, \"\"Quote\"\" Ltd\",\"two\r\nlines\"\r\n");
        try (CsvRecordReader back = new CsvRecordReader(Files.newBufferedReader(target), target.toString())) {
            back.header();
            List<List<String>> rows = new java.util.ArrayList<>();
            for (List<String> f = back.next(); f != null; f = back.next()) {
                rows.add(f.subList(f.size() - 2, f.size()));
            }
            assertThat(rows).contains(List.of("Comma, \"Quote\" Ltd", "two\r\nlines"),
                    List.of(" padded ", "#not a comment"));
        }
    }

    @Test
    void aCharacterAfterAClosingQuoteStopsTheImportSayingWhereAndARerunAfterTheFixWritesEachRowOnce()
            throws Exception {
        Path input = home.resolve("quote.csv");
        Files.writeString(input, "accountnumber,name\nQT-1,One\n\"QT-2\"x,Two\nQT-3,Three\n");
        Cli.Result r = cli.run("import", "org", "account", "--from", input.toString(), "--key", "accountnumber");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("quote.csv line 3: unexpected character after a closing quote");
        Files.writeString(input, "accountnumber,name\nQT-1,One\n\"QT-2\",Two\nQT-3,Three\n");
        Cli.expectOk(cli.run("import", "org", "account", "--from", input.toString(), "--key", "accountnumber"));
        assertThat(count("startswith(accountnumber,'QT-')")).isEqualTo(3);
    }
}
