package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.emulator.Emulator;
import dev.sluice.testing.WithEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice query --fetchxml} and {@code sluice export --fetchxml}, in-process, against a seeded emulator. */
@WithEmulator(seed = {"accounts=30", "contacts=80"})
class FetchXmlCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String JOIN = "<fetch><entity name='contact'><attribute name='fullname'/>"
            + "<attribute name='emailaddress1'/><link-entity name='account' from='accountid' to='parentcustomerid' "
            + "alias='a'><attribute name='accountnumber'/></link-entity><order attribute='emailaddress1'/></entity>"
            + "</fetch>";
    static Emulator emulator;

    @TempDir
    Path home;
    Cli cli;
    Path query;

    @BeforeEach
    void setUp() throws Exception {
        cli = new Cli(home).serviceConnection(emulator, "org");
        query = home.resolve("join.xml");
        Files.writeString(query, JOIN);
    }

    @Test
    void aFetchXmlFileRunsInEveryOutputFormatWithAliasDotColumnHeaders() throws Exception {
        String csv = Cli.expectOk(cli.run("query", "org", "--fetchxml", query.toString(), "--format", "csv")).out();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("fullname,emailaddress1,a.accountnumber,contactid");
        assertThat(lines.get(1)).matches("[^,]+,[^,]*,ACC-\\d{7},[0-9a-f-]{36}");
        long joined = lines.size() - 1;
        assertThat(joined).isBetween(50L, 80L);

        List<String> jsonl = Cli.expectOk(cli.run("query", "org", "--fetchxml", query.toString(), "--format", "jsonl"))
                .out().lines().toList();
        assertThat(jsonl).hasSize((int) joined);
        assertThat(JSON.readTree(jsonl.get(0)).has("a.accountnumber")).isTrue();

        JsonNode json = JSON.readTree(Cli.expectOk(cli.run("query", "org", "--fetchxml", query.toString(),
                "--format", "json")).out());
        assertThat(json.size()).isEqualTo((int) joined);

        String table = Cli.expectOk(cli.run("query", "org", "contact", "--fetchxml", query.toString(), "--top",
                "2")).out();
        assertThat(table.lines().toList().get(0)).startsWith("fullname").contains("a.accountnumber");
        assertThat(table).contains("(2 rows)");
    }

    @Test
    void theQueryMayComeFromStandardInput() {
        String out = Cli.expectOk(cli.runWithInput("<fetch aggregate='true'><entity name='account'>"
                + "<attribute name='accountid' alias='accounts' aggregate='count'/></entity></fetch>",
                "query", "org", "--fetchxml", "-", "--format", "csv")).out();
        assertThat(out).isEqualTo("accounts\r\n30\r\n");
    }

    @Test
    void badFetchXmlAndMismatchesAreClearErrors() throws Exception {
        Path broken = home.resolve("broken.xml");
        Files.writeString(broken, "<fetch>\n<entity name='account'>\n</fetch>");
        Cli.Result r = cli.run("query", "org", "--fetchxml", broken.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--fetchxml " + broken).contains("line 3");

        Cli.Result missing = cli.run("query", "org", "--fetchxml", home.resolve("nope.xml").toString());
        assertThat(missing.exitCode()).isEqualTo(4);

        Cli.Result mismatch = cli.run("query", "org", "account", "--fetchxml", query.toString());
        assertThat(mismatch.exitCode()).isEqualTo(2);
        assertThat(mismatch.err()).contains("'contact'").contains("'account'");

        Files.writeString(broken, "<fetch><entity name='account'><attribute name='nmae'/></entity></fetch>");
        Cli.Result unknown = cli.run("query", "org", "--fetchxml", broken.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("nmae");

        Cli.Result both = cli.run("query", "org", "--fetchxml", query.toString(), "--select", "name");
        assertThat(both.exitCode()).isEqualTo(2);

        Cli.Result none = cli.run("query", "org");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("TABLE");
    }

    @Test
    void exportWritesTheQuerysRowsAtomically() throws Exception {
        Path target = home.resolve("out.csv");
        String out = Cli.expectOk(cli.run("export", "org", "--to", target.toString(), "--fetchxml",
                query.toString())).out();
        assertThat(out).startsWith("Exported ").contains("(FetchXML)");
        List<String> lines = Files.readAllLines(target);
        assertThat(lines.get(0)).isEqualTo("fullname,emailaddress1,a.accountnumber,contactid");
        String csv = Cli.expectOk(cli.run("query", "org", "--fetchxml", query.toString(), "--format", "csv")).out();
        assertThat(String.join("\r\n", lines) + "\r\n").isEqualTo(csv);
        assertThat(home.resolve("out.csv.part")).doesNotExist();

        Path jsonl = home.resolve("out.jsonl");
        Cli.expectOk(cli.run("export", "org", "contact", "--to", jsonl.toString(), "--fetchxml", query.toString()));
        assertThat(Files.readAllLines(jsonl)).hasSize(lines.size() - 1);

        Cli.Result incremental = cli.run("export", "org", "--to", target.toString(), "--fetchxml", query.toString(),
                "--incremental");
        assertThat(incremental.exitCode()).isEqualTo(2);
    }
}
