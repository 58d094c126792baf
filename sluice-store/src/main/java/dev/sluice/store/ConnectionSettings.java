package dev.sluice.store;

import dev.sluice.store.internal.Checks;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Everything a person configures on a connection, none of it secret. Nulls get defaults: type
 * {@code dataverse}, API version {@code 9.2}, the org URL's cloud as authority, {@link ConnectionOptions#DEFAULTS}.
 * Immutable and thread-safe.
 *
 * @param name unique name: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, 1–63 chars
 * @param type the kind of system
 * @param orgUrl the Dataverse environment
 * @param apiVersion Web API version, e.g. {@code 9.2}
 * @param authority where to sign in
 * @param tenant Entra tenant (GUID, domain, {@code organizations}, {@code common}, {@code consumers}), or null
 *     when the authority or endpoints need none
 * @param auth the auth method and its non-secret settings
 * @param options optional behaviour
 * @param businessCentral for {@code business-central} connections: environment and company (required); null
 *     for Dataverse. A Business Central connection's org URL is the API host (default
 *     {@link OrgUrl#BUSINESS_CENTRAL}, or the emulator), its API version {@code 2.0}, and its tenant is required
 */
public record ConnectionSettings(
        String name,
        ConnectionType type,
        OrgUrl orgUrl,
        String apiVersion,
        Authority authority,
        String tenant,
        AuthSettings auth,
        ConnectionOptions options,
        BusinessCentralSettings businessCentral) {
    /** Connection names: safe in URLs, file names and CLI arguments; 63 = one DNS label. */
    public static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,62}$");
    /** Fact sheet A.1: the current Web API version is v9.2. */
    public static final String DEFAULT_API_VERSION = "9.2";
    private static final Pattern API_VERSION = Pattern.compile("\\d{1,2}\\.\\d{1,2}");
    /** A tenant id: GUID, verified domain, or common/organizations/consumers (fact sheet F.1). */
    private static final Pattern TENANT = Pattern.compile("[a-z0-9](?:[a-z0-9.-]{0,252}[a-z0-9])?");

    public ConnectionSettings {
        checkName(name);
        type = type == null ? ConnectionType.DATAVERSE : type;
        boolean bc = type == ConnectionType.BUSINESS_CENTRAL;
        orgUrl = orgUrl == null && bc ? OrgUrl.BUSINESS_CENTRAL : orgUrl;
        Checks.required(orgUrl, "org URL");
        apiVersion = apiVersion == null ? (bc ? BUSINESS_CENTRAL_API_VERSION : DEFAULT_API_VERSION) : apiVersion.strip();
        if (apiVersion.startsWith("v")) {
            apiVersion = apiVersion.substring(1);
        }
        if (!API_VERSION.matcher(apiVersion).matches()) {
            throw Checks.invalid("API version '" + apiVersion + "' is not valid; use the form 9.2");
        }
        authority = authority == null ? orgUrl.defaultAuthority() : authority;
        if (tenant != null) {
            tenant = tenant.strip().toLowerCase(Locale.ROOT);
            if (!TENANT.matcher(tenant).matches()) {
                throw Checks.invalid("tenant '" + tenant + "' is not valid; use the tenant GUID, its domain "
                        + "(contoso.onmicrosoft.com), organizations, common or consumers");
            }
        }
        Checks.required(auth, "auth settings");
        options = options == null ? ConnectionOptions.DEFAULTS : options;
        checkKind(type, orgUrl, apiVersion, tenant, businessCentral);
    }

    /** Fact sheet A.1 settings: everything but Business Central's environment and company. */
    public ConnectionSettings(String name, ConnectionType type, OrgUrl orgUrl, String apiVersion, Authority authority,
            String tenant, AuthSettings auth, ConnectionOptions options) {
        this(name, type, orgUrl, apiVersion, authority, tenant, auth, options, null);
    }

    /** Business Central API v2.0 (Microsoft: "API endpoint structure"). */
    public static final String BUSINESS_CENTRAL_API_VERSION = "2.0";

    private static void checkKind(ConnectionType type, OrgUrl orgUrl, String apiVersion, String tenant,
            BusinessCentralSettings businessCentral) {
        if (type == ConnectionType.DATAVERSE) {
            if (orgUrl.isBusinessCentral()) {
                throw Checks.invalid("org URL '" + orgUrl + "' is Business Central's API, not a Dataverse environment; "
                        + "add it as a connection of kind business-central");
            }
            if (businessCentral != null) {
                throw Checks.invalid("environment and company apply only to connections of kind business-central");
            }
            return;
        }
        if (!orgUrl.isBusinessCentral() && !orgUrl.isLoopback()) {
            throw Checks.invalid("a business-central connection reaches " + OrgUrl.BUSINESS_CENTRAL
                    + " (or the emulator on 127.0.0.1), not '" + orgUrl + "'; leave the URL out for the default");
        }
        if (!apiVersion.equals(BUSINESS_CENTRAL_API_VERSION)) {
            throw Checks.invalid("Business Central API version must be 2.0, got " + apiVersion);
        }
        if (tenant == null || tenant.equals("common") || tenant.equals("organizations") || tenant.equals("consumers")) {
            throw Checks.invalid("a business-central connection needs its tenant (the Entra tenant GUID or domain, "
                    + "e.g. contoso.onmicrosoft.com): the API's URL names it");
        }
        if (businessCentral == null) {
            throw Checks.invalid("a business-central connection needs its environment (e.g. production or sandbox) "
                    + "and company (a name, an id, or all)");
        }
    }

    /** A connection with defaults for everything but its name, org URL and auth. */
    public static ConnectionSettings of(String name, OrgUrl orgUrl, AuthSettings auth) {
        return new ConnectionSettings(name, null, orgUrl, null, null, null, auth, null);
    }

    /** Checks a connection name; the error says what is allowed. */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw Checks.invalid("connection name '" + (name == null ? "" : name.replaceAll("\\p{Cntrl}", "?"))
                    + "' is not valid: use 1-63 lower-case letters, digits, '.', '_' or '-', starting with a letter "
                    + "or digit (e.g. contoso-prod)");
        }
        return name;
    }

    /**
     * Where this connection's client secret or certificate assertion goes, as one comparable text: its explicit
     * token endpoint, else its OIDC discovery URL (whose document names the endpoint), else its authority and tenant
     * (Microsoft's {@code {authority}/{tenant}/oauth2/v2.0/token}). A stored secret is bound to this value.
     */
    public String secretDestination() {
        if (auth.tokenEndpoint() != null) {
            return auth.tokenEndpoint().toString();
        }
        if (auth.discoveryUrl() != null) {
            return "discovery " + auth.discoveryUrl();
        }
        return authority + "/" + (tenant == null ? "organizations" : tenant);
    }

    /** A copy with this name. */
    public ConnectionSettings withName(String newName) {
        return new ConnectionSettings(newName, type, orgUrl, apiVersion, authority, tenant, auth, options, businessCentral);
    }

    /** A copy with this org URL; the authority is kept. */
    public ConnectionSettings withOrgUrl(OrgUrl url) {
        return new ConnectionSettings(name, type, url, apiVersion, authority, tenant, auth, options, businessCentral);
    }

    /** A copy with this authority and tenant. */
    public ConnectionSettings withAuthority(Authority newAuthority, String newTenant) {
        return new ConnectionSettings(name, type, orgUrl, apiVersion, newAuthority, newTenant, auth, options, businessCentral);
    }

    /** A copy with this API version. */
    public ConnectionSettings withApiVersion(String version) {
        return new ConnectionSettings(name, type, orgUrl, version, authority, tenant, auth, options, businessCentral);
    }

    /** A copy with these auth settings. */
    public ConnectionSettings withAuth(AuthSettings newAuth) {
        return new ConnectionSettings(name, type, orgUrl, apiVersion, authority, tenant, newAuth, options, businessCentral);
    }

    /** A copy with this Business Central environment and company. */
    public ConnectionSettings withBusinessCentral(BusinessCentralSettings settings) {
        return new ConnectionSettings(name, type, orgUrl, apiVersion, authority, tenant, auth, options, settings);
    }

    /** A copy with these options. */
    public ConnectionSettings withOptions(ConnectionOptions newOptions) {
        return new ConnectionSettings(name, type, orgUrl, apiVersion, authority, tenant, auth, newOptions, businessCentral);
    }
}
