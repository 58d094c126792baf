package dev.sluice.emulator.internal.identity;

import dev.sluice.emulator.internal.identity.directory.AppRegistration;
import dev.sluice.emulator.internal.identity.directory.Tenant;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The scopes of a request, resolved against the emulated org: the resource (the org URL, or null when
 * only OpenID Connect scopes were asked, which the real service answers with a Microsoft Graph token),
 * its permissions, and the OpenID Connect scopes. Immutable.
 *
 * @param resource the org URL the token is for ({@code aud}), without a trailing slash, or null
 * @param permissions resource permissions, e.g. {@code user_impersonation} (never {@code .default})
 * @param oidc {@code openid}, {@code profile}, {@code email}, {@code offline_access} as asked
 */
public record Scopes(String resource, List<String> permissions, Set<String> oidc) {
    /** Scopes that belong to OpenID Connect rather than to a resource. */
    static final Set<String> OIDC = Set.of("openid", "profile", "email", "offline_access");
    /** The one delegated permission of the Dynamics CRM API (fact sheet §F.4). */
    static final String USER_IMPERSONATION = "user_impersonation";
    /** The Dynamics CRM API's app id, accepted in place of the org URL (fact sheet §F.4). */
    static final String DYNAMICS_APP_ID = "00000007-0000-0000-c000-000000000000";
    /** Business Central's API resource (Microsoft: "Business Central API endpoint structure"; its scopes are
     * {@code https://api.businesscentral.dynamics.com/user_impersonation} and {@code …/.default}). */
    public static final String BUSINESS_CENTRAL = "https://api.businesscentral.dynamics.com";
    /** Business Central's delegated permissions besides {@code user_impersonation}. */
    static final String FINANCIALS = "Financials.ReadWrite.All";
    /** Microsoft Graph's app id: the audience of tokens asked with OpenID Connect scopes only. */
    static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

    public Scopes {
        permissions = List.copyOf(permissions);
        oidc = Set.copyOf(oidc);
    }

    /**
     * Parses a space-separated {@code scope} for a user (delegated) flow. {@code .default} stands for
     * the app's configured permissions. Throws {@link AadError} for an unknown resource or permission.
     */
    static Scopes delegated(String raw, String origin, Tenant tenant, AppRegistration app) {
        Set<String> oidc = new LinkedHashSet<>();
        Set<String> perms = new LinkedHashSet<>();
        String resource = null;
        for (String item : split(raw)) {
            if (OIDC.contains(item.toLowerCase(Locale.ROOT))) {
                oidc.add(item.toLowerCase(Locale.ROOT));
                continue;
            }
            int slash = item.lastIndexOf('/');
            String res = slash < 0 ? "https://graph.microsoft.com" : item.substring(0, slash);
            String perm = slash < 0 ? item : item.substring(slash + 1);
            String org = orgResource(res, origin, tenant);
            if (resource != null && !resource.equals(org)) {
                throw AadError.of("invalid_scope", 700022, "The provided value for the input parameter scope is not"
                        + " valid because it contains more than one resource. Scope " + raw + " is not valid.");
            }
            resource = org;
            if (perm.equals(".default")) {
                if (app.permissions().isEmpty()) {
                    throw AadError.of("invalid_scope", 70011, "The provided value for the input parameter 'scope' is"
                            + " not valid. The app '" + app.clientId() + "' is configured with no permission on the"
                            + " resource, so '" + item + "' grants nothing.");
                }
                perms.addAll(app.permissions());
            } else if (perm.equals(USER_IMPERSONATION) || (org.equals(BUSINESS_CENTRAL) && perm.equals(FINANCIALS))) {
                perms.add(perm);
            } else {
                throw AadError.of("invalid_scope", 650053, "The application '" + app.name() + "' asked for scope '"
                        + perm + "' that doesn't exist on the resource '" + DYNAMICS_APP_ID + "'. Contact the app"
                        + " vendor.");
            }
        }
        if (resource == null && oidc.isEmpty()) {
            throw AadError.missing("scope");
        }
        return new Scopes(resource, new ArrayList<>(perms), oidc);
    }

    /** Parses the client credentials {@code scope}: exactly one {@code {resource}/.default}. */
    static Scopes application(String raw, String origin, Tenant tenant) {
        List<String> items = split(raw);
        if (items.size() != 1 || !items.get(0).endsWith("/.default")) {
            throw AadError.of("invalid_scope", 1002012, "The provided value for scope " + raw + " is not valid."
                    + " Client credential flows must have a scope value with /.default suffixed to the resource"
                    + " identifier (application ID URI).");
        }
        String item = items.get(0);
        String org = orgResource(item.substring(0, item.length() - "/.default".length()), origin, tenant);
        return new Scopes(org, List.of(), Set.of());
    }

    /** Whether an OpenID Connect scope was asked. */
    boolean has(String oidcScope) {
        return oidc.contains(oidcScope);
    }

    /** The {@code scope} of a token response: {@code http://127.0.0.1:PORT/user_impersonation}. */
    String grantedScope() {
        if (resource == null) {
            return "User.Read profile openid email";
        }
        List<String> out = new ArrayList<>();
        permissions.forEach(p -> out.add(resource + "/" + p));
        return String.join(" ", out);
    }

    /** Every scope a user consents to, for the consent record. */
    Set<String> consentItems() {
        Set<String> all = new LinkedHashSet<>(permissions);
        all.addAll(oidc);
        return all;
    }

    /** The same scopes with {@code offline_access} added. */
    Scopes withOfflineAccess() {
        Set<String> o = new LinkedHashSet<>(oidc);
        o.add("offline_access");
        return new Scopes(resource, permissions, o);
    }

    private static List<String> split(String raw) {
        List<String> out = new ArrayList<>();
        for (String s : raw.trim().split("\\s+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        if (out.isEmpty()) {
            throw AadError.missing("scope");
        }
        return out;
    }

    /**
     * The org URL a scope's resource names: the emulator's origin, reached as 127.0.0.1 or localhost
     * on its port, or the Dynamics CRM app id. Anything else is a resource this tenant does not have.
     */
    private static String orgResource(String res, String origin, Tenant tenant) {
        if (res.equalsIgnoreCase(DYNAMICS_APP_ID)) {
            return origin;
        }
        String trimmed = res.endsWith("/") ? res.substring(0, res.length() - 1) : res;
        if (trimmed.equalsIgnoreCase(BUSINESS_CENTRAL)) {
            return BUSINESS_CENTRAL;
        }
        if (Origins.sameServer(trimmed, origin)) {
            return trimmed.toLowerCase(Locale.ROOT);
        }
        throw AadError.of("invalid_resource", 500011, "The resource principal named " + res + " was not found in"
                + " the tenant named " + tenant.name() + ". This can happen if the application has not been installed"
                + " by the administrator of the tenant or consented to by any user in the tenant. You might have sent"
                + " your authentication request to the wrong tenant.");
    }

    static boolean isUri(String s) {
        try {
            return URI.create(s).getScheme() != null;
        } catch (IllegalArgumentException e) {
            // not a URI: a plain scope name
            return false;
        }
    }
}
