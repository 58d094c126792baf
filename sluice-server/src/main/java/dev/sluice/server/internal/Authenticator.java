package dev.sluice.server.internal;

import dev.sluice.core.Secret;
import dev.sluice.store.AuditAction;
import dev.sluice.store.SluiceStore;
import dev.sluice.store.User;
import dev.sluice.store.WebSession;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;

/**
 * Who is calling: an API token ({@code Authorization: Bearer}) or a session cookie. Signs people in (throttled, with
 * a new session id every time, so a planted id is never adopted; a sign-in from another site is refused, so nobody
 * can be signed in as someone else without knowing it) and out, and checks the CSRF token of every state-changing
 * request that a cookie authenticated. Thread-safe.
 */
public final class Authenticator {
    /** How long a browser session lasts. */
    public static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    /** Header a script (htmx, fetch) sends the CSRF token in. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Form field a plain HTML form sends the CSRF token in. */
    public static final String CSRF_FIELD = "_csrf";
    /** How long the sign-in form's pre-session token lasts. */
    static final Duration SIGN_IN_FORM_LIFETIME = Duration.ofHours(1);

    private final SluiceStore store;
    private final SignInThrottle throttle;
    private final boolean secureCookies;
    private final String origin;

    /**
     * @param origin this server's public origin ({@code scheme://host[:port]}): a browser's sign-in must come from it
     */
    public Authenticator(SluiceStore store, SignInThrottle throttle, boolean secureCookies, String origin) {
        this.store = store;
        this.throttle = throttle;
        this.secureCookies = secureCookies;
        this.origin = origin;
    }

    /** The sign-in form's pre-session CSRF cookie (double submit, bound to this browser). */
    public String signInCookieName() {
        return secureCookies ? "__Host-sluice_signin" : "sluice_signin";
    }

    /** Starts a sign-in form: a random token set as a cookie and returned for the form's hidden field. */
    public String beginSignInForm(Context ctx) {
        String token = Passwords.randomToken();
        ctx.res().addHeader("Set-Cookie", signInCookieName() + "=" + token + "; Path=/; Max-Age="
                + SIGN_IN_FORM_LIFETIME.toSeconds() + "; HttpOnly; SameSite=Strict" + (secureCookies ? "; Secure" : ""));
        return token;
    }

