package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 23 row 1: tokens and secrets stay bound to where they were issued, whoever edits the connection. */
@ExtendWith(StoreExtension.class)
class CredentialBindingTest {
    static final Secret STATE = Secret.of("state-0123456789abcdefghijklmnop");

    static ConnectionSettings app() {
        return new ConnectionSettings("svc", null, OrgUrl.parse("https://contoso.crm4.dynamics.com"), null,
                Authority.GLOBAL, "contoso.onmicrosoft.com", AuthSettings.of(AuthMethod.CLIENT_SECRET,
                        "11111111-2222-3333-4444-555555555555"), null);
    }

    /** Each binding field, and a change of it that keeps the settings valid. */
    static UnaryOperator<ConnectionSettings> change(String field) {
        return switch (field) {
            case "orgUrl" -> s -> s.withOrgUrl(OrgUrl.parse("https://fabrikam.crm4.dynamics.com"));
            case "authority" -> s -> s.withAuthority(Authority.US_GOVERNMENT, s.tenant());
            case "tenant" -> s -> s.withAuthority(s.authority(), "fabrikam.onmicrosoft.com");
            case "auth.method" -> s -> s.withAuth(new AuthSettings(AuthMethod.CLIENT_CERTIFICATE, s.auth().clientId(),
                    List.of(), null, null, null, null, null));
            case "auth.clientId" -> s -> s.withAuth(AuthSettings.of(AuthMethod.CLIENT_SECRET,
                    "99999999-2222-3333-4444-555555555555"));
            case "auth.authorizeEndpoint" -> s -> s.withAuth(s.auth().withEndpoints(
                    URI.create("https://idp.example.com/authorize"), URI.create("https://idp.example.com/token")));
            case "auth.tokenEndpoint" -> s -> s.withAuth(s.auth().withEndpoints(null,
                    URI.create("https://idp.example.com/token")));
            case "auth.discoveryUrl" -> s -> s.withAuth(s.auth().withDiscoveryUrl(
                    URI.create("https://idp.example.com/.well-known/openid-configuration")));
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static Connection authorized(SluiceStore store) {
        Connection c = store.connections().create(app(), "alice");
        store.secrets().put(c.id(), SecretStore.CLIENT_SECRET, Secret.of("the-client-secret"), "alice");
        store.tokens().save(c.id(), new TokenSet(Secret.of("access-1"), Secret.of("refresh-1"),
                Instant.parse("2026-03-01T10:00:00Z"), Instant.parse(StoreExtension.START), List.of("openid"),
                "alice@contoso.com"), "alice");
        store.authSessions().begin(c.id(), "alice", STATE, Secret.of("v".repeat(43)), "nonce-1",
                URI.create("http://127.0.0.1:43117/callback"));
        return c;
    }

    @ParameterizedTest
    @ValueSource(strings = {"orgUrl", "authority", "tenant", "auth.method", "auth.clientId", "auth.authorizeEndpoint",
        "auth.tokenEndpoint", "auth.discoveryUrl"})
    void changingABindingFieldDropsTokensAndPendingSignIns(String field, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(Backend.H2).open();
        Connection c = authorized(store);
        ConnectionSettings next = change(field).apply(c.settings());
        boolean moves = !next.secretDestination().equals(c.settings().secretDestination());

        store.connections().update(c.id(), next, moves ? Map.of(SecretStore.CLIENT_SECRET,
                Secret.of("the-client-secret-again")) : Map.of(), "bob");

        assertThat(store.tokens().status(c.id()).state()).isEqualTo(TokenState.NEEDS_AUTHORIZATION);
        assertThat(store.tokens().get(c.id())).isEmpty();
        assertThatThrownBy(() -> store.authSessions().consume(STATE, "alice"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTH));
        assertThat(store.audit().list(AuditQuery.all().connection(c.id()).actor("bob")).events())
                .anySatisfy(e -> assertThat(e.detail()).contains("dropped its tokens").contains(field));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void changingOtherSettingsKeepsTheTokens(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        Connection c = authorized(store);

        store.connections().update(c.id(), c.settings().withName("svc-eu")
                .withOptions(ConnectionOptions.DEFAULTS.withPageSize(100)), "bob");

        assertThat(store.tokens().status(c.id()).state()).isEqualTo(TokenState.AUTHORIZED);
        assertThat(store.secrets().getFor(store.connections().require(c.id()), SecretStore.CLIENT_SECRET))
                .hasValueSatisfying(s -> assertThat(s.reveal()).isEqualTo("the-client-secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"authority", "tenant", "auth.tokenEndpoint", "auth.discoveryUrl"})
    void movingWhereSecretsGoWithoutEnteringThemAgainIsRefusedAndChangesNothing(String field,
            StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(Backend.H2).open();
        Connection c = authorized(store);

        assertThatThrownBy(() -> store.connections().update(c.id(), change(field).apply(c.settings()), "bob"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessageContaining("enter the client secret again").hasMessageContaining("Nothing was changed");

        assertThat(store.connections().require(c.id())).isEqualTo(c);
        assertThat(store.tokens().status(c.id()).state()).isEqualTo(TokenState.AUTHORIZED);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSecretEnteredWithTheMoveIsBoundToTheNewDestination(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        Connection c = authorized(store);
        ConnectionSettings next = change("auth.tokenEndpoint").apply(c.settings());

        Connection after = store.connections().update(c.id(), next, Map.of(SecretStore.CLIENT_SECRET,
                Secret.of("secret-for-idp")), "bob");

        assertThat(store.secrets().getFor(after, SecretStore.CLIENT_SECRET))
                .hasValueSatisfying(s -> assertThat(s.reveal()).isEqualTo("secret-for-idp"));
        // the same row read for the old settings is refused: it is never handed out for another destination
        assertThatThrownBy(() -> store.secrets().getFor(c, SecretStore.CLIENT_SECRET))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTH))
                .hasMessageContaining("was entered for https://idp.example.com/token")
                .hasMessageNotContaining("secret-for-idp");
    }
}
