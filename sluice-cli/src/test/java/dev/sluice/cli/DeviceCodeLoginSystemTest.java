package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorIdentity;
import dev.sluice.emulator.RecordedRequest;
import dev.sluice.testing.EmulatorBrowser;
import dev.sluice.testing.WithEmulator;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice auth login NAME --device-code} against the emulator with its real polling interval: answered
 * {@code authorization_pending} while nobody has signed in, then done within two polling intervals of the sign-in.
 */
@Tag("system")
@WithEmulator
class DeviceCodeLoginSystemTest {
    /** The interval the identity platform gives (fact sheet: {@code "interval":5}). */
    static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Pattern MESSAGE = Pattern.compile("open the page (\\S+) and enter the code (\\S+) to authenticate");

    static Emulator emulator;

    @TempDir
    Path home;

    @Test
    void deviceCodeSignInFinishesWithinTwoPollingIntervalsOfTheUsersSignIn() throws Exception {
        EmulatorIdentity id = emulator.identity().info();
        Cli cli = new Cli(home);
        Cli.expectOk(cli.run("connection", "add", "dev", "--org-url", emulator.orgUrl(), "--tenant",
                id.tenantId().toString(), "--auth", "device-code", "--client-id",
                id.app("Sluice CLI").orElseThrow().clientId().toString()));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment env = new CliEnvironment(cli.variables, new ByteArrayInputStream(new byte[0]), false,
                what -> { throw new IllegalStateException("no prompt expected"); }, url -> false, Clock.systemUTC());
        Instant started = Instant.now();
        CompletableFuture<Integer> login = CompletableFuture.supplyAsync(() -> SluiceCommand.commandLine(env)
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute("auth", "login", "dev"));

        await().atMost(Duration.ofSeconds(60)).until(() -> MESSAGE.matcher(out.toString()).find());
        Matcher m = MESSAGE.matcher(out.toString());
        assertThat(m.find()).isTrue();
        // it polls and is told to wait while nobody has signed in
        await().atMost(Duration.ofSeconds(60)).until(() -> !tokenPolls(started).isEmpty());
        assertThat(tokenPolls(started)).allSatisfy(r -> assertThat(r.status()).isEqualTo(400));

        new EmulatorBrowser().approveDeviceCode(URI.create(m.group(1)), m.group(2), "dana@demo.sluice.dev",
                EmulatorBrowser.DEMO_PASSWORD);
        Instant signedIn = Instant.now();
        int exit = login.get(60, TimeUnit.SECONDS);
        Instant done = Instant.now();

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Authorized 'dev' as dana@demo.sluice.dev");
        assertThat(Duration.between(signedIn, done)).isLessThanOrEqualTo(INTERVAL.multipliedBy(2));
        List<RecordedRequest> after = tokenPolls(signedIn);
        assertThat(after).as("one poll after the sign-in, and it got the token").hasSize(1);
        assertThat(after.get(0).status()).isEqualTo(200);
        assertThat(Cli.expectOk(cli.run("auth", "status", "dev")).out()).contains("authorized");
    }

    private static List<RecordedRequest> tokenPolls(Instant since) {
        return emulator.stats().recentRequests(500).stream()
                .filter(r -> r.url().endsWith("/oauth2/v2.0/token") && !r.time().isBefore(since)).toList();
    }
}
