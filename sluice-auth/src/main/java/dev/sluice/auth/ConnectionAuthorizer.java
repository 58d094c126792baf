package dev.sluice.auth;

import dev.sluice.auth.internal.StoreTokenPersistence;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.Sleeper;
import dev.sluice.core.SluiceException;
import dev.sluice.store.AuditAction;
import dev.sluice.store.AuthMethod;
import dev.sluice.store.AuthSession;
import dev.sluice.store.Connection;
import dev.sluice.store.SluiceStore;
import dev.sluice.store.TokenStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Authorizes stored connections by each auth method and keeps the result encrypted against the
 * connection: a browser sign-in through the loopback receiver (CLI) or a server callback (begin /
 * complete, with the {@code state} stored hashed, single-use, bound to the user, 10 minutes), client
 * credentials, device code, or a token someone brings. Every outcome is audited. Thread-safe.
 */
public final class ConnectionAuthorizer {
    private final ConnectionCredentials credentials;
    private final SluiceStore store;

    public ConnectionAuthorizer(ConnectionCredentials credentials) {
        this.credentials = credentials;
        this.store = credentials.store();
    }

    /**
     * Signs in through the system browser and a loopback receiver: {@code openBrowser} gets the
     * authorization URL (open it, or print it); waits for the callback up to {@code timeout}.
     */
    public TokenStatus authorizeInBrowser(Connection c, String actor, Consumer<URI> openBrowser, Duration timeout) {
        requireMethod(c, AuthMethod.AUTHORIZATION_CODE);
        AuthorizationCodeFlow flow = flow(c);
        try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
            URI relay = c.settings().auth().redirectUri();
            PendingAuthorization pending = relay == null
                    ? flow.begin(receiver.redirectUri(), null, null, false)
                    : flow.begin(relay, null, null, true, relayState(c, receiver.redirectUri()));
            audit(c, actor, AuditAction.AUTHORIZATION_BEGUN, "browser sign-in through a loopback receiver"
                    + (relay == null ? "" : " via the relay " + relay.getHost()));
            openBrowser.accept(pending.authorizationUrl());
            Map<String, String> callback = receiver.await(timeout);
            return save(c, actor, () -> flow.complete(pending, callback));
        }
    }

    /**
     * Server callback, step 1: stores the pending sign-in (state hashed, verifier encrypted, bound to
     * {@code user}) and returns the URL to send the person to.
     */
    public URI begin(Connection c, String user, URI redirectUri) {
        requireMethod(c, AuthMethod.AUTHORIZATION_CODE);
        URI relay = c.settings().auth().callbackMode() == dev.sluice.store.CallbackMode.SERVER
                && c.settings().auth().redirectUri() != null && !c.settings().auth().redirectUri().equals(redirectUri)
                ? c.settings().auth().redirectUri() : null;
        PendingAuthorization pending = relay == null ? flow(c).begin(redirectUri, null, null, false)
                : flow(c).begin(relay, null, null, true, relayState(c, redirectUri));
        store.authSessions().begin(c.id(), user, pending.state(), pending.codeVerifier(), pending.nonce(),
                pending.redirectUri());
        audit(c, user, AuditAction.AUTHORIZATION_BEGUN, "browser sign-in through the server callback"
                + (relay == null ? "" : " via the relay " + relay.getHost()));
        return pending.authorizationUrl();
    }

    /**
     * With a relay, the identity provider redirects to the relay's URI and the state carries where the
     * relay must send the browser on: this instance's own callback, plus the instance's random value.
     * Relay flows use {@code response_mode=form_post}, so the code is in no URL from end to end.
     */
    private java.util.function.UnaryOperator<String> relayState(Connection c, URI instanceCallback) {
        String provider = credentials.endpoints(c).authorization().getHost();
        return random -> new dev.sluice.core.RelayState(instanceCallback, provider, random).encode();
    }

    /**
     * Server callback, step 2: consumes the stored sign-in for the callback's {@code state} (refusing a
     * tampered, replayed, expired or other user's one before anything is redeemed), redeems the code
     * with the kept verifier, and saves the tokens.
     */
    public TokenStatus complete(Map<String, String> callback, String user) {
        String state = callback.get("state");
        if (state == null || state.isBlank()) {
            throw new OAuthException(ErrorKind.INVALID_INPUT, "invalid_state", 0,
                    "the sign-in callback has no state; start the authorization again");
        }
        AuthSession session = store.authSessions().consume(Secret.of(state), user);
        Connection c = store.connections().require(session.connectionId());
        PendingAuthorization pending = new PendingAuthorization(null, Secret.of(state), session.pkceVerifier(),
                session.nonce(), session.redirectUri(), session.expiresAt());
        return save(c, user, () -> flow(c).redeem(pending, callback));
    }

    /** Client credentials (secret or certificate): gets a token now, so the connection shows as authorized. */
    public TokenStatus authorizeClientCredentials(Connection c, String actor) {
        if (c.settings().auth().method() != AuthMethod.CLIENT_SECRET
                && c.settings().auth().method() != AuthMethod.CLIENT_CERTIFICATE) {
            throw wrongMethod(c, "client-secret or client-certificate");
        }
        audit(c, actor, AuditAction.AUTHORIZATION_BEGUN, "client credentials");
        return save(c, actor, () -> credentials.tokenClient(c).clientCredentials(credentials.scopes(c)));
    }

    /** Device code: {@code show} gets what to tell the person; polls until they sign in. */
    public TokenStatus authorizeWithDeviceCode(Connection c, String actor, Consumer<DeviceCodeChallenge> show,
            Sleeper sleeper) {
        if (c.settings().auth().method() != AuthMethod.DEVICE_CODE
                && c.settings().auth().method() != AuthMethod.AUTHORIZATION_CODE) {
            throw wrongMethod(c, "device-code");
        }
        DeviceCodeFlow flow = new DeviceCodeFlow(credentials.tokenClient(c), credentials.scopes(c),
                credentials.clock(), sleeper);
        DeviceCodeChallenge challenge = flow.start();
        audit(c, actor, AuditAction.AUTHORIZATION_BEGUN, "device code");
        show.accept(challenge);
        return save(c, actor, () -> flow.await(challenge));
    }

    /** Bring your own token: stores it (and an optional refresh token) encrypted; used until it expires. */
    public TokenStatus storeToken(Connection c, String actor, Secret accessToken, Instant expiresAt,
            Secret refreshToken) {
        if (expiresAt == null) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "a brought token needs its expiry time");
        }
        TokenSet t = new TokenSet(accessToken, refreshToken, expiresAt, List.of(), null, credentials.clock().instant());
        return save(c, actor, () -> t);
    }

    /** Signs the connection out: deletes its tokens (the connection then needs authorization). */
    public void signOut(Connection c, String actor) {
        store.tokens().delete(c.id(), actor);
        credentials.forget(c);
    }

    private TokenStatus save(Connection c, String actor, java.util.function.Supplier<TokenSet> obtain) {
        TokenSet tokens;
        try {
            tokens = obtain.get();
        } catch (SluiceException e) {
            store.tokens().recordAuthorizationFailure(c.id(), actor, e.getMessage());
            throw e;
        }
        store.tokens().save(c.id(), StoreTokenPersistence.toStore(tokens), actor);
        credentials.forget(c);
        return store.tokens().status(c.id());
    }

    private AuthorizationCodeFlow flow(Connection c) {
        return new AuthorizationCodeFlow(credentials.tokenClient(c), credentials.scopes(c), credentials.clock());
    }

    private void audit(Connection c, String actor, AuditAction action, String detail) {
        store.audit().append(actor, action, c.id(), c.name(), detail);
    }

    private static void requireMethod(Connection c, AuthMethod method) {
        if (c.settings().auth().method() != method) {
            throw wrongMethod(c, method.wireName());
        }
    }

    private static SluiceException wrongMethod(Connection c, String expected) {
        return new SluiceException(ErrorKind.INVALID_INPUT, "connection '" + c.name() + "' uses auth method "
                + c.settings().auth().method().wireName() + ", not " + expected
                + "; edit the connection or use its own sign-in");
    }
}
