package dev.sluice.store;

import dev.sluice.store.internal.Checks;
import java.time.Instant;
import java.util.UUID;

/**
 * One user's access to one connection. Immutable and thread-safe.
 *
 * @param connectionId the connection
 * @param user the user's name
 * @param level what they may do
 * @param grantedBy who gave it
 * @param grantedAt when
 */
public record Grant(UUID connectionId, String user, GrantLevel level, String grantedBy, Instant grantedAt) {
    public Grant {
        Checks.required(connectionId, "connection id");
        User.checkName(user);
        Checks.required(level, "grant level");
    }
}
