package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.FaultSpec;
import dev.sluice.testing.WithEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code sluice import} does with bad values, what its summary says, what empty cells mean, and that it
 * writes each row exactly once: through the real command, in-process.
 */
@WithEmulator
class ImportOutcomesTest {
    static Emulator emulator;

    @TempDir
    Path home;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(home).serviceConnection(emulator, "org");
    }

    @AfterEach
    void clearFaults() {
        emulator.faults().clear();
    }

    Path csv(String name, String... lines) throws Exception {
        Path p = home.resolve(name);
        Files.writeString(p, String.join("\r\n", lines) + "\r\n");
        return p;
    }

    String json(String table, String key) {
        return Cli.expectOk(cli.run("get", "org", table, "--key", key, "--format", "json")).out();
    }

    long count(String table, String filter) {
        return Cli.expectOk(cli.run("query", "org", table, "--select", "createdon", "--filter", filter, "--format",
                "jsonl")).out().lines().count();
    }

    @Test
    void aBadDateRejectsItsLineAndTheRunEndsWithItsSummary() throws Exception {
        Path input = csv("dates.csv", "accountnumber,name,lastusedincampaign",
                "DATE-1,Dated one,2024-05-01",
                "DATE-2,Dated two,yesterday",
                "DATE-3,Dated three,2024-05-01T10:00:00Z");
        Cli.Result r = cli.run("import", "org", "account", "--from", input.toString(), "--key", "accountnumber");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).startsWith("Imported into account: 2 created, 0 updated, 0 unchanged, 1 rejected.");
        assertThat(Files.readAllLines(home.resolve("dates.rejects.csv"))).containsExactly(
                "line,error,accountnumber,name,lastusedincampaign",
                "3,\"column 'lastusedincampaign' takes an ISO date (2024-05-01) or date-time with a zone "
                        + "(2024-05-01T10:00:00Z), not 'yesterday'\",DATE-2,Dated two,yesterday");
        assertThat(count("account", "startswith(accountnumber,'DATE-')")).isEqualTo(2);
    }

    @Test
    void everyKindOfBadValueRejectsItsLineNamingTheColumnTheValueAndTheFormItTakes() throws Exception {
        Path input = csv("bad.csv", "accountnumber,name,numberofemployees,revenue,creditonhold,industrycode,"
                        + "primarycontactid,lastusedincampaign",
                "BAD-1,Good,5,10.5,true,Consulting,,2024-01-31",
                "BAD-2,Bad int,5.5,,,,,",
                "BAD-3,Bad money,,12abc,,,,",
                "BAD-4,Bad boolean,,,perhaps,,,",
                "BAD-5,Bad choice label,,,,Fishing,,",
                "BAD-6,Bad choice value,,,,5,,",
                "BAD-7,Bad lookup,,,,,not-a-guid,",
                "BAD-8,Bad day,,,,,,2024-02-30",
                "BAD-9,Too early,,,,,,1200-01-01",
                "BAD-10,Too big,99999999999,,,,,");
        Cli.Result r = cli.run("import", "org", "account", "--from", input.toString(), "--key", "accountnumber");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).startsWith("Imported into account: 1 created, 0 updated, 0 unchanged, 9 rejected.");
        List<String> reasons = new ArrayList<>();
        for (String line : Files.readAllLines(home.resolve("bad.rejects.csv")).subList(1, 10)) {
            reasons.add(line.substring(line.indexOf(",\"") + 2, line.indexOf("\",BAD-")));
        }
        assertThat(reasons).containsExactly(
                "column 'numberofemployees' takes a whole number, not '5.5'",
                "column 'revenue' takes a number such as 1234.56, not '12abc'",
                "column 'creditonhold' takes true, false, 1, 0 or Yes, No, not 'perhaps'",
                "column 'industrycode' takes one of its choices by value or label: 1 Accounting, 2 Agriculture and "
                        + "Non-petrol Natural Resource Extraction, 3 Broadcasting Printing and Publishing, 4 Brokers, "
                        + "6 Business Services, 7 Consulting, 12 Financial, 19 Manufacturing, … (describe the table "
                        + "for all 10), not 'Fishing'",
                "column 'industrycode' takes one of its choices by value or label: 1 Accounting, 2 Agriculture and "
                        + "Non-petrol Natural Resource Extraction, 3 Broadcasting Printing and Publishing, 4 Brokers, "
                        + "6 Business Services, 7 Consulting, 12 Financial, 19 Manufacturing, … (describe the table "
                        + "for all 10), not '5'",
                "column '_primarycontactid_value' takes a GUID (the id of a contact), not 'not-a-guid'",
                "column 'lastusedincampaign' takes an ISO date (2024-05-01) or date-time with a zone "
                        + "(2024-05-01T10:00:00Z), not '2024-02-30'",
                "column 'lastusedincampaign' takes a date from 1753-01-01 to 9999-12-31, not '1200-01-01'",
                "column 'numberofemployees' takes a whole number from -2147483648 to 2147483647, not '99999999999'");
        // the choice value the column does not have was refused before anything was sent
        assertThat(emulator.stats().recentRequests(1000)).noneMatch(q -> q.url().contains("UpsertMultiple")
                && q.status() == 400);
    }

    @Test
    void theSummarySaysWhatWasCreatedUpdatedAndLeftUnchanged() throws Exception {
        Path input = csv("people.csv", "emailaddress1,lastname,jobtitle",
                "sum-1@example.test,One,Buyer", "sum-2@example.test,Two,Buyer", "sum-3@example.test,Three,Buyer");
        assertThat(Cli.expectOk(cli.run("import", "org", "contact", "--from", input.toString(), "--key",
                "emailaddress1")).out()).isEqualTo("Imported into contact: 3 created, 0 updated, 0 unchanged, "
                        + "0 rejected.\n");
        assertThat(Cli.expectOk(cli.run("import", "org", "contact", "--from", input.toString(), "--key",
                "emailaddress1")).out()).isEqualTo("Imported into contact: 0 created, 0 updated, 3 unchanged, "
                        + "0 rejected.\n");
        Files.writeString(input, Files.readString(input).replace("Two,Buyer", "Two,Engineer"));
        assertThat(Cli.expectOk(cli.run("import", "org", "contact", "--from", input.toString(), "--key",
                "emailaddress1")).out()).isEqualTo("Imported into contact: 0 created, 1 updated, 2 unchanged, "
                        + "0 rejected.\n");
        assertThat(json("contact", "emailaddress1=sum-2@example.test")).contains("\"jobtitle\":\"Engineer\"");
    }

    @Test
    void anImportOfNewRowsThatMeetsSomeWrittenBeforeSaysExactlyWhichAndWritesEachOnce() throws Exception {
        List<String> lines = new ArrayList<>(List.of("emailaddress1,lastname,jobtitle"));
        for (int i = 0; i < 60; i++) {
            lines.add("mix-" + i + "@example.test,Mix " + i + ",Buyer");
        }
        Path some = csv("some.csv", lines.get(0), lines.get(35), lines.get(47).replace("Buyer", "Seller"));
        Cli.expectOk(cli.run("import", "org", "contact", "--from", some.toString(), "--key", "emailaddress1"));
        Path all = csv("all.csv", lines.toArray(String[]::new));

        // chunks of 10: the first read finds none, so the next go as creates; the fourth and fifth hold rows
        // written before, are refused as creates and are read: one unchanged, one updated
        assertThat(Cli.expectOk(cli.run("import", "org", "contact", "--from", all.toString(), "--key",
                "emailaddress1", "--chunk-size", "10")).out()).isEqualTo("Imported into contact: 58 created, "
                        + "1 updated, 1 unchanged, 0 rejected.\n");
        assertThat(count("contact", "startswith(emailaddress1,'mix-')")).isEqualTo(60);
        assertThat(json("contact", "emailaddress1=mix-46@example.test")).contains("\"jobtitle\":\"Buyer\"");
    }

    @Test
    void anEmptyCellKeepsTheValueUnlessEmptyNullClearsItButNeverARequiredColumn() throws Exception {
        Cli.expectOk(cli.run("import", "org", "account", "--from", csv("full.csv", "accountnumber,name,telephone1",
                "EMPTY-1,Emptied,+1 555 0100").toString(), "--key", "accountnumber"));
        Path blanks = csv("blanks.csv", "accountnumber,name,telephone1", "EMPTY-1,,");

        Cli.Result kept = Cli.expectOk(cli.run("import", "org", "account", "--from", blanks.toString(), "--key",
                "accountnumber"));
        assertThat(kept.out()).contains("0 updated, 1 unchanged");
        assertThat(json("account", "accountnumber=EMPTY-1")).contains("\"telephone1\":\"+1 555 0100\"")
                .contains("\"name\":\"Emptied\"");

        Cli.Result cleared = cli.run("import", "org", "account", "--from", blanks.toString(), "--key",
                "accountnumber", "--empty", "null");
        assertThat(cleared.exitCode()).isEqualTo(2);
        assertThat(Files.readAllLines(home.resolve("blanks.rejects.csv")).get(1)).isEqualTo("2,\"column 'name' is "
                + "required: an empty cell cannot clear it (give a value, or --empty keep to leave it as it is)\","
                + "EMPTY-1,,");
        Cli.expectOk(cli.run("import", "org", "account", "--from", csv("phone.csv", "accountnumber,telephone1",
                "EMPTY-1,").toString(), "--key", "accountnumber", "--empty", "null"));
        assertThat(json("account", "accountnumber=EMPTY-1")).contains("\"telephone1\":null");

        Cli.Result bad = cli.run("import", "org", "account", "--from", blanks.toString(), "--empty", "blank");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--empty takes keep or null, not 'blank'");
    }

    @Test
    void aCreateImportRunTwiceFindsTheRowsItWroteInsteadOfDoublingThem() throws Exception {
        Path input = csv("leads.csv", "lastname,subject", "Twice 1,twice", "Twice 2,twice", "Twice 2,twice");
        assertThat(Cli.expectOk(cli.run("import", "org", "lead", "--from", input.toString())).out())
                .startsWith("Imported into lead: 3 created, 0 updated, 0 unchanged");
        assertThat(Cli.expectOk(cli.run("import", "org", "lead", "--from", input.toString())).out())
                .startsWith("Imported into lead: 0 created, 0 updated, 3 unchanged");
        // two identical lines are two rows: the id comes from the line as well as its text
        assertThat(count("lead", "subject eq 'twice'")).isEqualTo(3);
    }

    @Test
    void anImportOverAFlakyNetworkWritesEveryRowOnce() throws Exception {
        List<String> lines = new ArrayList<>(List.of("emailaddress1,lastname"));
        for (int i = 0; i < 3000; i++) {
            lines.add("flaky-" + i + "@example.test,Flaky " + i);
        }
        Path input = csv("flaky.csv", lines.toArray(String[]::new));
        emulator.faults().add(FaultSpec.dropBeforeResponse().fraction(0.1).during(Duration.ofMinutes(5))
                .pathPrefix("/api/data/v9.2/contacts"));
        emulator.faults().add(FaultSpec.dropMidBody().fraction(0.1).during(Duration.ofMinutes(5))
                .pathPrefix("/api/data/v9.2/contacts"));
        emulator.faults().add(FaultSpec.status(503).fraction(0.1).during(Duration.ofMinutes(5))
                .pathPrefix("/api/data/v9.2/contacts"));
        Cli.Result r = Cli.expectOk(cli.run("import", "org", "contact", "--from", input.toString(), "--key",
                "emailaddress1", "--chunk-size", "100"));
        emulator.faults().clear();
        assertThat(r.out()).isEqualTo("Imported into contact: 3000 created, 0 updated, 0 unchanged, 0 rejected.\n");
        assertThat(count("contact", "startswith(emailaddress1,'flaky-')")).isEqualTo(3000);
    }

    @Test
    void anInterruptedImportContinuesAfterItsCheckpointWithTheRowsAndRejectsOfAnUninterruptedRun() throws Exception {
        List<String> lines = new ArrayList<>(List.of("lastname,subject,estimatedamount"));
        for (int i = 1; i <= 30; i++) {
            lines.add("Resumed " + i + ",resumed," + (i % 10 == 0 ? "lots" : "5"));
        }
        Path input = csv("resumed.csv", lines.toArray(String[]::new));
        Path rejects = home.resolve("resumed.rejects.csv");
        Cli.Result whole = cli.run("import", "org", "lead", "--from", input.toString());
        assertThat(whole.out()).as(whole.toString()).startsWith("Imported into lead: 27 created, 0 updated, 0 unchanged, 3 rejected.");
        String uninterrupted = Files.readString(rejects);
        // what a run killed after writing the rows of lines 2..19 leaves behind when its last checkpoint was at
        // line 16: those rows (with the ids that run gave them), the reject of line 11, and half of a later reject
        for (String row : Cli.expectOk(cli.run("query", "org", "lead", "--select", "leadid,lastname", "--filter",
                "subject eq 'resumed'", "--format", "csv")).out().lines().skip(1).toList()) {
            int n = Integer.parseInt(row.substring(row.indexOf("Resumed ") + 8));
            if (n >= 19) {
                Cli.expectOk(cli.run("delete", "org", "lead", "--id", row.substring(0, 36)));
            }
        }
        String firstReject = uninterrupted.substring(0, uninterrupted.indexOf("\r\n21,") + 2);
        Files.writeString(rejects, firstReject + "21,\"column 'estimatedamount' takes a numb");
        Path absolute = input.toAbsolutePath().normalize();
        new ImportCheckpoint("lead", "CREATE", List.of(), "KEEP", rejects.toAbsolutePath().normalize().toString(),
                Files.size(input), Files.getLastModifiedTime(input).toMillis(), 16, 15,
                firstReject.getBytes(StandardCharsets.UTF_8).length, 1, new ImportCheckpoint.Counts(14, 0, 0, 0, 0))
                .write(absolute);

        Cli.Result resumed = cli.run("import", "org", "lead", "--from", input.toString());

        assertThat(resumed.exitCode()).as(resumed.toString()).isEqualTo(2);
        assertThat(resumed.out()).startsWith("Imported into lead: 24 created, 0 updated, 3 unchanged, 3 rejected "
                + "(resumed after line 16).");
        assertThat(Files.readString(rejects)).isEqualTo(uninterrupted);
        assertThat(ImportCheckpoint.fileFor(absolute)).doesNotExist();
        List<String> names = Cli.expectOk(cli.run("query", "org", "lead", "--select", "lastname", "--filter",
                "subject eq 'resumed'", "--format", "csv")).out().lines().skip(1).sorted().toList();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            if (i % 10 != 0) {
                expected.add("Resumed " + i);
            }
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(expected);
    }
}
