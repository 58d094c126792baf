package dev.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Emulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

@WithEmulator(noAuth = true, seed = "accounts=3")
class EmulatorExtensionTest {
    static Emulator emulator;

    @Test
    void startsTheEmulatorOnARandomLoopbackPortAndInjectsIt(Emulator parameter) throws Exception {
        assertThat(parameter).isSameAs(emulator);
        assertThat(emulator.webApiUrl()).startsWith("http://127.0.0.1:").endsWith("/api/data/v9.2/");
        assertThat(emulator.port()).isPositive();
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(emulator.webApiUrl() + "WhoAmI"))
                        .header("Authorization", "Bearer any").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"UserId\"");
    }
}
