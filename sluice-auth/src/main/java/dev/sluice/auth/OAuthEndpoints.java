package dev.sluice.auth;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.net.URI;
import java.util.Objects;

/**
 * Where an OAuth2 / OIDC server takes authorization, token and device-code requests. Built for
 * Microsoft's identity platform from an authority and tenant, from an OIDC discovery document, or
 * from explicit URLs. Immutable.
 *
 * @param deviceAuthorization device authorization endpoint, or null when the server has none
 */
public record OAuthEndpoints(URI authorization, URI token, URI deviceAuthorization) {
    /** Microsoft global cloud authority. */
    public static final URI MICROSOFT_GLOBAL = URI.create("https://login.microsoftonline.com");

    public OAuthEndpoints {
        Objects.requireNonNull(authorization, "authorization endpoint");
        Objects.requireNonNull(token, "token endpoint");
        requireHttp(authorization);
        requireHttp(token);
        if (deviceAuthorization != null) {
            requireHttp(deviceAuthorization);
        }
    }

    /**
     * Microsoft identity platform v2.0 endpoints: {@code {authority}/{tenant}/oauth2/v2.0/authorize},
     * {@code …/token}, {@code …/devicecode}. The authority is e.g. {@code https://login.microsoftonline.com}
     * (or the emulator's {@code http://127.0.0.1:PORT}).
     */
    public static OAuthEndpoints microsoft(URI authority, String tenant) {
        if (tenant == null || !tenant.matches("[A-Za-z0-9.-]{1,100}")) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "tenant '" + tenant
                    + "' must be a tenant id (GUID), a domain such as contoso.onmicrosoft.com, or organizations");
        }
        String base = authority.toString().replaceAll("/+$", "") + "/" + tenant + "/oauth2/v2.0/";
        return new OAuthEndpoints(URI.create(base + "authorize"), URI.create(base + "token"),
                URI.create(base + "devicecode"));
    }

    private static void requireHttp(URI u) {
        String scheme = u.getScheme();
        boolean loopback = "http".equals(scheme) && ("127.0.0.1".equals(u.getHost()) || "localhost".equals(u.getHost()));
        if (!"https".equals(scheme) && !loopback) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "OAuth endpoint " + u.getScheme() + "://" + u.getHost()
                    + " must use https (plain http is allowed only on 127.0.0.1/localhost)");
        }
    }
}
