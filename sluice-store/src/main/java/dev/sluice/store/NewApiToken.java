package dev.sluice.store;

import dev.sluice.store.internal.Checks;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What a new API token is to be: validated here, checked against its creator by the caller. Immutable.
 *
 * @param user whose token it is
 * @param name what its owner calls it (1-128 characters)
 * @param scopes at least one scope
 * @param connections connection ids it is limited to; empty for all its owner may use
 * @param expiresAt when it stops working (required)
 * @param parentId the token that creates it, or null when a person does (in a browser session)
 */
public record NewApiToken(String user, String name, Set<TokenScope> scopes, Set<UUID> connections, Instant expiresAt,
        UUID parentId) {
    public NewApiToken {
        User.checkName(user);
        name = Checks.text(name, "token name", 128);
        scopes = Set.copyOf(Checks.required(scopes, "token scopes"));
        if (scopes.isEmpty()) {
            throw Checks.invalid("a token needs at least one scope: read, write, manage, admin or tokens");
        }
        connections = Set.copyOf(connections == null ? Set.of() : connections);
        Checks.required(expiresAt, "token expiry");
    }
}
