package dev.sluice.emulator;

import dev.sluice.emulator.internal.identity.IdentityService;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Test hooks on a running emulator's identity platform (the same as the admin paths under
 * {@code /_emulator/identity/}): revoke a user's refresh tokens, expire every access token, change
 * lifetimes, forget consent, count token requests, trust another issuer. Thread-safe.
 */
public final class IdentityControls {
    private final IdentityService service;
    private final Supplier<String> origin;

    IdentityControls(IdentityService service, Supplier<String> origin) {
        this.service = service;
        this.origin = origin;
    }

    /** Tenant, apps, users, secrets: what a client needs to sign in. */
    public EmulatorIdentity info() {
        return service.info(origin.get());
    }

    /** Revokes every refresh token of a user (AADSTS50173 on next use) and ends their sign-in sessions. */
    public int revokeRefreshTokens(String upn) {
        return service.revokeRefreshTokens(upn);
    }

    /** Makes every access token issued so far fail on the Dataverse side, as if expired. */
    public int expireAccessTokens() {
        return service.expireAccessTokens();
    }

    /** A fixed access token lifetime, or null for the real service's random 60–90 minutes. */
    public IdentityControls accessTokenLifetime(Duration lifetime) {
        service.accessTokenLifetime(lifetime);
        return this;
    }

    /** The lifetime of refresh tokens issued from now on (default 90 days). */
    public IdentityControls refreshTokenLifetime(Duration lifetime) {
        service.refreshTokenLifetime(lifetime);
        return this;
    }

    /** Forgets every user's consent, so the next sign-in shows the consent page again. */
    public void resetConsent() {
        service.resetConsent();
    }

    /** Token endpoint requests with this grant type and client id (null for any), successful or not. */
    public long tokenRequests(String grantType, String clientId) {
        return service.tokenRequests().get(grantType, clientId);
    }

    /** Every count, keyed {@code "grant_type client_id"}. */
    public Map<String, Long> tokenRequests() {
        return service.tokenRequests().snapshot();
    }

    public void resetTokenRequestCounts() {
        service.tokenRequests().reset();
    }

    /** Also accept access tokens of another OpenID Connect issuer, named by its discovery URL. */
    public IdentityControls trustIssuer(URI discoveryUrl) {
        service.trustIssuer(discoveryUrl);
        return this;
    }
}
