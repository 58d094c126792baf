package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorIdentity;
import dev.sluice.testing.WithEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data commands on a business-central connection, in-process, against the emulator with real tokens. */
@WithEmulator(seed = {"bc.customers=12", "bc.items=5"})
class BusinessCentralCommandsTest {
    static Emulator emulator;

    @TempDir
    Path home;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(home);
        EmulatorIdentity id = emulator.identity().info();
        EmulatorIdentity.App app = id.app("Sluice Service").orElseThrow();
        cli.variables.put(Cli.SECRET_VARIABLE, app.secrets().get(0).reveal());
        Cli.Result add = Cli.expectOk(cli.run("connection", "add", "cronus", "--kind", "business-central",
                "--org-url", emulator.baseUrl(), "--tenant", id.tenantId().toString(), "--environment", "sandbox",
                "--company", "CRONUS Canada, Inc.", "--auth", "client-secret", "--client-id", app.clientId().toString(),
                "--client-secret-env", Cli.SECRET_VARIABLE));
        assertThat(add.out()).contains("Added business-central connection 'cronus' to " + emulator.baseUrl()
                + ", sandbox / CRONUS Canada, Inc. (auth client-secret).");
        Cli.expectOk(cli.run("auth", "login", "cronus"));
    }

    @Test
    void connectionTestTablesAndDescribeSpeakBusinessCentral() {
        assertThat(Cli.expectOk(cli.run("connection", "test", "cronus")).out()).contains("Connection 'cronus' works: "
                + "Business Central environment sandbox answers with 1 company: CRONUS Canada, Inc.");
        assertThat(Cli.expectOk(cli.run("connection", "show", "cronus")).out()).contains("business-central")
                .contains("CRONUS Canada, Inc.");
        assertThat(Cli.expectOk(cli.run("tables", "cronus")).out()).contains("customers").contains("salesOrderLines")
                .contains("generalLedgerEntries");
        assertThat(Cli.expectOk(cli.run("describe", "cronus", "customers")).out()).contains("displayName")
                .contains("Unique key: number");
        Cli.Result wrong = cli.run("describe", "cronus", "customer");
        assertThat(wrong.exitCode()).isEqualTo(4);
        assertThat(wrong.err()).contains("did you mean 'customers'?");
    }

    @Test
    void queryGetAndSingleRowWrites() {
        Cli.Result q = Cli.expectOk(cli.run("query", "cronus", "customers", "--select", "number,displayName",
                "--filter", "number eq '10000' or number eq '20000' or number eq '30000'", "--order-by", "number desc", "--format", "csv"));
        assertThat(q.out().lines().toList()).hasSize(4).first().isEqualTo("number,displayName");
        assertThat(q.out().lines().skip(1).map(l -> l.split(",")[0]).toList())
                .containsExactly("30000", "20000", "10000");

        String created = Cli.expectOk(cli.run("create", "cronus", "customers",
                "{\"number\":\"K-7\",\"displayName\":\"Kestrel Ltd\"}")).out().trim();
        assertThat(created).matches("[0-9a-f-]{36}");
        assertThat(Cli.expectOk(cli.run("get", "cronus", "customers", "--key", "number=K-7")).out())
                .contains("\"displayName\":\"Kestrel Ltd\"");
        assertThat(Cli.expectOk(cli.run("update", "cronus", "customers", "--key", "number=K-7",
                "{\"city\":\"Oslo\"}")).out()).contains("Updated customers number=K-7.");
        assertThat(Cli.expectOk(cli.run("upsert", "cronus", "customers", "--key", "number=K-7",
                "{\"city\":\"Oslo\"}")).out()).contains("Unchanged customers number=K-7");
        assertThat(Cli.expectOk(cli.run("delete", "cronus", "customers", "--id", created)).out())
                .contains("Deleted customers");
        Cli.Result gone = cli.run("get", "cronus", "customers", "--id", created);
        assertThat(gone.exitCode()).isEqualTo(4);
    }

    @Test
    void exportThenImportChangesUpdatesOnlyWhatChanged() throws Exception {
        Path file = home.resolve("customers.csv");
        assertThat(Cli.expectOk(cli.run("export", "cronus", "customers", "--to", file.toString(), "--select",
                "number,displayName,city,creditLimit")).out()).contains("Exported 12 rows of customers to " + file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("number,displayName,city,creditLimit");
        lines.set(1, lines.get(1).replaceFirst(",[^,]*,", ",Changed Name,"));
        lines.add("K-99,Added By Import,Bergen,100");
        lines.add("K-100,Bad Credit,Bergen,lots");
        Files.write(file, lines);

        Cli.Result imported = cli.run("import", "cronus", "customers", "--from", file.toString(), "--key", "number");

        assertThat(imported.exitCode()).isEqualTo(2);
        assertThat(imported.out()).contains("Imported into customers: 1 created, 1 updated, 11 unchanged, 1 rejected.");
        assertThat(Files.readString(home.resolve("customers.rejects.csv"))).contains("K-100")
                .contains("takes a decimal number");
        assertThat(Cli.expectOk(cli.run("get", "cronus", "customers", "--key", "number=K-99")).out())
                .contains("Added By Import");
        Cli.Result again = cli.run("import", "cronus", "customers", "--from", file.toString(), "--key", "number");
        assertThat(again.out()).contains("0 created, 0 updated, 13 unchanged, 1 rejected.");
    }

    @Test
    void emptyCellsKeepTheColumnUnlessEmptyNullSaysClearIt() throws Exception {
        Path file = home.resolve("cities.csv");
        Files.write(file, List.of("number,displayName,city", "K-50,Kept City,Oslo"));
        Cli.expectOk(cli.run("import", "cronus", "customers", "--from", file.toString(), "--key", "number"));
        Files.write(file, List.of("number,displayName,city", "K-50,Kept City,"));

        Cli.Result kept = Cli.expectOk(cli.run("import", "cronus", "customers", "--from", file.toString(), "--key",
                "number"));

        assertThat(kept.out()).contains("0 created, 0 updated, 1 unchanged, 0 rejected.");
        assertThat(Cli.expectOk(cli.run("get", "cronus", "customers", "--key", "number=K-50")).out()).contains("Oslo");
        Cli.Result cleared = Cli.expectOk(cli.run("import", "cronus", "customers", "--from", file.toString(), "--key",
                "number", "--empty", "null"));
        assertThat(cleared.out()).contains("0 created, 1 updated, 0 unchanged, 0 rejected.");
        assertThat(Cli.expectOk(cli.run("get", "cronus", "customers", "--key", "number=K-50")).out())
                .doesNotContain("Oslo");
    }

    @Test
    void incrementalExportIsExplainedNotAttempted() {
        Cli.Result r = cli.run("export", "cronus", "customers", "--to", home.resolve("c.csv").toString(),
                "--incremental");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Business Central has none").contains("lastModifiedDateTime");
    }
}
