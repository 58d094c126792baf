package dev.sluice.cli;

import dev.sluice.core.Secret;
import dev.sluice.store.AuthMethod;
import dev.sluice.store.AuthSettings;
import dev.sluice.store.Authority;
import dev.sluice.store.BusinessCentralSettings;
import dev.sluice.store.CallbackMode;
import dev.sluice.store.Connection;
import dev.sluice.store.ConnectionOptions;
import dev.sluice.store.ConnectionSettings;
import dev.sluice.store.ConnectionType;
import dev.sluice.store.OrgUrl;
import dev.sluice.store.SecretStore;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Option;

/**
 * The settings {@code connection add} and {@code connection edit} take; every option is optional here so that
 * edit changes only what is given. Secrets come from {@code --client-secret-env}, {@code --client-secret-file}
 * or the hidden prompt, never from an argument. Not thread-safe.
 */
final class ConnectionFields {
    @Option(names = "--kind", paramLabel = "KIND",
            description = "dataverse (the default) or business-central.")
    String kind;

    @Option(names = "--environment", paramLabel = "NAME",
            description = "Business Central: the environment, e.g. production (the default) or sandbox.")
    String environment;

    @Option(names = "--company", paramLabel = "NAME|ID|all",
            description = "Business Central: the company by name or id, or all (every company; rows carry companyId).")
    String company;

    @Option(names = "--org-url", paramLabel = "URL",
            description = "The environment, e.g. https://contoso.crm4.dynamics.com (http://127.0.0.1:PORT for the emulator).")
    String orgUrl;

    @Option(names = "--auth", paramLabel = "METHOD", description = "authorization-code (browser, the default), "
            + "client-secret, client-certificate, device-code or static-token.")
    String auth;

    @Option(names = "--client-id", paramLabel = "ID", description = "The application (client) id.")
    String clientId;

    @Option(names = "--tenant", paramLabel = "TENANT",
            description = "Entra tenant id or domain (contoso.onmicrosoft.com), or organizations.")
    String tenant;

    @Option(names = "--authority", paramLabel = "AUTHORITY",
            description = "global, us-government, china, or an OAuth2 server URL (default: the org URL's cloud).")
    String authority;

    @Option(names = "--api-version", paramLabel = "VERSION", description = "Web API version (default 9.2).")
    String apiVersion;

    @Option(names = "--scopes", split = ",", paramLabel = "SCOPE", description = "Scopes to ask for (default: Dataverse's).")
    List<String> scopes;

    @Option(names = "--token-endpoint", paramLabel = "URL", description = "An explicit token endpoint.")
    URI tokenEndpoint;

    @Option(names = "--authorize-endpoint", paramLabel = "URL", description = "An explicit authorization endpoint.")
    URI authorizeEndpoint;

    @Option(names = "--discovery-url", paramLabel = "URL", description = "An OIDC discovery URL instead of endpoints.")
    URI discoveryUrl;

    @Option(names = "--client-secret-env", paramLabel = "NAME",
            description = "Read the client secret from this environment variable.")
    String clientSecretEnv;

    @Option(names = "--client-secret-file", paramLabel = "FILE", description = "Read the client secret from this file.")
    Path clientSecretFile;

    @Option(names = "--certificate-key-file", paramLabel = "FILE",
            description = "PEM private key (PKCS#8) of the client certificate (client-certificate).")
    Path certificateKeyFile;

    @Option(names = "--certificate-file", paramLabel = "FILE", description = "PEM X.509 certificate (optional).")
    Path certificateFile;

    @Option(names = "--read-only", negatable = true, description = "Refuse writes through this connection.")
    Boolean readOnly;

    @Option(names = "--page-size", paramLabel = "ROWS", description = "Rows per page when reading, 1..5000.")
    Integer pageSize;

    @Option(names = "--max-concurrency", paramLabel = "N", description = "Parallel requests, 1..52.")
    Integer maxConcurrency;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Request timeout in seconds (default 240).")
    Integer timeoutSeconds;

    @Option(names = "--impersonate", paramLabel = "OBJECT_ID", description = "Entra object id of a user to act as.")
    UUID impersonate;

