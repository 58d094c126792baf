package dev.sluice.emulator.internal.identity.directory;

import dev.sluice.core.Secret;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A user of a tenant: who signs in on the sign-in page and whom delegated tokens name. Immutable.
 *
 * @param upn user principal name, e.g. {@code dana@demo.sluice.dev}
 * @param givenName first name
 * @param surname last name
 * @param password the sign-in password
 * @param objectId the Entra object id ({@code oid}); Dataverse maps it through
 *     {@code systemuser.azureactivedirectoryobjectid}
 * @param systemUserId the systemuser row of this user in the org
 */
public record DirectoryUser(
        String upn, String givenName, String surname, Secret password, UUID objectId, UUID systemUserId) {
    public DirectoryUser {
        if (upn == null || !upn.contains("@")) {
            throw new IllegalArgumentException("a user's upn must look like name@domain, got '" + upn + "'");
        }
        Objects.requireNonNull(password, "password of " + upn);
        Objects.requireNonNull(objectId, "objectId of " + upn);
        Objects.requireNonNull(systemUserId, "systemUserId of " + upn);
        givenName = givenName == null ? upn.substring(0, upn.indexOf('@')) : givenName;
        surname = surname == null ? "" : surname;
    }

    public String displayName() {
        return (givenName + " " + surname).trim();
    }

    /** UPNs compare case-insensitively, as Entra ID compares them. */
    public boolean hasUpn(String name) {
        return name != null && upn.toLowerCase(Locale.ROOT).equals(name.trim().toLowerCase(Locale.ROOT));
    }
}
