package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionSettingsTest {
    private static final AuthSettings AUTH = AuthSettings.of(AuthMethod.CLIENT_SECRET, "app-1");

    @ParameterizedTest
    @CsvSource({
        "https://contoso.crm.dynamics.com, https://contoso.crm.dynamics.com",
        "https://CONTOSO.crm2.dynamics.com/, https://contoso.crm2.dynamics.com",
        "https://contoso.crm21.dynamics.com:443, https://contoso.crm21.dynamics.com",
        "https://contoso.crm4.dynamics.com/api/data/v9.2/, https://contoso.crm4.dynamics.com",
        "https://contoso.api.crm.dynamics.com, https://contoso.api.crm.dynamics.com",
        "https://contoso.api.crm11.dynamics.com/api/data/v9.1, https://contoso.api.crm11.dynamics.com",
        "https://contoso.crm.microsoftdynamics.us, https://contoso.crm.microsoftdynamics.us",
        "https://contoso.crm.appsplatform.us, https://contoso.crm.appsplatform.us",
        "https://contoso.crm.dynamics.cn, https://contoso.crm.dynamics.cn",
        "https://contoso.api.crm.dynamics.cn, https://contoso.api.crm.dynamics.cn",
        "http://127.0.0.1:8080, http://127.0.0.1:8080",
        "http://LOCALHOST:43117/, http://localhost:43117",
    })
    void orgUrlAcceptsEveryDataverseHostAndNormalisesIt(String input, String normalised) {
        assertThat(OrgUrl.parse(input).toString()).isEqualTo(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://contoso.crm.dynamics.com",
        "https://contoso.crm1.dynamics.com",
        "https://contoso.crm100.dynamics.com",
        "https://contoso.dynamics.com",
        "https://contoso.crm.microsoftdynamics.de",
        "https://evil.example.com",
        "https://contoso.crm.dynamics.com.evil.example.com",
        "https://contoso.crm.dynamics.com/main.aspx",
        "https://contoso.crm.dynamics.com:8443",
        "http://127.0.0.1",
        "contoso.crm.dynamics.com",
    })
    void orgUrlRefusesOtherHostsWithAnExample(String input) {
        assertThatThrownBy(() -> OrgUrl.parse(input))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessageContaining("e.g. ");
    }

    @Test
    void orgUrlErrorNeverEchoesTheQueryString() {
        assertThatThrownBy(() -> OrgUrl.parse("https://contoso.crm.dynamics.com/?code=very-secret-code"))
                .hasMessageNotContaining("very-secret-code")
                .hasMessageContaining("query string");
    }

    @Test
    void orgUrlPicksTheMatchingMicrosoftCloud() {
        assertThat(OrgUrl.parse("https://contoso.crm4.dynamics.com").defaultAuthority()).isEqualTo(Authority.GLOBAL);
        assertThat(OrgUrl.parse("https://contoso.crm.microsoftdynamics.us").defaultAuthority()).isEqualTo(Authority.US_GOVERNMENT);
        assertThat(OrgUrl.parse("https://contoso.crm.dynamics.cn").defaultAuthority()).isEqualTo(Authority.CHINA);
        assertThat(OrgUrl.parse("http://127.0.0.1:9000").defaultAuthority().toString()).isEqualTo("http://127.0.0.1:9000");
        assertThat(OrgUrl.parse("https://contoso.crm4.dynamics.com").org()).isEqualTo("contoso");
        assertThat(OrgUrl.parse("https://contoso.crm4.dynamics.com").webApi("9.2").toString())
                .isEqualTo("https://contoso.crm4.dynamics.com/api/data/v9.2/");
    }

    @Test
    void authorityAcceptsCloudNamesAndExplicitUrls() {
        assertThat(Authority.parse("global")).isEqualTo(Authority.GLOBAL);
        assertThat(Authority.parse("us-government").toString()).isEqualTo("https://login.microsoftonline.us");
        assertThat(Authority.parse("china").toString()).isEqualTo("https://login.partner.microsoftonline.cn");
        assertThat(Authority.parse("https://Idp.Example.com/realms/sluice/").toString()).isEqualTo("https://idp.example.com/realms/sluice");
        assertThatThrownBy(() -> Authority.parse("http://idp.example.com"))
                .hasMessageContaining("must use https (plain http is allowed only on 127.0.0.1 or localhost)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Contoso", "-contoso", "contoso prod", "a/b", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void connectionNameSaysWhatIsAllowed(String name) {
        assertThatThrownBy(() -> ConnectionSettings.of(name, OrgUrl.parse("https://contoso.crm.dynamics.com"), AUTH))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessageContaining("use 1-63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
    }

    @Test
    void settingsGetDefaults() {
        ConnectionSettings s = ConnectionSettings.of("contoso", OrgUrl.parse("https://contoso.crm.dynamics.cn"), AUTH);

        assertThat(s.type()).isEqualTo(ConnectionType.DATAVERSE);
        assertThat(s.apiVersion()).isEqualTo("9.2");
        assertThat(s.authority()).isEqualTo(Authority.CHINA);
        assertThat(s.options()).isEqualTo(ConnectionOptions.DEFAULTS);
        assertThat(s.options().pageSize()).isEqualTo(5000);
        assertThat(s.options().maxConcurrency()).isEqualTo(52);
        assertThat(s.options().requestTimeout()).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void optionsOutsideDataverseLimitsAreRefused() {
        assertThatThrownBy(() -> ConnectionOptions.DEFAULTS.withPageSize(5001)).hasMessageContaining("page size must be 1..5000");
        assertThatThrownBy(() -> ConnectionOptions.DEFAULTS.withPageSize(0)).hasMessageContaining("page size must be 1..5000");
        assertThatThrownBy(() -> ConnectionOptions.DEFAULTS.withMaxConcurrency(53)).hasMessageContaining("max concurrency must be 1..52");
        assertThatThrownBy(() -> ConnectionOptions.DEFAULTS.withRequestTimeout(Duration.ZERO))
                .hasMessageContaining("request timeout must be between 1 second and 1 hour");
    }

    @Test
    void authSettingsCheckWhatBelongsToTheMethod() {
        assertThatThrownBy(() -> AuthSettings.of(AuthMethod.CLIENT_SECRET, null))
                .hasMessage("client id is required for auth method client-secret (the application id registered with the identity provider)");
        assertThat(AuthSettings.of(AuthMethod.STATIC_TOKEN, null).clientId()).isNull();
        assertThat(AuthSettings.of(AuthMethod.AUTHORIZATION_CODE, "app").callbackMode()).isEqualTo(CallbackMode.LOOPBACK);
        assertThatThrownBy(() -> AuthSettings.of(AuthMethod.DEVICE_CODE, "app").withCallback(CallbackMode.SERVER, null))
                .hasMessageContaining("apply only to auth method authorization-code");
        assertThatThrownBy(() -> AUTH.withEndpoints(null, URI.create("https://idp.example.com/token"))
                .withDiscoveryUrl(URI.create("https://idp.example.com/.well-known/openid-configuration"))
                .withEndpoints(URI.create("https://idp.example.com/authorize"), null))
                .hasMessage("an explicit authorize endpoint needs an explicit token endpoint too");
        assertThatThrownBy(() -> AUTH.withScopes(List.of("a b")))
                .hasMessageContaining("a scope is one non-empty word without spaces");
        assertThat(AuthMethod.fromWireName("device-code")).isEqualTo(AuthMethod.DEVICE_CODE);
        assertThatThrownBy(() -> AuthMethod.fromWireName("password"))
                .hasMessage("unknown auth method 'password'; known methods: authorization-code, client-secret, "
                        + "client-certificate, device-code, static-token");
    }

    @Test
    void tenantMustLookLikeATenant() {
        ConnectionSettings s = ConnectionSettings.of("c", OrgUrl.parse("https://contoso.crm.dynamics.com"), AUTH);
        assertThat(s.withAuthority(Authority.GLOBAL, "Contoso.onmicrosoft.com").tenant()).isEqualTo("contoso.onmicrosoft.com");
        assertThatThrownBy(() -> s.withAuthority(Authority.GLOBAL, "contoso/evil")).hasMessageContaining("tenant 'contoso/evil' is not valid");
    }
}
