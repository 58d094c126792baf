package dev.sluice.emulator.internal.identity.directory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.Secret;
import dev.sluice.emulator.internal.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads an identity directory from YAML (format in {@code README-identity.md}); every error names the
 * file and the path inside it, e.g. {@code tenants[0].apps[1].clientId}. Stateless.
 */
public final class DirectoryFile {
    private static final Set<String> TENANT_FIELDS = Set.of("id", "domain", "name", "apps", "users");
    private static final Set<String> APP_FIELDS = Set.of("clientId", "name", "type", "redirectUris", "secrets",
            "certificate", "permissions", "appRoles", "applicationUserId");
    private static final Set<String> USER_FIELDS =
            Set.of("upn", "givenName", "surname", "password", "objectId", "systemUserId");

    private DirectoryFile() {}

    public static Directory read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the directory file " + file, e);
        }
    }

    public static Directory read(InputStream in, String source) {
        try (in) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the directory " + source, e);
        }
    }

    static Directory parse(String yaml, String source) {
        JsonNode root;
        try {
            root = Json.YAML.readTree(yaml);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("directory " + source + ": not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("tenants").isArray()) {
            throw new IllegalArgumentException("directory " + source + ": expected a top-level 'tenants' list");
        }
        List<Tenant> tenants = new ArrayList<>();
        JsonNode list = root.get("tenants");
        for (int i = 0; i < list.size(); i++) {
            String path = "tenants[" + i + "]";
            JsonNode node = list.get(i);
            tenants.add(at(source, path, () -> tenant(source, path, node)));
        }
        return at(source, "tenants", () -> new Directory(tenants));
    }

    private static Tenant tenant(String source, String path, JsonNode n) {
        known(n, TENANT_FIELDS);
        List<AppRegistration> apps = new ArrayList<>();
        JsonNode a = n.path("apps");
        for (int i = 0; i < a.size(); i++) {
            String p = path + ".apps[" + i + "]";
            JsonNode node = a.get(i);
            apps.add(at(source, p, () -> app(node)));
        }
        List<DirectoryUser> users = new ArrayList<>();
        JsonNode u = n.path("users");
        for (int i = 0; i < u.size(); i++) {
            String p = path + ".users[" + i + "]";
            JsonNode node = u.get(i);
            users.add(at(source, p, () -> user(node)));
        }
        return new Tenant(uuid(n, "id", true), text(n, "domain"), text(n, "name"), apps, users);
    }

    private static AppRegistration app(JsonNode n) {
        known(n, APP_FIELDS);
        String type = n.path("type").asText("public");
        if (!type.equals("public") && !type.equals("confidential")) {
            throw new IllegalArgumentException("type must be 'public' or 'confidential', got '" + type + "'");
        }
        List<ClientSecret> secrets = new ArrayList<>();
        for (JsonNode s : n.path("secrets")) {
            if (s.isTextual()) {
                secrets.add(new ClientSecret(Secret.of(s.asText()), null));
            } else {
                String expires = text(s, "expires");
                secrets.add(new ClientSecret(Secret.of(s.path("value").asText("")),
                        expires == null ? null : Instant.parse(expires)));
            }
        }
        String cert = text(n, "certificate");
        UUID clientId = uuid(n, "clientId", true);
        List<String> roles = strings(n.path("appRoles"));
        UUID appUser = uuid(n, "applicationUserId", false);
        if (appUser == null && !roles.isEmpty()) {
            appUser = UUID.nameUUIDFromBytes(("sluice-application-user:" + clientId).getBytes(StandardCharsets.UTF_8));
        }
        return new AppRegistration(clientId, text(n, "name"), type.equals("public"), strings(n.path("redirectUris")),
                secrets, cert == null ? null : PemKeys.publicKey(cert), strings(n.path("permissions")), roles, appUser);
    }

    private static DirectoryUser user(JsonNode n) {
        known(n, USER_FIELDS);
        String password = text(n, "password");
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("missing 'password'");
        }
        UUID oid = uuid(n, "objectId", true);
        UUID su = uuid(n, "systemUserId", false);
        if (su == null) {
            su = UUID.nameUUIDFromBytes(("sluice-systemuser:" + oid).getBytes(StandardCharsets.UTF_8));
        }
        return new DirectoryUser(text(n, "upn"), text(n, "givenName"), text(n, "surname"), Secret.of(password), oid,
                su);
    }

    private static void known(JsonNode n, Set<String> fields) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("expected a mapping");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) {
                throw new IllegalArgumentException("unknown field '" + f + "' (known: " + new java.util.TreeSet<>(fields)
                        + ")");
            }
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static UUID uuid(JsonNode n, String field, boolean required) {
        String v = text(n, field);
        if (v == null) {
            if (required) {
                throw new IllegalArgumentException("missing '" + field + "'");
            }
            return null;
        }
        try {
            return UUID.fromString(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + field + "' must be a GUID, got '" + v + "'");
        }
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static <T> T at(String source, String path, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException | NullPointerException | java.time.format.DateTimeParseException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("directory ")) {
                throw e;
            }
            throw new IllegalArgumentException("directory " + source + " " + path + ": " + e.getMessage(), e);
        }
    }
}
