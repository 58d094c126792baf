package dev.sluice.store;

import dev.sluice.store.internal.Checks;
import java.net.URI;
import java.util.Locale;

/**
 * The OAuth2 authority a connection signs in with: one of Microsoft's clouds or an explicit URL (another
 * OAuth2/OIDC server, or the emulator). Normalised: lower-case scheme and host, no trailing slash.
 * Immutable and thread-safe.
 *
 * @param url the authority's base URL, without the tenant
 */
public record Authority(URI url) {
    /** Microsoft Entra ID, global cloud (fact sheet F.1). */
    public static final Authority GLOBAL = new Authority(URI.create("https://login.microsoftonline.com"));
    /** Microsoft Entra ID for US Government (fact sheet F.1). */
    public static final Authority US_GOVERNMENT = new Authority(URI.create("https://login.microsoftonline.us"));
    /** Microsoft Entra ID operated by 21Vianet in China (fact sheet F.1). */
    public static final Authority CHINA = new Authority(URI.create("https://login.partner.microsoftonline.cn"));

    public Authority {
        Checks.endpoint(Checks.required(url, "authority"), "authority");
        if (url.getRawQuery() != null) {
            throw Checks.invalid("authority '" + Checks.safe(url) + "' must not have a query string");
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        url = URI.create(url.getScheme().toLowerCase(Locale.ROOT) + "://"
                + url.getHost().toLowerCase(Locale.ROOT) + port + path);
    }

    /**
     * An authority from a cloud name ({@code global}, {@code us-government}, {@code china}) or a URL (https, or
     * http on loopback).
     */
    public static Authority parse(String value) {
        String text = Checks.text(value, "authority", 2048);
        switch (text.toLowerCase(Locale.ROOT)) {
            case "global":
                return GLOBAL;
            case "us-government":
                return US_GOVERNMENT;
            case "china":
                return CHINA;
            default:
                return new Authority(Checks.uri(text, "authority"));
        }
    }

    /** Whether this is one of Microsoft's Entra ID clouds. */
    public boolean isMicrosoft() {
        return equals(GLOBAL) || equals(US_GOVERNMENT) || equals(CHINA);
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
