package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorIdentity;
import dev.sluice.testing.WithEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection and auth commands, in-process, against the emulator with real tokens. */
@WithEmulator
class ConnectionCommandsTest {
    static final String SERVICE_USER = "3f8d4a5b-7e6c-4f9d-a0b1-4c5d6e7f8091";
    static final String DANA_SYSTEMUSER = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    static Emulator emulator;

    @TempDir
    Path home;
    Cli cli;
    EmulatorIdentity id;

    @BeforeEach
    void setUp() {
        cli = new Cli(home);
        id = emulator.identity().info();
    }

    @Test
    void clientSecretConnectionSaysWhoItIsAndNeverPrintsTheSecret() {
        cli.serviceConnection(emulator, "svc");
        String secret = cli.variables.get(Cli.SECRET_VARIABLE);

        Cli.Result test = Cli.expectOk(cli.run("connection", "test", "svc"));
        assertThat(test.out()).contains("Connection 'svc' works").contains("user id:       " + SERVICE_USER);

        Cli.Result show = Cli.expectOk(cli.run("connection", "show", "svc"));
        assertThat(show.out()).contains("auth method:      client-secret").contains("secrets stored:   client-secret")
                .contains("token state:      authorized").doesNotContain(secret);
        Cli.Result list = Cli.expectOk(cli.run("connection", "list"));
        assertThat(list.out()).contains("svc").contains("client-secret").contains("authorized");
        assertThat(cli.run("auth", "status").out()).contains("svc:").contains("authorized").doesNotContain(secret);
    }

    @Test
    void aSecretIsNeverTakenAsAPlainArgument() {
        Cli.Result r = cli.run("connection", "add", "x", "--org-url", emulator.orgUrl(), "--auth", "client-secret",
                "--client-id", "abc", "--client-secret", "hunter2");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("sluice: error: unknown arguments '--client-secret', (a value, hidden); secrets "
                + "are never taken as arguments").contains("--client-secret-env").doesNotContain("hunter2");
        assertThat(cli.run("connection", "list").out()).contains("No connections yet");
    }

    @Test
    void theHiddenPromptGivesTheSecretWhenNoneIsNamed() {
        cli.prompted = id.app("Sluice Service").orElseThrow().secrets().get(0).reveal();
        Cli.expectOk(cli.run("connection", "add", "prompted", "--org-url", emulator.orgUrl(), "--tenant",
                id.tenantId().toString(), "--auth", "client-secret", "--client-id",
                id.app("Sluice Service").orElseThrow().clientId().toString()));
        Cli.expectOk(cli.run("auth", "login", "prompted"));
        assertThat(Cli.expectOk(cli.run("connection", "test", "prompted")).out()).contains(SERVICE_USER);
    }

    @Test
    void browserSignInActsAsTheSignedInUser() {
        cli.signingInAsDana();
        Cli.expectOk(cli.run("connection", "add", "dana", "--org-url", emulator.orgUrl(), "--tenant",
                id.tenantId().toString(), "--client-id", id.app("Sluice CLI").orElseThrow().clientId().toString()));
        Cli.Result login = Cli.expectOk(cli.run("auth", "login", "dana"));
        assertThat(login.out()).contains("Opened your browser").contains("Authorized 'dana' as dana@demo.sluice.dev")
                .contains("refreshed automatically");
        assertThat(Cli.expectOk(cli.run("connection", "test", "dana")).out())
                .contains("signed in as:  dana@demo.sluice.dev").contains(DANA_SYSTEMUSER);
    }

    @Test
    void withoutABrowserTheSignInUrlIsPrinted() {
        Cli.expectOk(cli.run("connection", "add", "nobrowser", "--org-url", emulator.orgUrl(), "--tenant",
                id.tenantId().toString(), "--client-id", id.app("Sluice CLI").orElseThrow().clientId().toString()));
        Cli.Result r = cli.run("auth", "login", "nobrowser", "--timeout", "1");
        assertThat(r.out()).contains("Open this URL in a browser to sign in:").contains("/oauth2/v2.0/authorize?");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).startsWith("sluice: error: ").doesNotContain("\tat ");
    }

    @Test
    void logoutDeletesTheTokensAndTheNextCallAsksToSignInAgain() {
        cli.signingInAsDana();
        Cli.expectOk(cli.run("connection", "add", "out", "--org-url", emulator.orgUrl(), "--tenant",
                id.tenantId().toString(), "--client-id", id.app("Sluice CLI").orElseThrow().clientId().toString()));
        Cli.expectOk(cli.run("auth", "login", "out"));
        assertThat(Cli.expectOk(cli.run("auth", "logout", "out")).out()).contains("sluice auth login out");
        assertThat(cli.run("auth", "status", "out").out()).contains("needs-authorization");
        Cli.Result r = cli.run("connection", "test", "out");
        assertThat(r.exitCode()).isEqualTo(7);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("sluice auth login out");
    }

    @Test
    void aMistypedConnectionNameSuggestsTheRightOne() {
        cli.serviceConnection(emulator, "contoso");
        Cli.Result r = cli.run("connection", "test", "contsoo");
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("sluice: error: no connection named 'contsoo'; did you mean 'contoso'?\n");
    }

    @Test
    void editChangesOnlyWhatIsGivenAndRemoveDeletesEverything() {
        cli.serviceConnection(emulator, "edit-me");
        Cli.expectOk(cli.run("connection", "edit", "edit-me", "--read-only", "--page-size", "500"));
        String show = Cli.expectOk(cli.run("connection", "show", "edit-me")).out();
        assertThat(show).contains("read-only:        true").contains("page size:        500")
                .contains("auth method:      client-secret");
        Cli.Result write = cli.run("create", "edit-me", "account", "{\"name\":\"x\"}");
        assertThat(write.exitCode()).isEqualTo(8);
        assertThat(write.err()).contains("read-only");
        Cli.expectOk(cli.run("connection", "remove", "edit-me"));
        assertThat(cli.run("connection", "show", "edit-me").exitCode()).isEqualTo(4);
    }

    @Test
    void aBroughtTokenIsStoredFromAFile() throws Exception {
        cli.serviceConnection(emulator, "source");
        Cli.expectOk(cli.run("connection", "add", "byo", "--org-url", emulator.orgUrl(), "--auth", "static-token"));
        // a real JWT from the emulator, obtained through the service connection's credential
        Path tokenFile = home.resolve("token.txt");
        try (Engine engine = Engine.of(SluiceCommand.commandLine(new CliEnvironment(cli.variables, System.in, false,
                w -> null, u -> false, java.time.Clock.systemUTC())).getCommandSpec())) {
            var c = engine.connection("source");
            Files.writeString(tokenFile, engine.credentials().credential(c).token().value().reveal() + "\n");
        }
        Cli.Result login = Cli.expectOk(cli.run("auth", "login", "byo", "--token-file", tokenFile.toString()));
        assertThat(login.out()).contains("Authorized 'byo'").contains("expires at");
        assertThat(login.out() + cli.run("auth", "status", "byo").out())
                .doesNotContain(Files.readString(tokenFile).strip());
        assertThat(Cli.expectOk(cli.run("connection", "test", "byo")).out()).contains(SERVICE_USER);
    }

    @Test
    void aBadOrgUrlNamesTheProblemAndShowsAValidOne() {
        Cli.Result r = cli.run("connection", "add", "bad", "--org-url", "https://example.com");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("is not a Dataverse environment host").contains("https://contoso.crm4.dynamics.com");
    }
}
