package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BroughtTokenTest {
    static String jwt(String claims) {
        Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
        return b.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @Test
    void theExpiryIsTheExpClaim() {
        assertThat(BroughtToken.expiry(Secret.of(jwt("{\"aud\":\"https://x.crm.dynamics.com\",\"exp\":1893456000}"))))
                .isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"opaque-token-value", "a.b.c", "", "e30.e30"})
    void aTokenWhoseExpiryCannotBeReadSaysHowToGiveIt(String token) {
        assertThatThrownBy(() -> BroughtToken.expiry(Secret.of(token)))
                .hasMessage("the token's expiry cannot be read from it (it is not a JWT with an 'exp' claim); give it "
                        + "with --expires-at 2030-01-01T00:00:00Z");
    }

    @Test
    void aJwtWithoutExpOrWithATextExpIsRefusedAlike() {
        assertThatThrownBy(() -> BroughtToken.expiry(Secret.of(jwt("{\"aud\":\"x\"}"))))
                .hasMessageContaining("--expires-at");
        assertThatThrownBy(() -> BroughtToken.expiry(Secret.of(jwt("{\"exp\":\"soon\"}"))))
                .hasMessageContaining("--expires-at");
    }
}
