package dev.sluice.emulator.internal.identity.directory;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The emulated identity directory: tenants with their apps and users. Client ids, object ids and
 * UPNs are unique across the whole directory. Immutable.
 *
 * @param tenants the tenants; the first is the default one (named in Dataverse's bearer challenge)
 */
public record Directory(List<Tenant> tenants) {
    public Directory {
        tenants = List.copyOf(tenants);
        if (tenants.isEmpty()) {
            throw new IllegalArgumentException("the directory needs at least one tenant");
        }
        Set<Object> seen = new HashSet<>();
        for (Tenant t : tenants) {
            require(seen.add(t.id()), "tenant id " + t.id());
            require(seen.add(t.domain()), "tenant domain " + t.domain());
            for (AppRegistration a : t.apps()) {
                require(seen.add(a.clientId()), "client id " + a.clientId());
            }
            for (DirectoryUser u : t.users()) {
                require(seen.add(u.objectId()), "user object id " + u.objectId());
                require(seen.add("upn:" + u.upn().toLowerCase(java.util.Locale.ROOT)), "user " + u.upn());
            }
        }
    }

    private static void require(boolean unique, String what) {
        if (!unique) {
            throw new IllegalArgumentException("the directory declares " + what + " twice");
        }
    }

    public Tenant defaultTenant() {
        return tenants.get(0);
    }

    /**
     * The tenant a URL's tenant segment names: an id or domain; {@code common} and
     * {@code organizations} resolve through the app (or, without one, to the default tenant).
     */
    public Optional<Tenant> tenant(String segment, UUID clientId) {
        if (segment.equalsIgnoreCase("common") || segment.equalsIgnoreCase("organizations")) {
            return Optional.of(clientId == null ? defaultTenant() : tenantOfApp(clientId).orElse(defaultTenant()));
        }
        return tenants.stream().filter(t -> t.namedBy(segment)).findFirst();
    }

    public Optional<Tenant> tenant(UUID id) {
        return tenants.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public Optional<Tenant> tenantOfApp(UUID clientId) {
        return tenants.stream().filter(t -> t.app(clientId).isPresent()).findFirst();
    }

    /** Replaces one app registration (same client id). */
    public Directory withApp(AppRegistration app) {
        return new Directory(tenants.stream().map(t -> new Tenant(t.id(), t.domain(), t.name(),
                t.apps().stream().map(a -> a.clientId().equals(app.clientId()) ? app : a).toList(), t.users()))
                .toList());
    }
}
