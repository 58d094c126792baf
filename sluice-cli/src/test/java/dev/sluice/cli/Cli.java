package dev.sluice.cli;

import dev.sluice.core.Secret;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorIdentity;
import dev.sluice.testing.EmulatorBrowser;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/** Runs the CLI in-process with captured output, a temporary SLUICE_HOME and an injected environment. */
final class Cli {
    static final String SECRET_VARIABLE = "TEST_CLIENT_SECRET";
    final Path home;
    final Map<String, String> variables = new HashMap<>();
    Predicate<URI> browser = url -> false;
    String prompted;

    Cli(Path home) {
        this.home = home;
        variables.put(CliEnvironment.HOME, home.toString());
        variables.put("USER", "tester");
    }

    /** The outcome of one command. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment env = new CliEnvironment(variables, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                false, what -> {
                    if (prompted == null) {
                        throw new IllegalStateException("no prompt expected for " + what);
                    }
                    return Secret.of(prompted);
                }, browser, Clock.systemUTC());
        int code = SluiceCommand.commandLine(env, args).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Adds a client-secret connection to the emulator's service principal and authorizes it. */
    Cli serviceConnection(Emulator emulator, String name) {
        EmulatorIdentity id = emulator.identity().info();
        EmulatorIdentity.App app = id.app("Sluice Service").orElseThrow();
        variables.put(SECRET_VARIABLE, app.secrets().get(0).reveal());
        expectOk(run("connection", "add", name, "--org-url", emulator.orgUrl(), "--tenant", id.tenantId().toString(),
                "--auth", "client-secret", "--client-id", app.clientId().toString(), "--client-secret-env",
                SECRET_VARIABLE));
        expectOk(run("auth", "login", name));
        return this;
    }

    /** Signs in through the emulator's pages as the demo user when the CLI opens a browser. */
    Cli signingInAsDana() {
        browser = url -> {
            new EmulatorBrowser().signIn(url, "dana@demo.sluice.dev", EmulatorBrowser.DEMO_PASSWORD);
            return true;
        };
        return this;
    }

    static Result expectOk(Result r) {
        if (r.exitCode() != 0) {
            throw new AssertionError("command failed: " + r);
        }
        return r;
    }
}
