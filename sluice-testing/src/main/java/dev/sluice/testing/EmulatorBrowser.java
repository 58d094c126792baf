package dev.sluice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without a window for tests: keeps cookies, fills in the emulator's sign-in and consent
 * forms, and follows redirects by hand (so a loopback receiver gets the callback as from a real
 * browser). For flows in a real browser use Playwright in a {@code system} test. Not thread-safe.
 */
public final class EmulatorBrowser {
    /** The demo password of the built-in directory's users. */
    public static final String DEMO_PASSWORD = "sluice-demo-password";
    private static final Pattern HIDDEN = Pattern.compile("name=\"([^\"]+)\" value=\"([^\"]*)\"");
    private static final Pattern ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-z]+);");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(new CookieManager()).build();

    /**
     * Opens an authorization URL, signs in as {@code upn}, accepts the consent page when one is shown,
     * and follows the final redirect; returns the response of the redirect target (e.g. a loopback
     * receiver's page). Fails when a page is not what a sign-in shows.
     */
    public HttpResponse<String> signIn(URI authorizationUrl, String upn, String password) {
        HttpResponse<String> page = get(authorizationUrl);
        return continueSignIn(page, upn, password, "accept", r -> false);
    }

    /**
     * Signs in and consents like {@link #signIn}, but stops at the first page served from
     * {@code port} (e.g. a relay's), so a test can look at or change what it would submit.
     */
    public HttpResponse<String> signInUntil(URI authorizationUrl, String upn, String password, int port) {
        return continueSignIn(get(authorizationUrl), upn, password, "accept", r -> r.uri().getPort() == port);
    }

    /** Posts a form (e.g. what a page would have submitted, changed by the test). */
    public HttpResponse<String> post(URI target, Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((k, v) -> form.append(form.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        HttpResponse<String> r = send(HttpRequest.newBuilder(target)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
        return continueSignIn(r, null, null, "accept", x -> false);
    }

    /** Like {@link #signIn} but answers the consent page with {@code decision} ({@code accept} or {@code cancel}). */
    public HttpResponse<String> signIn(URI authorizationUrl, String upn, String password, String decision) {
        return continueSignIn(get(authorizationUrl), upn, password, decision, r -> false);
    }

    /** Types a device code on the verification page, signs in and accepts. */
    public HttpResponse<String> approveDeviceCode(URI verificationUri, String userCode, String upn, String password) {
        HttpResponse<String> entry = get(verificationUri);
        HttpResponse<String> signIn = submit(entry, verificationUri, Map.of("otc", userCode));
        return continueSignIn(signIn, upn, password, "accept", r -> false);
    }

    private HttpResponse<String> continueSignIn(HttpResponse<String> page, String upn, String password,
            String decision, java.util.function.Predicate<HttpResponse<String>> stop) {
        for (int step = 0; step < 10; step++) {
            if (stop.test(page)) {
                return page;
            }
            if (page.statusCode() == 302 || page.statusCode() == 303) {
                URI next = page.uri().resolve(page.headers().firstValue("Location").orElseThrow());
                page = get(next);
                continue;
            }
            String body = page.body();
            if (body.contains("name=\"passwd\"")) {
                page = submit(page, null, Map.of("loginfmt", upn, "passwd", password));
            } else if (body.contains("name=\"decision\"") || body.contains("Consent/Set")) {
                page = submit(page, null, Map.of("decision", decision));
            } else if (body.contains("<form") && body.contains("method=\"post\"") && !body.contains("passwd")) {
                page = submit(page, null, Map.of()); // form_post: the auto-submitting form
            } else {
                return page;
            }
        }
        throw new IllegalStateException("the sign-in did not finish within 10 pages");
    }

    private HttpResponse<String> submit(HttpResponse<String> page, URI action, Map<String, String> extra) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(page.body());
        while (m.find()) {
            fields.put(m.group(1), unescape(m.group(2)));
        }
        fields.putAll(extra);
        URI target = action;
        if (target == null) {
            Matcher a = ACTION.matcher(page.body());
            if (!a.find()) {
                throw new IllegalStateException("no form on the page " + page.uri().getPath());
            }
            target = page.uri().resolve(unescape(a.group(1)));
        }
        StringBuilder form = new StringBuilder();
        fields.forEach((k, v) -> form.append(form.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return send(HttpRequest.newBuilder(target).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    private HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return http.send(b.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Decodes the character references an HTML encoder writes: named ({@code &quot;}…) and numeric. */
    private static String unescape(String s) {
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String ref = m.group(1);
            String ch = switch (ref) {
                case "quot" -> "\"";
                case "apos" -> "'";
                case "lt" -> "<";
                case "gt" -> ">";
                case "amp" -> "&";
                default -> ref.startsWith("#x") || ref.startsWith("#X")
                        ? Character.toString(Integer.parseInt(ref.substring(2), 16))
                        : ref.startsWith("#") ? Character.toString(Integer.parseInt(ref.substring(1))) : m.group();
            };
            m.appendReplacement(out, Matcher.quoteReplacement(ch));
        }
        m.appendTail(out);
        return out.toString();
    }
}
