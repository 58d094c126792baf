package dev.sluice.relay;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sluice.core.RelayState;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The relay on the wire: what it forwards, what it refuses, and what it keeps (almost nothing). */
class RelayWireTest {
    static final String NONCE = "abcdefghijklmnopqrstuvwxyz012345";
    SluiceRelay relay;
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void start() {
        logs.start();
        ((Logger) LoggerFactory.getLogger("ROOT")).addAppender(logs);
        relay = SluiceRelay.start(RelayOptions.loopback(Set.of("127.0.0.1")));
    }

    @AfterEach
    void stop() {
        relay.close();
        ((Logger) LoggerFactory.getLogger("ROOT")).detachAppender(logs);
    }

    private static String state(String returnUrl) {
        return new RelayState(URI.create(returnUrl), "login.microsoftonline.com", NONCE).encode();
    }

    private HttpResponse<String> get(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(relay.localUrl() + "/callback?" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void forwardsToAnAllowedLoopbackInstanceWithAnAutoSubmittingFormPost() throws Exception {
        String state = state("http://127.0.0.1:45678/");
        HttpResponse<String> r = get("code=THE-CODE&state=" + enc(state) + "&session_state=x");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Location")).isEmpty();
        assertThat(r.body()).contains("<form method=\"post\" action=\"http://127.0.0.1:45678/\">")
                .contains("name=\"code\" value=\"THE-CODE\"").contains("name=\"state\" value=\"" + state + "\"")
                .contains("document.forms[0].submit();").doesNotContain("session_state");
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("form-action http://127.0.0.1:45678").contains("script-src 'sha256-");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void asksBeforeSendingToAHostNotOnTheAllowlist() throws Exception {
        HttpResponse<String> r = get("code=C&state=" + enc(state("https://sluice.contoso.example/oauth2/callback")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Continue to sluice.contoso.example?")
                .contains("<form method=\"post\" action=\"/continue\">").doesNotContain("document.forms[0].submit");
        HttpResponse<String> go = http.send(HttpRequest.newBuilder(URI.create(relay.localUrl() + "/continue"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=C&state="
                        + enc(state("https://sluice.contoso.example/oauth2/callback")))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(go.body()).contains("action=\"https://sluice.contoso.example/oauth2/callback\"");
    }

    @Test
    void refusesAReturnUrlThatIsNeitherHttpsNorLoopback() throws Exception {
        String evil = "relay1." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "http://evil.example.com/steal".getBytes(StandardCharsets.UTF_8)) + ".bG9naW4." + NONCE;
        HttpResponse<String> r = get("code=C&state=" + enc(evil));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Nothing was forwarded").doesNotContain("evil.example.com");
        assertThat(relay.stats().refusedCount()).isEqualTo(1);
    }

    @Test
    void malformedOversizedAndMarkupInputGetsAPlainPage() throws Exception {
        assertThat(get("code=C&state=not-a-relay-state").statusCode()).isEqualTo(400);
        assertThat(get("state=" + enc(state("http://127.0.0.1:1/"))).statusCode()).isEqualTo(400); // no code/error
        assertThat(get("code=a&code=b&state=" + enc(state("http://127.0.0.1:1/"))).statusCode()).isEqualTo(400);
        assertThat(get("code=" + "x".repeat(20_000) + "&state=s").statusCode()).isEqualTo(413);
        HttpResponse<String> badEscape = http.send(HttpRequest.newBuilder(URI.create(relay.localUrl() + "/callback"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=%ZZ")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badEscape.statusCode()).isEqualTo(400);
        HttpResponse<String> markup = get("error=access_denied&error_description=" + enc("<script>alert(1)</script>")
                + "&state=" + enc(state("http://127.0.0.1:2/")));
        assertThat(markup.body()).doesNotContain("<script>alert(1)</script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void keepsOnlyCountsPerIdentityProviderHostAndLogsNothingOfTheFlow() throws Exception {
        String state = state("http://127.0.0.1:45678/");
        get("code=SECRET-CODE-123&state=" + enc(state));
        get("code=SECRET-CODE-456&state=" + enc(state));
        HttpResponse<String> stats = http.send(HttpRequest.newBuilder(URI.create(relay.localUrl() + "/stats")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stats.body()).isEqualTo("{\"flows\":{\"login.microsoftonline.com\":2},\"refused\":0}");
        String logged = logs.list.stream().map(ILoggingEvent::getFormattedMessage).reduce("", String::concat);
        assertThat(logged).doesNotContain("SECRET-CODE").doesNotContain(NONCE).doesNotContain("45678")
                .doesNotContain("127.0.0.1");
    }

    @Test
    void limitsTheRequestRate() throws Exception {
        relay.close();
        relay = SluiceRelay.start(new RelayOptions(URI.create("http://127.0.0.1/callback"), "127.0.0.1", 0,
                Set.of("127.0.0.1"), 1, 3));
        int limited = 0;
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = get("code=C&state=" + enc(state("http://127.0.0.1:3/")));
            if (r.statusCode() == 429) {
                limited++;
                assertThat(r.body()).contains("The relay is busy");
            }
        }
        assertThat(limited).isGreaterThanOrEqualTo(5);
    }
}
