package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.emulator.Emulator;
import dev.sluice.testing.WithEmulator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables, describe, query and the single-row commands, in-process, against a seeded emulator. */
@WithEmulator(seed = {"accounts=120"})
class DataCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Emulator emulator;

    @TempDir
    Path home;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(home).serviceConnection(emulator, "org");
    }

    @Test
    void tablesAndDescribeShowColumnsTypesKeysAndChoiceLabels() {
        assertThat(Cli.expectOk(cli.run("tables", "org")).out()).contains("account").contains("accounts")
                .contains("contact").contains("systemuser");
        String d = Cli.expectOk(cli.run("describe", "org", "account")).out();
        assertThat(d).contains("Table account (entity set accounts, primary id accountid, primary name name")
                .contains("Alternate key AccountNumberKey: accountnumber")
                .contains("_primarycontactid_value").contains("-> contact")
                .containsPattern("revenue\\s+Money");
    }

    @Test
    void describeListsEveryChoiceLabelWhole() {
        cli.variables.put("COLUMNS", "80");
        String d = Cli.expectOk(cli.run("describe", "org", "account")).out();
        assertThat(d).containsPattern("industrycode\\s+Picklist.*10 labels, listed below")
                .contains("1=Yes, 0=No").contains("\nLabels of industrycode:\n")
                .contains("\n   1  Accounting\n")
                .contains("\n   2  Agriculture and Non-petrol Natural Resource Extraction\n")
                .contains("\n  33  Wholesale\n");
    }

    @Test
    void queryShowsChoiceLabelsInTablesAndOnRequestInCsvAndJson() throws Exception {
        Cli.expectOk(cli.run("update", "org", "account", "--key", "accountnumber=ACC-0000077",
                "{\"industrycode\":33,\"donotemail\":true,\"statecode\":0}"));
        cli.variables.put("COLUMNS", "100");
        String table = Cli.expectOk(cli.run("query", "org", "account", "--select",
                "accountnumber,industrycode,donotemail,statecode", "--filter", "accountnumber eq 'ACC-0000077'")).out();
        assertThat(table.lines().toList().get(1)).containsPattern(
                "ACC-0000077\\s+33 \\(Wholesale\\)\\s+true \\(Do Not Allow\\)\\s+0 \\(Active\\)");
        String plain = Cli.expectOk(cli.run("query", "org", "account", "--select", "accountnumber,industrycode",
                "--filter", "accountnumber eq 'ACC-0000077'", "--no-labels")).out();
        assertThat(plain.lines().toList().get(1)).containsPattern("ACC-0000077\\s+33\\s*$");

        String csv = Cli.expectOk(cli.run("query", "org", "account", "--select", "accountnumber,industrycode",
                "--filter", "accountnumber eq 'ACC-0000077'", "-o", "csv", "--labels")).out();
        assertThat(csv).isEqualTo("accountnumber,industrycode,industrycode@label\r\nACC-0000077,33,Wholesale\r\n");
        assertThat(Cli.expectOk(cli.run("query", "org", "account", "--select", "accountnumber,industrycode",
                "--filter", "accountnumber eq 'ACC-0000077'", "-o", "csv")).out())
                .isEqualTo("accountnumber,industrycode\r\nACC-0000077,33\r\n");

        String jsonl = Cli.expectOk(cli.run("query", "org", "account", "--select", "accountnumber,industrycode",
                "--filter", "accountnumber eq 'ACC-0000077'", "-o", "jsonl", "--labels")).out();
        assertThat(jsonl).isEqualTo("{\"accountnumber\":\"ACC-0000077\",\"industrycode\":33,"
                + "\"industrycode@label\":\"Wholesale\"}\n");
        JsonNode all = JSON.readTree(Cli.expectOk(cli.run("query", "org", "account", "--filter",
                "accountnumber eq 'ACC-0000077'", "-o", "json", "--labels")).out()).get(0);
        assertThat(all.get("industrycode@label").asText()).isEqualTo("Wholesale");
        assertThat(all.get("statecode@label").asText()).isEqualTo("Active");
    }

    @Test
    void aMistypedTableSuggestsTheRightOne() {
        Cli.Result r = cli.run("describe", "org", "acount");
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("sluice: error: no table 'acount'; did you mean 'account'?\n");
    }

    @Test
    void queryPrintsATableThatFitsTheWidth() {
        cli.variables.put("COLUMNS", "60");
        String out = Cli.expectOk(cli.run("query", "org", "account", "--select", "accountnumber,name,description",
                "--order-by", "accountnumber", "--top", "3")).out();
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("accountnumber  name");
        assertThat(lines.get(1)).startsWith("ACC-0000001");
        assertThat(lines.get(4)).isEqualTo("(3 rows)");
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(60));
        assertThat(out).doesNotContain("\u001b[");
    }

    @Test
    void queryWritesCsvJsonLinesAndJson() throws Exception {
        String csv = Cli.expectOk(cli.run("query", "org", "account", "--select", "accountnumber,numberofemployees",
                "--filter", "accountnumber eq 'ACC-0000002'", "--format", "csv")).out();
        assertThat(csv).startsWith("accountnumber,numberofemployees\r\nACC-0000002,");
        assertThat(csv.lines().count()).isEqualTo(2);

        String jsonl = Cli.expectOk(cli.run("query", "org", "account", "--select", "accountnumber", "--order-by",
                "accountnumber desc", "--top", "2", "--format", "jsonl")).out();
        assertThat(jsonl).isEqualTo("{\"accountnumber\":\"ACC-0000120\"}\n{\"accountnumber\":\"ACC-0000119\"}\n");

        JsonNode json = JSON.readTree(Cli.expectOk(cli.run("query", "org", "account", "--select", "accountnumber",
                "--format", "json")).out());
        assertThat(json.size()).isEqualTo(120);
    }

    @Test
    void aBadFilterColumnOrFormatNamesTheProblem() {
        Cli.Result filter = cli.run("query", "org", "account", "--filter", "name eq");
        assertThat(filter.exitCode()).isEqualTo(2);
        assertThat(filter.err()).startsWith("sluice: error: ").doesNotContain("\tat ");

        Cli.Result column = cli.run("query", "org", "account", "--select", "nmae");
        assertThat(column.exitCode()).isEqualTo(2);
        assertThat(column.err()).contains("unknown column 'nmae' on table 'account' (did you mean 'name'?)");

        Cli.Result format = cli.run("query", "org", "account", "--format", "xml");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("unknown --format 'xml'").contains("table, json, jsonl, csv");

        Cli.Result command = cli.run("qeury", "org", "account");
        assertThat(command.exitCode()).isEqualTo(2);
        assertThat(command.err()).contains("'qeury'").contains("query");
    }

    @Test
    void singleRowCommandsCreateGetUpdateUpsertAndDelete() throws Exception {
        String id = Cli.expectOk(cli.run("create", "org", "account",
                "{\"name\":\"Contoso CLI\",\"accountnumber\":\"CLI-1\",\"numberofemployees\":12}")).out().strip();
        assertThat(id).matches("[0-9a-f-]{36}");

        JsonNode got = JSON.readTree(Cli.expectOk(cli.run("get", "org", "account", "--id", id, "--select",
                "name,numberofemployees")).out());
        assertThat(got.path("name").asText()).isEqualTo("Contoso CLI");
        assertThat(got.path("numberofemployees").asInt()).isEqualTo(12);

        Cli.expectOk(cli.runWithInput("{\"numberofemployees\":13}", "update", "org", "account", "--key",
                "accountnumber=CLI-1"));
        assertThat(cli.run("get", "org", "account", "--key", "accountnumber=CLI-1").out())
                .contains("\"numberofemployees\":13");

        assertThat(Cli.expectOk(cli.run("upsert", "org", "account", "--key", "accountnumber=CLI-1",
                "{\"name\":\"Contoso CLI 2\"}")).out()).isEqualTo("Updated account " + id + ".\n");
        assertThat(Cli.expectOk(cli.run("upsert", "org", "account", "--key", "accountnumber=CLI-2",
                "{\"name\":\"Fabrikam CLI\"}")).out()).startsWith("Created account ");

        Cli.expectOk(cli.run("delete", "org", "account", "--key", "accountnumber=CLI-1"));
        Cli.Result gone = cli.run("get", "org", "account", "--id", id);
        assertThat(gone.exitCode()).isEqualTo(4);
        Cli.Result update = cli.run("update", "org", "account", "--id", id, "{\"name\":\"x\"}");
        assertThat(update.exitCode()).isEqualTo(4);
    }

    @Test
    void badRecordInputNamesTheProblem() {
        Cli.Result json = cli.run("create", "org", "account", "{\"name\":");
        assertThat(json.exitCode()).isEqualTo(2);
        assertThat(json.err()).startsWith("sluice: error: the record is not valid JSON (line 1");

        Cli.Result column = cli.run("create", "org", "account", "{\"naem\":\"x\"}");
        assertThat(column.exitCode()).isEqualTo(2);
        assertThat(column.err()).contains("unknown column 'naem'").contains("did you mean 'name'?");

        Cli.Result key = cli.run("get", "org", "account");
        assertThat(key.exitCode()).isEqualTo(2);
        assertThat(key.err()).contains("--id GUID or --key COLUMN=VALUE");
    }
}
