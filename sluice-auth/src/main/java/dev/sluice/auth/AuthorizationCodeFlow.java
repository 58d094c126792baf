package dev.sluice.auth;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The OAuth2 authorization code grant with PKCE (S256), {@code state} and {@code nonce}: {@link #begin}
 * builds the authorization URL and keeps the secrets; {@link #complete} checks the callback and
 * redeems the code. Thread-safe.
 */
public final class AuthorizationCodeFlow {
    /** OAuth2: how long a pending sign-in may take (Microsoft's codes live ~10 minutes). */
    public static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** RFC 7636 §4.1: a code_verifier is 43–128 unreserved characters. */
    private static final java.util.regex.Pattern VERIFIER = java.util.regex.Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private final TokenClient tokens;
    private final List<String> scopes;
    private final Clock clock;

    public AuthorizationCodeFlow(TokenClient tokens, List<String> scopes, Clock clock) {
        this.tokens = tokens;
        this.scopes = List.copyOf(scopes);
        this.clock = clock;
    }

    /** Default delegated scopes for a Dataverse org: {@code {org}/user_impersonation offline_access openid profile}. */
    public static List<String> dataverseScopes(String orgUrl) {
        return List.of(orgUrl.replaceAll("/+$", "") + "/user_impersonation", "offline_access", "openid", "profile");
    }

    /** Starts a sign-in that will come back to {@code redirectUri}. */
    public PendingAuthorization begin(URI redirectUri, String loginHint, String prompt, boolean formPost) {
        return begin(redirectUri, loginHint, prompt, formPost, UnaryOperator.identity());
    }

    /**
     * Starts a sign-in whose {@code state} is the random value passed through {@code stateForm} (the
     * relay wraps it with the instance's return URL); the whole result is what the callback must match.
     */
    public PendingAuthorization begin(URI redirectUri, String loginHint, String prompt, boolean formPost,
            UnaryOperator<String> stateForm) {
        String state = stateForm.apply(random(32));
        String nonce = random(16);
        CodeVerifier verifier = new CodeVerifier(); // RFC 7636 §4.1: 43 chars of 32 random bytes
        AuthorizationRequest.Builder b = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new ClientID(tokens.client().clientId()))
                .endpointURI(tokens.endpoints().authorization())
                .redirectionURI(redirectUri)
                .scope(new Scope(scopes.toArray(String[]::new)))
                .state(new State(state))
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .customParameter("nonce", nonce);
        if (formPost) {
            b.responseMode(ResponseMode.FORM_POST);
        }
        if (loginHint != null && !loginHint.isBlank()) {
            b.customParameter("login_hint", loginHint);
        }
        if (prompt != null && !prompt.isBlank()) {
            b.customParameter("prompt", prompt);
        }
        return new PendingAuthorization(b.build().toURI(), Secret.of(state), Secret.of(verifier.getValue()), nonce,
                redirectUri, clock.instant().plus(PENDING_LIFETIME));
    }

    /**
     * Checks a callback's parameters against the pending sign-in (same state, not expired, no error) and
     * redeems the code with the PKCE verifier.
     */
    public TokenSet complete(PendingAuthorization pending, Map<String, String> callback) {
        String state = callback.get("state");
        if (state == null || !Secret.of(state).equals(pending.state())) {
            throw new OAuthException(ErrorKind.INVALID_INPUT, "invalid_state", 0,
                    "the sign-in callback does not belong to this sign-in (its state does not match); start again");
        }
        if (clock.instant().isAfter(pending.expiresAt())) {
            throw new OAuthException(ErrorKind.AUTH, "expired", 0,
                    "the sign-in took longer than " + PENDING_LIFETIME.toMinutes() + " minutes; start again");
        }
        return redeem(pending, callback);
    }

    /**
     * Redeems a callback whose state the caller has already checked (e.g. against a stored hash). Never
     * without PKCE: a pending sign-in without a well-formed verifier is refused before anything is sent.
     */
    public TokenSet redeem(PendingAuthorization pending, Map<String, String> callback) {
        if (pending.codeVerifier() == null || !VERIFIER.matcher(pending.codeVerifier().reveal()).matches()) {
            throw new OAuthException(ErrorKind.AUTH, "pkce_required", 0, "the pending sign-in has no PKCE verifier,"
                    + " and Sluice never redeems an authorization code without PKCE; start the authorization again");
        }
        String error = callback.get("error");
        if (error != null) {
            String description = callback.getOrDefault("error_description", "");
            int nl = description.indexOf('\r') >= 0 ? description.indexOf('\r') : description.indexOf('\n');
            String first = nl < 0 ? description : description.substring(0, nl);
            String what = "access_denied".equals(error) ? "the sign-in was cancelled or consent was refused"
                    : "the identity provider refused the sign-in";
            throw new OAuthException(ErrorKind.AUTH, error, 0, what + ": " + error + (first.isEmpty() ? "" : " — "
                    + first.substring(0, Math.min(first.length(), 300))));
        }
        String code = callback.get("code");
        if (code == null || code.isBlank()) {
            throw new OAuthException(ErrorKind.INVALID_INPUT, "invalid_request", 0,
                    "the sign-in callback carries no authorization code");
        }
        return tokens.redeemCode(code, pending.codeVerifier().reveal(), pending.redirectUri(), scopes);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
