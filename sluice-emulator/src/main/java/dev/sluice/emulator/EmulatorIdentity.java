package dev.sluice.emulator;

import dev.sluice.core.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a client needs to sign in against a running emulator: the authority, the default tenant, and
 * every app and user of the directory with their (demo) secrets and passwords. {@link #toString()}
 * shows no secret; {@link #toInfo()} reveals them for {@code --info-file}. Immutable and thread-safe.
 *
 * @param authority {@code http://127.0.0.1:PORT/{tenant id}}: append {@code /oauth2/v2.0/token} etc.
 * @param tenantId the default tenant's id
 * @param tenantDomain the default tenant's domain
 * @param apps app registrations of the default tenant
 * @param users users of the default tenant
 */
public record EmulatorIdentity(String authority, UUID tenantId, String tenantDomain, List<App> apps,
        List<User> users) {

    public EmulatorIdentity {
        apps = List.copyOf(apps);
        users = List.copyOf(users);
    }

    /**
     * An app registration.
     *
     * @param type {@code public} or {@code confidential}
     * @param certificatePrivateKeyPem PKCS#8 private key matching the registered certificate, when the
     *     emulator generated it (the built-in service principal), else null
     */
    public record App(UUID clientId, String name, String type, List<String> redirectUris, List<Secret> secrets,
            Secret certificatePrivateKeyPem, List<String> appRoles) {
        public App {
            redirectUris = List.copyOf(redirectUris);
            secrets = List.copyOf(secrets);
            appRoles = List.copyOf(appRoles);
        }
    }

    /** A user who can sign in. */
    public record User(String upn, String displayName, Secret password, UUID objectId, UUID systemUserId) {}

    /** The app with this display name. */
    public Optional<App> app(String name) {
        return apps.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The token endpoint: {@code {authority}/oauth2/v2.0/token}. */
    public String tokenEndpoint() {
        return authority + "/oauth2/v2.0/token";
    }

    /** The same information with every secret revealed, as plain maps and lists for a JSON info file. */
    public Map<String, Object> toInfo() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("authority", authority);
        out.put("tenantId", tenantId.toString());
        out.put("tenantDomain", tenantDomain);
        out.put("apps", apps.stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("clientId", a.clientId().toString());
            m.put("name", a.name());
            m.put("type", a.type());
            m.put("redirectUris", a.redirectUris());
            m.put("secrets", a.secrets().stream().map(Secret::reveal).toList());
            if (a.certificatePrivateKeyPem() != null) {
                m.put("certificatePrivateKeyPem", a.certificatePrivateKeyPem().reveal());
            }
            m.put("appRoles", a.appRoles());
            return m;
        }).toList());
        out.put("users", users.stream().map(u -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("upn", u.upn());
            m.put("displayName", u.displayName());
            m.put("password", u.password().reveal());
            m.put("objectId", u.objectId().toString());
            m.put("systemUserId", u.systemUserId().toString());
            return m;
        }).toList());
        return out;
    }
}
