package dev.sluice.emulator.internal.identity;

import dev.sluice.emulator.internal.identity.directory.AppRegistration;
import dev.sluice.emulator.internal.identity.directory.Tenant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated {@code GET /{tenant}/oauth2/v2.0/authorize} request (fact sheet §F.2). Immutable.
 *
 * @param responseMode {@code query}, {@code fragment} or {@code form_post}
 * @param state echoed back as sent, or null
 * @param codeChallenge PKCE challenge, or null
 * @param challengeMethod {@code S256} or {@code plain} (the default when a challenge has no method)
 * @param prompt {@code login}, {@code none}, {@code consent}, {@code select_account}, or null
 */
record AuthorizationRequest(Tenant tenant, AppRegistration app, String redirectUri, String responseMode,
        String state, String nonce, Scopes scopes, String codeChallenge, String challengeMethod, String prompt,
        String loginHint) {

    private static final Set<String> MODES = Set.of("query", "fragment", "form_post");
    private static final Set<String> PROMPTS = Set.of("login", "none", "consent", "select_account");
    /** RFC 7636 §4.2: an S256 challenge is the 43-character base64url of a SHA-256 hash. */
    private static final Pattern S256 = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** Where errors go once the redirect URI is trusted: the URI, mode and state. */
    record Target(String redirectUri, String responseMode, String state) {}

    /** The target for error redirects; an unknown response mode falls back to {@code query}. */
    static Target target(String redirectUri, Map<String, List<String>> q) {
        String mode = first(q, "response_mode");
        return new Target(redirectUri, mode != null && MODES.contains(mode) ? mode : "query", first(q, "state"));
    }

    /** Validates everything after the client and redirect URI; failures are {@link AadError}s to redirect. */
    static AuthorizationRequest parse(Tenant tenant, AppRegistration app, String redirectUri, String origin,
            Map<String, List<String>> q) {
        String mode = first(q, "response_mode");
        if (mode != null && !MODES.contains(mode)) {
            throw AadError.of("invalid_request", 9002313, "Invalid request. Request is malformed or invalid."
                    + " response_mode must be query, fragment or form_post.");
        }
        String type = first(q, "response_type");
        if (type == null) {
            throw AadError.missing("response_type");
        }
        if (!type.equals("code")) {
            throw AadError.of("unsupported_response_type", 700054, "response_type '" + type + "' is not enabled for"
                    + " the application.");
        }
        String scope = first(q, "scope");
        if (scope == null) {
            throw AadError.missing("scope");
        }
        Scopes scopes = Scopes.delegated(scope, origin, tenant, app);
        String challenge = first(q, "code_challenge");
        String method = first(q, "code_challenge_method");
        if (challenge == null && method != null) {
            throw AadError.missing("code_challenge");
        }
        if (challenge != null) {
            method = method == null ? "plain" : method;
            if (!method.equals("S256") && !method.equals("plain")) {
                throw AadError.of("invalid_request", 9002313, "Invalid request. Request is malformed or invalid."
                        + " code_challenge_method must be S256 or plain.");
            }
            if (method.equals("S256") ? !S256.matcher(challenge).matches() : challenge.length() < 43
                    || challenge.length() > 128) {
                throw AadError.of("invalid_request", 501491, "Invalid size of Code_Challenge parameter.");
            }
        }
        String prompt = first(q, "prompt");
        if (prompt != null && !PROMPTS.contains(prompt)) {
            throw AadError.of("invalid_request", 9002313, "Invalid request. Request is malformed or invalid."
                    + " prompt must be login, none, consent or select_account.");
        }
        return new AuthorizationRequest(tenant, app, redirectUri, mode == null ? "query" : mode, first(q, "state"),
                first(q, "nonce"), scopes, challenge, challenge == null ? null : method, prompt,
                first(q, "login_hint"));
    }

    Target target() {
        return new Target(redirectUri, responseMode, state);
    }

    boolean prompts(String value) {
        return value.equals(prompt);
    }

    static String first(Map<String, List<String>> q, String name) {
        List<String> v = q.get(name);
        return v == null || v.isEmpty() || v.get(0).isEmpty() ? null : v.get(0);
    }
}
