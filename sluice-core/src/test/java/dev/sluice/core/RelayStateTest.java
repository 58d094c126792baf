package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelayStateTest {
    static final String NONCE = "abcdefghijklmnop_-0123456789";

    @Test
    void aStateSurvivesEncodingAndShowsNoNonceWhenPrinted() {
        RelayState s = new RelayState(URI.create("https://sluice.example.com/oauth/callback?x=1"),
                "login.microsoftonline.com", NONCE);
        String encoded = s.encode();
        assertThat(encoded).startsWith("relay1.").matches("[A-Za-z0-9._-]+");
        assertThat(RelayState.decode(encoded)).isEqualTo(s);
        assertThat(s.toString()).contains("sluice.example.com").contains("login.microsoftonline.com")
                .doesNotContain(NONCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://sluice.example.com/cb", "http://127.0.0.1:8765/cb", "http://localhost/cb",
        "http://[::1]:9/cb", "HTTPS://Upper.Example/cb"})
    void httpsAnywhereAndHttpOnLoopbackAreAllowedReturnUrls(String url) {
        assertThat(RelayState.allowedReturnUrl(URI.create(url))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://sluice.example.com/cb", "https://user:pw@sluice.example.com/cb",
        "https://sluice.example.com/cb#frag", "ftp://127.0.0.1/cb", "/relative/cb", "http://127.0.0.2.evil.example/cb"})
    void otherReturnUrlsAreRefused(String url) {
        assertThat(RelayState.allowedReturnUrl(URI.create(url))).isFalse();
        assertThatThrownBy(() -> new RelayState(URI.create(url), "login.microsoftonline.com", NONCE))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessageContaining("https, or http on 127.0.0.1/localhost");
    }

    @Test
    void badHostsAndNoncesAreRefusedSayingWhich() {
        URI ok = URI.create("https://sluice.example.com/cb");
        assertThatThrownBy(() -> new RelayState(ok, "evil host/", NONCE)).hasMessageContaining("is not a host name");
        assertThatThrownBy(() -> new RelayState(ok, null, NONCE)).hasMessageContaining("is not a host name");
        assertThatThrownBy(() -> new RelayState(ok, "login.microsoftonline.com", "short"))
                .hasMessageContaining("16-128 base64url characters");
        assertThatThrownBy(() -> new RelayState(ok, "login.microsoftonline.com", "x".repeat(129)))
                .hasMessageContaining("16-128 base64url characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "relay1", "relay2.aHR0cHM6Ly9hLmI.aG9zdA.abcdefghijklmnop", "relay1.a.b",
        "relay1.!!!.aG9zdA.abcdefghijklmnop", "relay1.aHR0cHM6Ly9hLmI.aG9zdA.abcdefghijklmnop.extra"})
    void whatIsNotARelayStateIsRefusedUnread(String state) {
        assertThatThrownBy(() -> RelayState.decode(state)).isInstanceOfSatisfying(SluiceException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessage("the state is not a Sluice relay state");
    }

    @Test
    void aDecodedStateIsCheckedLikeANewOne() {
        String http = new RelayState(URI.create("http://127.0.0.1:1/cb"), "login.microsoftonline.com", NONCE).encode()
                .replace("relay1.", "");
        String tampered = "relay1." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("http://attacker.example/cb".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + http.substring(http.indexOf('.'));
        assertThatThrownBy(() -> RelayState.decode(tampered)).hasMessageContaining("https, or http on 127.0.0.1");
        assertThatThrownBy(() -> RelayState.decode(null)).hasMessage("the state is not a Sluice relay state");
        assertThatThrownBy(() -> RelayState.decode("relay1." + "a".repeat(RelayState.MAX_LENGTH)))
                .hasMessage("the state is not a Sluice relay state");
    }
}
