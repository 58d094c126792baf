package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice demo} in-process: the whole tour finishes, exits 0 and cleans up after itself. */
class DemoTest {
    @TempDir
    Path home;

    static Path demoHome(String out) {
        Matcher m = Pattern.compile("Demo SLUICE_HOME: (\\S+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Path.of(m.group(1));
    }

    @Test
    void theTourRunsEveryStepAndLeavesNothingBehind() {
        Cli.Result r = new Cli(home).run("demo", "--accounts", "300");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("with 300 accounts")
                .contains("Added connection 'demo'")
                .contains("Authorized 'demo' as 2e7c3f4a-6d5b-4e8c-9fa0-3b4c5d6e7f80")
                .contains("user id:       3f8d4a5b-7e6c-4f9d-a0b1-4c5d6e7f8091")
                .contains("ACC-0000001").contains("(5 rows)")
                .contains("Exported 300 rows of account")
                .contains("Imported into account: 5 created, 300 updated, 0 unchanged, 0 rejected.")
                .contains("Imported into account: 0 created, 0 updated, 305 unchanged, 0 rejected.")
                .contains("Sluice Demo Account 5")
                .contains("Done in").contains("What to try next:")
                .doesNotContain("sluice-demo-service-secret");
        assertThat(demoHome(r.out())).doesNotExist();
    }

    @Test
    void interactiveTourSignsInThroughTheBrowserAndKeepsItsFilesWhenAsked() throws Exception {
        Cli cli = new Cli(home).signingInAsDana();
        Cli.Result r = cli.run("demo", "--accounts", "50", "--interactive", "--keep");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Authorized 'demo' as dana@demo.sluice.dev")
                .contains("user id:       1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
        Path kept = demoHome(r.out());
        assertThat(kept.resolve("accounts.csv")).exists();
        assertThat(kept.resolve("sluice.mv.db")).exists();
        DemoCommand.deleteTree(kept);
    }

    @Test
    void businessCentralTourShowsCustomersExportsThemAndImportsChanges() {
        Cli.Result r = new Cli(home).run("demo", "--business-central");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("with 200 customers per company")
                .contains("Added business-central connection 'cronus'")
                .contains("answers with 1 company: CRONUS USA, Inc.")
                .contains("(5 rows)")
                .contains("Exported 200 rows of customers")
                .contains("Imported into customers: 3 created, 20 updated, 0 unchanged, 0 rejected.")
                .contains("Imported into customers: 0 created, 0 updated, 23 unchanged, 0 rejected.")
                .contains("+1 555 0200")
                .contains("Demo Customer 1")
                .contains("Done in")
                .doesNotContain("sluice-demo-service-secret");
        assertThat(demoHome(r.out())).doesNotExist();
    }
}
