package dev.sluice.emulator.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorBuilder;
import dev.sluice.testclock.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw HTTP against the emulator's identity side, for wire tests: the JDK HttpClient, redirects never
 * followed (tests follow them by hand), a movable clock, and "browsers" that keep cookies.
 */
final class IdWire implements AutoCloseable {
    static final String TENANT = "7e1a5c3d-0d4b-4f6e-9a2c-5b8d1e3f7a90";
    static final String CLI = "0c5a1d2e-4b3f-4c6a-9d8e-1f2a3b4c5d6e";
    static final String WEB = "1d6b2e3f-5c4a-4d7b-8e9f-2a3b4c5d6e7f";
    static final String WEB_SECRET = "sluice-demo-web-secret";
    static final String SERVICE = "2e7c3f4a-6d5b-4e8c-9fa0-3b4c5d6e7f80";
    static final String SERVICE_SECRET = "sluice-demo-service-secret";
    static final String SERVICE_USER = "3f8d4a5b-7e6c-4f9d-a0b1-4c5d6e7f8091";
    static final String DANA = "dana@demo.sluice.dev";
    static final String DANA_SYSTEMUSER = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    static final String DANA_OID = "a1b2c3d4-e5f6-4789-9abc-def012345678";
    static final String SAM = "sam@demo.sluice.dev";
    static final String SAM_SYSTEMUSER = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e";
    static final String PASSWORD = "sluice-demo-password";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HIDDEN = Pattern.compile("name=\"([^\"]+)\" value=\"([^\"]*)\"");

    final Emulator emulator;
    final MutableClock clock = MutableClock.startingAt("2026-03-01T09:00:00Z");
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();

    private IdWire(UnaryOperator<EmulatorBuilder> options) {
        this.emulator = options.apply(Emulator.builder().clock(clock)).start();
    }

    static IdWire start() {
        return new IdWire(b -> b);
    }

    static IdWire start(UnaryOperator<EmulatorBuilder> options) {
        return new IdWire(options);
    }

    String base() {
        return emulator.baseUrl();
    }

    String org() {
        return emulator.orgUrl();
    }

    String tenantUrl(String path) {
        return base() + "/" + TENANT + path;
    }

    HttpResponse<String> token(String... pairs) {
        return postForm(tenantUrl("/oauth2/v2.0/token"), form(pairs));
    }

    HttpResponse<String> postForm(String url, String body, String... headers) {
        return send(http, "POST", url, body, "application/x-www-form-urlencoded", headers);
    }

    HttpResponse<String> get(String url, String... headers) {
        return send(http, "GET", url, null, null, headers);
    }

    HttpResponse<String> whoAmI(String accessToken) {
        return get(emulator.webApiUrl() + "WhoAmI", "Authorization", "Bearer " + accessToken);
    }

    /** A client-credentials access token of the built-in service principal. */
    String serviceToken() {
        return json(token("grant_type", "client_credentials", "client_id", SERVICE, "client_secret", SERVICE_SECRET,
                "scope", org() + "/.default")).get("access_token").asText();
    }

    /** Signs Dana in with the CLI app (PKCE-less, loopback) and redeems the code: the token response. */
    JsonNode delegatedTokens(String user, String scope) {
        String redirect = "http://127.0.0.1:5000/";
        Browser b = browser();
        HttpResponse<String> page = b.signIn(b.get(authorizeUrl("client_id", CLI, "response_type", "code",
                "redirect_uri", redirect, "scope", scope)), user);
        HttpResponse<String> done = page.statusCode() == 302 ? page : b.consent(page, "accept");
        String code = params(done.headers().firstValue("Location").orElseThrow()).get("code");
        return json(token("grant_type", "authorization_code", "client_id", CLI, "code", code, "redirect_uri",
                redirect));
    }

    /** A browser: an HTTP client that keeps cookies and does not follow redirects. */
    Browser browser() {
        return new Browser(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new CookieManager()).build());
    }

    /** A browser's cookie jar and the pages it saw. */
    final class Browser {
        final HttpClient client;

        Browser(HttpClient client) {
            this.client = client;
        }

        HttpResponse<String> get(String url) {
            return send(client, "GET", url, null, null);
        }

        HttpResponse<String> post(String url, String body) {
            return send(client, "POST", url, body, "application/x-www-form-urlencoded");
        }

        /** Submits the form of a page (its hidden fields plus {@code extra}) to {@code path}. */
        HttpResponse<String> submit(HttpResponse<String> page, String path, String... extra) {
            Map<String, String> fields = hidden(page.body());
            for (int i = 0; i + 1 < extra.length; i += 2) {
                fields.put(extra[i], extra[i + 1]);
            }
            return post(base() + path, form(fields));
        }

        /** Signs in on a sign-in page with the demo password. */
        HttpResponse<String> signIn(HttpResponse<String> page, String upn) {
            return submit(page, "/" + TENANT + "/login", "loginfmt", upn, "passwd", PASSWORD);
        }

        HttpResponse<String> consent(HttpResponse<String> page, String decision) {
            Map<String, String> fields = hidden(page.body());
            fields.remove("decision");
            fields.put("decision", decision);
            return post(base() + "/" + TENANT + "/Consent/Set", form(fields));
        }
    }

    /** An authorize URL for the CLI app (public client, loopback redirect). */
    String authorizeUrl(String... pairs) {
        return tenantUrl("/oauth2/v2.0/authorize?" + form(pairs));
    }

    static HttpResponse<String> send(HttpClient client, String method, String url, String body, String contentType,
            String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String form(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return form(m);
    }

    static String form(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return sb.toString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The hidden fields of an HTML page, unescaped. */
    static Map<String, String> hidden(String html) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            out.put(m.group(1), m.group(2).replace("&quot;", "\"").replace("&#34;", "\"").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&#39;", "'").replace("&amp;", "&"));
        }
        return out;
    }

    /** The query (or fragment) parameters of a redirect {@code Location}. */
    static Map<String, String> params(String location) {
        int q = location.indexOf('?') >= 0 ? location.indexOf('?') : location.indexOf('#');
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : location.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + r.body(), e);
        }
    }

    static JWTClaimsSet claims(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        emulator.close();
    }
}
