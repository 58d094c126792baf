package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Emulator;
import dev.sluice.store.SluiceStore;
import dev.sluice.testing.WithEmulator;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 23 rows 1 and 3 in the CLI: edits keep credentials where they were issued; the CLI's own allowlist. */
@WithEmulator
class CredentialBindingCliTest {
    static Emulator emulator;

    @TempDir
    Path home;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(home);
    }

    @Test
    void movingTheTokenEndpointNeedsTheSecretAgainAndSignsTheConnectionOut() {
        cli.serviceConnection(emulator, "svc");
        Cli.expectOk(cli.run("auth", "login", "svc"));

        Cli.Result refused = cli.run("connection", "edit", "svc", "--token-endpoint", "https://idp.example.com/token");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("enter the client secret again").contains("Nothing was changed");
        assertThat(Cli.expectOk(cli.run("connection", "show", "svc")).out()).contains("token state:      authorized");

        Cli.Result moved = Cli.expectOk(cli.run("connection", "edit", "svc", "--token-endpoint",
                "https://idp.example.com/token", "--client-secret-env", Cli.SECRET_VARIABLE));
        assertThat(moved.out()).contains("Allowed outbound requests to idp.example.com in this store's allowlist.");
        assertThat(Cli.expectOk(cli.run("connection", "show", "svc")).out())
                .contains("token state:      needs-authorization");
    }

    @Test
    void theEmulatorOnLoopbackNeedsNoAllowlistEntryInTheCli() {
        cli.serviceConnection(emulator, "local");
        Cli.expectOk(cli.run("auth", "login", "local"));
        assertThat(Cli.expectOk(cli.run("connection", "test", "local")).out()).contains("Connection 'local' works");
        try (SluiceStore store = SluiceStore.builder().home(home).environment(java.util.Map.of()).build()) {
            assertThat(store.outboundHosts().list()).isEmpty();
        }
    }
}
