package dev.sluice.emulator.internal.identity.directory;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A directory tenant: its id, verified domain, app registrations and users. Immutable.
 *
 * @param id the tenant id ({@code tid})
 * @param domain the verified domain, usable in place of the id in URLs
 * @param name display name
 * @param apps app registrations
 * @param users users
 */
public record Tenant(UUID id, String domain, String name, List<AppRegistration> apps, List<DirectoryUser> users) {
    public Tenant {
        Objects.requireNonNull(id, "tenant id");
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("tenant " + id + " needs a domain");
        }
        domain = domain.toLowerCase(Locale.ROOT);
        name = name == null ? domain : name;
        apps = List.copyOf(apps == null ? List.of() : apps);
        users = List.copyOf(users == null ? List.of() : users);
    }

    public Optional<AppRegistration> app(UUID clientId) {
        return apps.stream().filter(a -> a.clientId().equals(clientId)).findFirst();
    }

    public Optional<DirectoryUser> user(String upn) {
        return users.stream().filter(u -> u.hasUpn(upn)).findFirst();
    }

    public Optional<DirectoryUser> user(UUID objectId) {
        return users.stream().filter(u -> u.objectId().equals(objectId)).findFirst();
    }

    /** Whether a tenant segment of a URL ({@code id} or domain) names this tenant. */
    public boolean namedBy(String segment) {
        return segment.equalsIgnoreCase(id.toString()) || segment.equalsIgnoreCase(domain);
    }
}
