package dev.sluice.store;

import dev.sluice.store.internal.Checks;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The root URL of a Dataverse environment, normalised to {@code scheme://host[:port]} (lower case, no
 * trailing slash, no path). Immutable and thread-safe.
 *
 * <p>Accepted hosts (fact sheet A.1 and Microsoft's "Datacenter regions" / sovereign cloud docs):
 * <ul>
 *   <li>commercial: {@code https://{org}.crm{N}.dynamics.com} where {@code crm{N}} is {@code crm} or
 *       {@code crm2}…{@code crm99} (today's regions are crm…crm21; the list grows, so any two-digit region is
 *       accepted). GCC uses {@code crm9} and is covered by this form;
 *   <li>the same with the {@code api.} label: {@code https://{org}.api.crm{N}.dynamics.com};
 *   <li>US Government GCC High: {@code https://{org}.crm.microsoftdynamics.us};
 *   <li>US Government DoD: {@code https://{org}.crm.appsplatform.us};
 *   <li>China (21Vianet): {@code https://{org}.crm.dynamics.cn};
 *   <li>each sovereign host also with the {@code api.} label;
 *   <li>the emulator: {@code http://127.0.0.1:PORT} or {@code http://localhost:PORT} (port required), or
 *       {@code https://…} on the same hosts when it serves TLS ({@code --tls-cert});
 *   <li>for {@code business-central} connections, the Business Central API host
 *       {@code https://api.businesscentral.dynamics.com} (Microsoft's "API endpoint structure" page).
 * </ul>
 * An explicit port 443 on https is dropped; a path of {@code /}, {@code /api/data/v9.2} or similar is dropped.
 * Anything else (other hosts, query strings, user info, other paths, Germany's closed {@code crm.microsoftdynamics.de})
 * is refused with an example of a valid URL.
 *
 * @param uri the normalised root URL
 */
public record OrgUrl(URI uri) {
    /** Org label: a DNS label, 1–63 characters (RFC 1035 §2.3.4). */
    private static final String ORG = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    private static final Pattern COMMERCIAL =
            Pattern.compile("(" + ORG + ")\\.(?:api\\.)?crm(?:[2-9]|[1-9][0-9])?\\.dynamics\\.com");
    private static final Pattern US_GOVERNMENT =
            Pattern.compile("(" + ORG + ")\\.(?:api\\.)?crm\\.(?:microsoftdynamics|appsplatform)\\.us");
    private static final Pattern CHINA = Pattern.compile("(" + ORG + ")\\.(?:api\\.)?crm\\.dynamics\\.cn");
    /** Business Central's API host (Microsoft: "API endpoint structure", base URL {@code …/v2.0}). */
    private static final String BUSINESS_CENTRAL_HOST = "api.businesscentral.dynamics.com";
    /** The Business Central API, the service root of every {@code business-central} connection but the emulator's. */
    public static final OrgUrl BUSINESS_CENTRAL = new OrgUrl(URI.create("https://" + BUSINESS_CENTRAL_HOST));
    private static final Pattern WEB_API_PATH = Pattern.compile("/api/data/v\\d+\\.\\d+/?");
    private static final String EXAMPLE = "use e.g. https://contoso.crm4.dynamics.com (any crm{N} region, the "
            + "https://contoso.api.crm.dynamics.com form, crm.microsoftdynamics.us, crm.appsplatform.us, crm.dynamics.cn) "
            + "or http://127.0.0.1:PORT for the emulator";

    public OrgUrl {
        Checks.required(uri, "org URL");
        if (!uri.equals(normalise(uri.toString()))) {
            throw Checks.invalid("org URL '" + Checks.safe(uri) + "' is not normalised; build it with OrgUrl.parse(...)");
        }
    }

    /** Parses, checks and normalises an environment URL typed by a person. */
    public static OrgUrl parse(String url) {
        return new OrgUrl(normalise(url));
    }

    private static URI normalise(String url) {
        String text = Checks.text(url, "org URL", 2048);
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw Checks.invalid("org URL '" + Checks.safe(text) + "' is not a URL; " + EXAMPLE);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw Checks.invalid("org URL '" + Checks.safe(text) + "' has no scheme or host; " + EXAMPLE);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw Checks.invalid("org URL '" + Checks.safe(text) + "' must not have user info, a query string or a fragment; " + EXAMPLE);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        boolean businessCentral = uri.getHost().equalsIgnoreCase(BUSINESS_CENTRAL_HOST);
        if (!path.isEmpty() && !path.equals("/") && !WEB_API_PATH.matcher(path).matches()
                && !(businessCentral && path.matches("/v2\\.0/?"))) {
            throw Checks.invalid("org URL '" + Checks.safe(text) + "' has the path '" + path
                    + "'; give the environment root without a path; " + EXAMPLE);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if ((scheme.equals("http") || scheme.equals("https") && port > 0 && port != 443) && Checks.isLoopback(host)) {
            if (port <= 0) {
                throw Checks.invalid("org URL '" + Checks.safe(text) + "' needs the emulator's port, e.g. http://127.0.0.1:8080");
            }
            return URI.create(scheme + "://" + host + ":" + port);
        }
        if (!scheme.equals("https")) {
            throw Checks.invalid("org URL '" + Checks.safe(text) + "' must use https (http only for the emulator on 127.0.0.1 or localhost); " + EXAMPLE);
        }
        if (port != -1 && port != 443) {
            throw Checks.invalid("org URL '" + Checks.safe(text) + "' has port " + port + "; Dataverse listens on 443 only; " + EXAMPLE);
        }
        if (host.equals(BUSINESS_CENTRAL_HOST)) {
            return URI.create("https://" + host);
        }
        if (!COMMERCIAL.matcher(host).matches() && !US_GOVERNMENT.matcher(host).matches()
                && !CHINA.matcher(host).matches()) {
            throw Checks.invalid("org URL '" + Checks.safe(text) + "' is not a Dataverse environment host; " + EXAMPLE);
        }
        return URI.create("https://" + host);
    }

    /** Whether this is the emulator on loopback (http, or https when it serves TLS). */
    public boolean isLoopback() {
        return uri.getScheme().equals("http") || Checks.isLoopback(uri.getHost()) && uri.getPort() > 0;
    }

    /** Whether this is Business Central's API host (not the emulator, which serves both services). */
    public boolean isBusinessCentral() {
        return uri.getHost().equals(BUSINESS_CENTRAL_HOST);
    }

    /** The organisation label, e.g. {@code contoso}; for the emulator, the host. */
    public String org() {
        for (Pattern p : new Pattern[] {COMMERCIAL, US_GOVERNMENT, CHINA}) {
            Matcher m = p.matcher(uri.getHost());
            if (m.matches()) {
                return m.group(1);
            }
        }
        return uri.getHost();
    }

    /**
     * The identity platform this environment belongs to: China for {@code .dynamics.cn}, US Government for
     * {@code .us} hosts, the emulator itself on loopback, otherwise the global cloud (fact sheet F.1).
     */
    public Authority defaultAuthority() {
        String host = uri.getHost();
        if (isLoopback()) {
            return new Authority(uri);
        }
        if (CHINA.matcher(host).matches()) {
            return Authority.CHINA;
        }
        if (US_GOVERNMENT.matcher(host).matches()) {
            return Authority.US_GOVERNMENT;
        }
        return Authority.GLOBAL;
    }

    /** The Web API base for an API version, e.g. {@code https://contoso.crm.dynamics.com/api/data/v9.2/}. */
    public URI webApi(String apiVersion) {
        return URI.create(uri + "/api/data/v" + apiVersion + "/");
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