    /** Settings for a new connection (base null) or the edited settings of an existing one. */
    ConnectionSettings apply(String name, ConnectionSettings base) {
        ConnectionType type = kind != null ? ConnectionType.fromWireName(kind)
                : base == null ? ConnectionType.DATAVERSE : base.type();
        boolean bc = type == ConnectionType.BUSINESS_CENTRAL;
        OrgUrl url = orgUrl != null ? OrgUrl.parse(orgUrl) : base == null || base.type() != type ? null : base.orgUrl();
        if (url == null && !bc) {
            throw new IllegalArgumentException("--org-url is required: the environment, e.g. "
                    + "https://contoso.crm4.dynamics.com");
        }
        AuthSettings a = base == null ? null : base.auth();
        AuthMethod method = auth != null ? AuthMethod.fromWireName(auth)
                : a == null ? AuthMethod.AUTHORIZATION_CODE : a.method();
        boolean sameMethod = a != null && a.method() == method;
        String id = clientId != null ? clientId : a == null ? null : a.clientId();
        List<String> sc = scopes != null ? scopes : a == null ? List.of() : a.scopes();
        CallbackMode callback = method == AuthMethod.AUTHORIZATION_CODE
                ? (sameMethod ? a.callbackMode() : CallbackMode.LOOPBACK) : null;
        URI redirect = method == AuthMethod.AUTHORIZATION_CODE && sameMethod ? a.redirectUri() : null;
        URI token = tokenEndpoint != null ? tokenEndpoint : a == null || discoveryUrl != null ? null : a.tokenEndpoint();
        URI authorize = authorizeEndpoint != null ? authorizeEndpoint
                : a == null || discoveryUrl != null ? null : a.authorizeEndpoint();
        URI discovery = discoveryUrl != null ? discoveryUrl
                : a == null || tokenEndpoint != null ? null : a.discoveryUrl();
        AuthSettings authSettings = new AuthSettings(method, id, sc, callback, redirect, authorize, token, discovery);
        Authority auth0 = authority != null ? Authority.parse(authority)
                : base == null || orgUrl != null ? null : base.authority();
        String tenant0 = tenant != null ? tenant : base == null ? null : base.tenant();
        ConnectionOptions o = base == null ? ConnectionOptions.DEFAULTS : base.options();
        if (readOnly != null) {
            o = o.withReadOnly(readOnly);
        }
        if (pageSize != null) {
            o = o.withPageSize(pageSize);
        }
        if (maxConcurrency != null) {
            o = o.withMaxConcurrency(maxConcurrency);
        }
        if (timeoutSeconds != null) {
            o = o.withRequestTimeout(Duration.ofSeconds(timeoutSeconds));
        }
        if (impersonate != null) {
            o = o.withImpersonate(impersonate);
        }
        if (!bc && (environment != null || company != null)) {
            throw new IllegalArgumentException("--environment and --company apply to --kind business-central");
        }
        BusinessCentralSettings place = null;
        if (bc) {
            BusinessCentralSettings was = base == null ? null : base.businessCentral();
            place = new BusinessCentralSettings(environment != null ? environment : was == null ? null
                    : was.environment(), company != null ? company : was == null ? null : was.company());
        }
        return new ConnectionSettings(name, type, url, apiVersion != null ? apiVersion
                : base == null || base.type() != type ? null : base.apiVersion(), auth0, tenant0, authSettings, o, place);
    }

    /** Says which hosts {@code add} or {@code edit} put on the store's outbound allowlist. */
    static void sayAllowed(PrintWriter out, List<String> hosts) {
        hosts.forEach(h -> out.println("Allowed outbound requests to " + h + " in this store's allowlist."));
    }

    /** Reads the secrets the method needs before anything is stored (prompting when asked to). */
    Secrets readSecrets(CliEnvironment env, AuthMethod method, boolean creating) {
        Secret secret = SecretInput.read(env, "client secret", clientSecretEnv, clientSecretFile,
                creating && method == AuthMethod.CLIENT_SECRET);
        Secret key = certificateKeyFile == null ? null
                : Secret.of(SecretInput.readFile(certificateKeyFile, "certificate private key"));
        if (creating && method == AuthMethod.CLIENT_CERTIFICATE && key == null) {
            throw new IllegalArgumentException("auth method client-certificate needs --certificate-key-file FILE "
                    + "(the PEM private key of the registered certificate)");
        }
        Secret cert = certificateFile == null ? null : Secret.of(SecretInput.readFile(certificateFile, "certificate"));
        return new Secrets(secret, key, cert);
    }

    /** The secrets read for a connection; {@link #toString()} shows none. */
    record Secrets(Secret clientSecret, Secret certificateKey, Secret certificate) {
        void store(Engine engine, Connection c) {
            SecretStore secrets = engine.store().secrets();
            if (clientSecret != null) {
                secrets.put(c.id(), SecretStore.CLIENT_SECRET, clientSecret, engine.actor());
            }
            if (certificateKey != null) {
                secrets.put(c.id(), SecretStore.CERTIFICATE_PRIVATE_KEY, certificateKey, engine.actor());
            }
            if (certificate != null) {
                secrets.put(c.id(), SecretStore.CERTIFICATE, certificate, engine.actor());
            }
        }

        /** The given secrets by store name, for an update that stores them with the settings. */
        java.util.Map<String, Secret> byName() {
            java.util.Map<String, Secret> out = new java.util.LinkedHashMap<>();
            if (clientSecret != null) {
                out.put(SecretStore.CLIENT_SECRET, clientSecret);
            }
            if (certificateKey != null) {
                out.put(SecretStore.CERTIFICATE_PRIVATE_KEY, certificateKey);
            }
            if (certificate != null) {
                out.put(SecretStore.CERTIFICATE, certificate);
            }
            return out;
        }

        @Override
        public String toString() {
            return "Secrets[***]";
        }
    }
}