    /**
     * Refuses a sign-in another site's page sent (login CSRF): a browser says where a request comes from in
     * {@code Sec-Fetch-Site} and {@code Origin}; either naming another site is refused. A form sign-in must also
     * carry the token of a sign-in form this browser loaded ({@link #beginSignInForm}).
     */
    public void checkSignInRequest(Context ctx, boolean form) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw ApiProblem.forbidden("a sign-in from another site (" + site.replaceAll("[^a-z-]", "")
                    + ") is refused; open this server's sign-in page");
        }
        String from = ctx.header("Origin");
        // this server's public origin, or the one the browser used to reach it (same origin whatever the name);
        // "null" says nothing (browsers send it under the pages' no-referrer policy): the form token still decides
        if (from != null && !from.equals("null") && !from.equalsIgnoreCase(origin)
                && !from.equalsIgnoreCase(ctx.scheme() + "://" + ctx.host())) {
            throw ApiProblem.forbidden("a sign-in from another origin is refused; open this server's sign-in page at "
                    + origin + "/signin");
        }
        if (form) {
            String cookie = ctx.cookie(signInCookieName());
            String field = ctx.formParam(CSRF_FIELD);
            if (cookie == null || field == null || !constantTimeEquals(cookie, field)) {
                throw ApiProblem.forbidden("the sign-in form expired or was not loaded from this server; reload the "
                        + "sign-in page and try again");
            }
        }
    }

    /** The session cookie's name; the {@code __Host-} prefix (RFC 6265bis §4.1.3.2) needs Secure, so only on TLS. */
    public String cookieName() {
        return secureCookies ? "__Host-sluice_session" : "sluice_session";
    }

    /** The caller of this request, if it carries a valid token or session. */
    public Optional<Caller> identify(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null) {
            if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Optional.empty();
            }
            Secret token = Secret.of(auth.substring(7).strip());
            return store.apiTokens().authenticate(token).flatMap(t -> store.users().get(t.user())
                    .map(u -> new Caller(u, null, null, t)));
        }
        String cookie = ctx.cookie(cookieName());
        if (cookie == null || cookie.isBlank() || cookie.length() > 128) {
            return Optional.empty();
        }
        Secret id = Secret.of(cookie);
        return store.webSessions().get(id).flatMap(s -> store.users().get(s.user()).map(u -> new Caller(u, s, id, null)));
    }

    /** Refuses a cookie-authenticated state-changing request without the session's CSRF token. */
    public void checkCsrf(Context ctx, Caller caller) {
        if (!caller.viaCookie() || !changesState(ctx.method())) {
            return;
        }
        String given = ctx.header(CSRF_HEADER);
        if (given == null && isForm(ctx)) {
            given = ctx.formParam(CSRF_FIELD);
        }
        if (given == null || !constantTimeEquals(given, caller.session().csrfToken())) {
            throw ApiProblem.forbidden("missing or wrong CSRF token: send the session's token in the "
                    + CSRF_HEADER + " header or the " + CSRF_FIELD + " form field");
        }
    }

    /** Signs in: checks the throttle and the password, ends any old session, starts a new one and sets its cookie. */
    public Caller signIn(Context ctx, String name, String password) {
        String address = ctx.ip();
        String user = name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT);
        Duration wait = throttle.retryAfter(user, address);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            ctx.header("Retry-After", String.valueOf(seconds));
            throw new ApiProblem(429, "Too many sign-in attempts",
                    "too many failed sign-ins; try again in " + seconds + " second(s)");
        }
        Optional<User> found = User.NAME.matcher(user).matches() ? store.users().get(user) : Optional.empty();
        String hash = found.flatMap(u -> store.users().passwordHash(u.name())).orElse(null);
        if (!Passwords.verify(password, hash)) {
            throttle.failed(user, address);
            if (found.isPresent()) {
                store.audit().append(user, AuditAction.USER_SIGN_IN_FAILED, null, null, "wrong password from " + address);
            }
            throw new ApiProblem(401, "Sign-in failed", "wrong user name or password");
        }
        throttle.succeeded(user, address);
        String old = ctx.cookie(cookieName());
        if (old != null && !old.isBlank() && old.length() <= 128) {
            store.webSessions().delete(Secret.of(old));
        }
        Secret id = Secret.of(Passwords.randomToken());
        WebSession session = store.webSessions().create(id, user, Passwords.randomToken(), SESSION_LIFETIME);
        setCookie(ctx, id.reveal(), SESSION_LIFETIME.toSeconds());
        store.audit().append(user, AuditAction.USER_SIGNED_IN, null, null, "signed in from " + address);
        return new Caller(found.get(), session, id, null);
    }

    /**
     * Ends every other session of {@code user} (after a password change: whoever knew the old password is signed
     * out everywhere but here); {@code keep} is the session making the change, or null to end all. Audited.
     */
    public void endOtherSessions(String user, Secret keep, String actor, String why) {
        int ended = store.webSessions().deleteForUserExcept(user, keep);
        store.audit().append(actor, AuditAction.USER_CHANGED, null, null, why + ": ended " + ended
                + " other session(s) of '" + user + "'");
    }

    /** Ends the caller's session (if any) and clears the cookie. */
    public void signOut(Context ctx, Caller caller) {
        if (caller != null && caller.sessionId() != null) {
            store.webSessions().delete(caller.sessionId());
            store.audit().append(caller.name(), AuditAction.USER_SIGNED_OUT, null, null, "signed out");
        }
        setCookie(ctx, "", 0);
    }

    private void setCookie(Context ctx, String value, long maxAgeSeconds) {
        ctx.res().addHeader("Set-Cookie", cookieName() + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Lax" + (secureCookies ? "; Secure" : ""));
    }

    private static boolean changesState(HandlerType method) {
        return method == HandlerType.POST || method == HandlerType.PUT || method == HandlerType.PATCH
                || method == HandlerType.DELETE;
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
    }

    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
